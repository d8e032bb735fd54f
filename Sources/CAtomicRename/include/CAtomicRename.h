#ifndef HVWALK_CATOMICRENAME_H
#define HVWALK_CATOMICRENAME_H

/// Atomically exchanges two existing paths (Linux renameat2 with RENAME_EXCHANGE), so a new
/// site folder replaces the old one with no moment where neither, or half of one, exists.
/// Returns 0 on success, or -1 with errno set (ENOSYS/EINVAL where the kernel or file system
/// does not support the exchange; the caller then falls back to two renames).
int hvwalk_exchange_paths(const char *first, const char *second);

#endif
