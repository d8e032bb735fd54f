import CAtomicRename
import Foundation
import HVSite

/// Writes a `Site` so that the output folder is always either the old site or the new one.
///
/// In order: ``OutputGuard`` refuses an output that is not a site (the content folder, a folder
/// of someone's files, a file); ``OutputLock`` makes this the only build writing there; the
/// leftovers of dead builds are removed; the new site is written to a hidden sibling folder
/// `.<name>.tmp-<pid>` (same file system, so renames are atomic), with the marker a later build
/// recognises; then exchanged with the old folder in one `renameat2(RENAME_EXCHANGE)`, and the old
/// site deleted. A build killed at any moment leaves the previous site intact (plus, at worst, a
/// hidden staging folder that the next build removes); a build that fails to write (a full disk)
/// removes its staging folder and leaves the previous site as it was.
struct SiteWriter {
  let destination: String
  /// The content folder, which no output may be or contain.
  var content: String = "Content"
  /// Replace a folder that is not a site (never the content folder, a file or an ancestor).
  var force = false
  /// Where "waiting for another build" is said.
  var announce: (String) -> Void = { _ in }

  /// - Parameter inputs: the fingerprint of what the site was built from; recorded beside the
  ///   output once the site is in place (``BuildState``), so the next build over the same
  ///   inputs can skip.
  func write(_ site: Site, inputs: String? = nil) throws {
    let manager = FileManager.default
    let target = URL(fileURLWithPath: destination).standardizedFileURL
    let parent = target.deletingLastPathComponent()
    let name = target.lastPathComponent
    try OutputGuard.check(target, content: content, force: force)
    do {
      try manager.createDirectory(at: parent, withIntermediateDirectories: true)
    } catch {
      throw CommandFailure("create", parent.path, error)
    }
    let lock = try OutputLock(parent: parent, name: name, announce: announce)
    defer { withExtendedLifetime(lock) {} }
    // The lock is held: no live build writes here, so what is left belongs to dead ones.
    removeLeftovers(of: name, in: parent)

    let staging = parent.appendingPathComponent(".\(name).tmp-\(getpid())")
    do {
      try manager.createDirectory(at: staging, withIntermediateDirectories: false)
    } catch {
      throw CommandFailure("create", staging.path, error)
    }
    do {
      try writeFiles(site, into: staging, previous: target)
      try Self.write(
        Array(OutputGuard.markerText.utf8),
        to: staging.appendingPathComponent(OutputGuard.markerName).path)
      try swap(staging, into: target)
      if let inputs { BuildState.record(target.path, inputs: inputs, files: site.files.count) }
    } catch {
      try? manager.removeItem(at: staging)
      throw error
    }
  }

  /// Removes what dead builds left beside the output (staging folders, a site moved aside),
  /// under the lock, without writing anything: what a build that has nothing to write still
  /// does, so that a killed build's leftovers never outlive the next build.
  func removeLeftovers() throws {
    let target = URL(fileURLWithPath: destination).standardizedFileURL
    let parent = target.deletingLastPathComponent()
    let lock = try OutputLock(
      parent: parent, name: target.lastPathComponent, announce: announce)
    defer { withExtendedLifetime(lock) {} }
    removeLeftovers(of: target.lastPathComponent, in: parent)
  }

  /// Writes every file into the staging folder. A file whose bytes equal the previous site's
  /// copy is hard-linked instead of written: no new inode, no data written, so a rebuild that
  /// changes one lesson costs little more than that lesson (the swap still replaces the folder
  /// as a whole, and the old folder's names go away with it).
  ///
  /// Folders first, then the files on every core: creating a thousand files is mostly the
  /// file system's own work (inode allocation), which runs in parallel in the kernel. The
  /// first error (in file order) is the one reported.
  private func writeFiles(_ site: Site, into folder: URL, previous: URL) throws {
    let manager = FileManager.default
    var created: Set<String> = []
    for file in site.files {
      let directory = (folder.path + "/" + file.path).deletingLastPathComponentOfPath
      if created.insert(directory).inserted {
        do {
          try manager.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
          throw CommandFailure("create", directory, error)
        }
      }
    }
    let files = site.files
    let root = folder.path
    let old = previous.path
    let failures = FailureSlots()
    DispatchQueue.concurrentPerform(iterations: files.count) { index in
      let file = files[index]
      let path = root + "/" + file.path
      let earlier = old + "/" + file.path
      if Self.hasSameBytes(earlier, file.bytes), link(earlier, path) == 0 { return }
      do {
        try Self.write(file.bytes, to: path)
      } catch {
        failures.record(error, at: index)
      }
    }
    if let failure = failures.first { throw failure }
  }

  private static func hasSameBytes(_ path: String, _ bytes: [UInt8]) -> Bool {
    var info = stat()
    guard lstat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG,
      Int(info.st_size) == bytes.count,
      let file = fopen(path, "rb")
    else { return false }
    defer { fclose(file) }
    var buffer = [UInt8](repeating: 0, count: bytes.count)
    let read = buffer.withUnsafeMutableBufferPointer { fread($0.baseAddress, 1, $0.count, file) }
    return read == bytes.count && buffer == bytes
  }

  /// Plain open/write/close. (`Data.write` also fsyncs every file, which made writing a large
  /// site several times slower; the swap below is what makes a build all-or-nothing.)
  private static func write(_ bytes: [UInt8], to path: String) throws {
    guard let file = fopen(path, "wb") else {
      throw CommandFailure("cannot write \(path): \(FileSystemError.current)")
    }
    let written = bytes.withUnsafeBufferPointer { fwrite($0.baseAddress, 1, $0.count, file) }
    let writeError = errno
    let closed = fclose(file)
    guard written == bytes.count, closed == 0 else {
      let reason = String(cString: strerror(written == bytes.count ? errno : writeError))
      throw CommandFailure("cannot write \(path): \(reason)")
    }
  }

  private func swap(_ staging: URL, into target: URL) throws {
    let manager = FileManager.default
    guard manager.fileExists(atPath: target.path) else {
      do {
        try manager.moveItem(at: staging, to: target)
      } catch {
        throw CommandFailure("move the new site to", target.path, error)
      }
      return
    }
    if hvwalk_exchange_paths(staging.path, target.path) == 0 {
      try? manager.removeItem(at: staging)  // now holds the previous site
      return
    }
    // No atomic exchange on this system: keep the old site until the new one is in place.
    let previous = staging.deletingLastPathComponent()
      .appendingPathComponent(".\(target.lastPathComponent).old-\(getpid())")
    do {
      try manager.moveItem(at: target, to: previous)
    } catch {
      throw CommandFailure("move the previous site aside from", target.path, error)
    }
    do {
      try manager.moveItem(at: staging, to: target)
    } catch {
      try? manager.moveItem(at: previous, to: target)
      throw CommandFailure("move the new site to", target.path, error)
    }
    try? manager.removeItem(at: previous)
  }

  /// Hidden folders left by builds that died, called with the lock held: a staging folder is
  /// deleted once the process named in it is gone (a build of an older hvwalk that took no lock
  /// may still be running); a previous site moved aside by the fallback path is put back if the
  /// new one never arrived.
  private func removeLeftovers(of name: String, in parent: URL) {
    let manager = FileManager.default
    let target = parent.appendingPathComponent(name)
    let entries = ((try? manager.contentsOfDirectory(atPath: parent.path)) ?? []).sorted()
    func owner(_ entry: String, _ prefix: String) -> Int32? {
      entry.hasPrefix(prefix) ? Int32(entry.dropFirst(prefix.count)) : nil
    }
    for entry in entries {
      guard let pid = owner(entry, ".\(name).old-"), !OutputLock.isAlive(pid) || pid == getpid()
      else { continue }
      let url = parent.appendingPathComponent(entry)
      if manager.fileExists(atPath: target.path) {
        try? manager.removeItem(at: url)
      } else {
        try? manager.moveItem(at: url, to: target)
      }
    }
    for entry in entries {
      guard
        let pid = owner(entry, ".\(name).tmp-") ?? owner(entry, ".\(name).state.tmp-"),
        !OutputLock.isAlive(pid) || pid == getpid()
      else { continue }
      try? manager.removeItem(at: parent.appendingPathComponent(entry))
    }
  }
}

/// The errors of a parallel write, one slot per file, so the one reported does not depend on
/// which thread failed first.
private final class FailureSlots: @unchecked Sendable {
  private let lock = NSLock()
  private var errors: [Int: any Error] = [:]

  func record(_ error: any Error, at index: Int) {
    lock.lock()
    errors[index] = error
    lock.unlock()
  }

  var first: (any Error)? {
    lock.lock()
    defer { lock.unlock() }
    return errors.keys.min().flatMap { errors[$0] }
  }
}

extension String {
  /// `a/b/c.html` → `a/b` (what `URL.deletingLastPathComponent` does, without building URLs).
  fileprivate var deletingLastPathComponentOfPath: String {
    guard let slash = lastIndex(of: "/") else { return "." }
    return String(self[..<slash])
  }
}
