import CAtomicRename
import Foundation
import HVSite

/// Writes a `Site` so that the output folder is always either the old site or the new one.
///
/// The new site is written to a hidden sibling folder (same file system, so renames are atomic),
/// then exchanged with the old folder in one `renameat2(RENAME_EXCHANGE)`; the old site is
/// deleted afterwards. A build killed at any moment leaves the previous site intact (plus, at
/// worst, a hidden temporary folder that the next build removes).
struct SiteWriter {
  let destination: String

  func write(_ site: Site) throws {
    let manager = FileManager.default
    let target = URL(fileURLWithPath: destination).standardizedFileURL
    let parent = target.deletingLastPathComponent()
    let name = target.lastPathComponent
    try manager.createDirectory(at: parent, withIntermediateDirectories: true)
    removeLeftovers(of: name, in: parent)

    let staging = parent.appendingPathComponent(".\(name).tmp-\(getpid())")
    try manager.createDirectory(at: staging, withIntermediateDirectories: false)
    do {
      try writeFiles(site, into: staging, previous: target)
      try swap(staging, into: target)
    } catch {
      try? manager.removeItem(at: staging)
      throw error
    }
  }

  /// Writes every file into the staging folder. A file whose bytes equal the previous site's
  /// copy is hard-linked instead of written: no new inode, no data written, so a rebuild that
  /// changes one lesson costs little more than that lesson (the swap still replaces the folder
  /// as a whole, and the old folder's names go away with it).
  private func writeFiles(_ site: Site, into folder: URL, previous: URL) throws {
    let manager = FileManager.default
    var created: Set<String> = []
    for file in site.files {
      let url = folder.appendingPathComponent(file.path)
      let directory = url.deletingLastPathComponent().path
      if created.insert(directory).inserted {
        try manager.createDirectory(atPath: directory, withIntermediateDirectories: true)
      }
      let old = previous.appendingPathComponent(file.path).path
      if Self.hasSameBytes(old, file.bytes), link(old, url.path) == 0 { continue }
      try Self.write(file.bytes, to: url.path)
    }
  }

  private static func hasSameBytes(_ path: String, _ bytes: [UInt8]) -> Bool {
    var info = stat()
    guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, Int(info.st_size) == bytes.count,
          let file = fopen(path, "rb") else { return false }
    defer { fclose(file) }
    var buffer = [UInt8](repeating: 0, count: bytes.count)
    let read = buffer.withUnsafeMutableBufferPointer { fread($0.baseAddress, 1, $0.count, file) }
    return read == bytes.count && buffer == bytes
  }

  /// Plain open/write/close. (`Data.write` also fsyncs every file, which made writing a large
  /// site several times slower; the swap below is what makes a build all-or-nothing.)
  private static func write(_ bytes: [UInt8], to path: String) throws {
    guard let file = fopen(path, "wb") else {
      throw CommandFailure("cannot write \(path): \(String(cString: strerror(errno)))")
    }
    let written = bytes.withUnsafeBufferPointer { fwrite($0.baseAddress, 1, $0.count, file) }
    let closed = fclose(file)
    guard written == bytes.count, closed == 0 else {
      throw CommandFailure("cannot write \(path): \(String(cString: strerror(errno)))")
    }
  }

  private func swap(_ staging: URL, into target: URL) throws {
    let manager = FileManager.default
    guard manager.fileExists(atPath: target.path) else {
      try manager.moveItem(at: staging, to: target)
      return
    }
    if hvwalk_exchange_paths(staging.path, target.path) == 0 {
      try manager.removeItem(at: staging)  // now holds the previous site
      return
    }
    // No atomic exchange on this system: keep the old site until the new one is in place.
    let previous = staging.deletingLastPathComponent()
      .appendingPathComponent(".\(target.lastPathComponent).old-\(getpid())")
    try manager.moveItem(at: target, to: previous)
    do {
      try manager.moveItem(at: staging, to: target)
    } catch {
      try? manager.moveItem(at: previous, to: target)
      throw error
    }
    try? manager.removeItem(at: previous)
  }

  /// Hidden folders left by builds that were killed: staging folders are deleted; a previous
  /// site moved aside by the fallback path is put back if the new one never arrived.
  private func removeLeftovers(of name: String, in parent: URL) {
    let manager = FileManager.default
    let target = parent.appendingPathComponent(name)
    let entries = ((try? manager.contentsOfDirectory(atPath: parent.path)) ?? []).sorted()
    for entry in entries where entry.hasPrefix(".\(name).old-") {
      let url = parent.appendingPathComponent(entry)
      if manager.fileExists(atPath: target.path) {
        try? manager.removeItem(at: url)
      } else {
        try? manager.moveItem(at: url, to: target)
      }
    }
    for entry in entries where entry.hasPrefix(".\(name).tmp-") {
      try? manager.removeItem(at: parent.appendingPathComponent(entry))
    }
  }
}
