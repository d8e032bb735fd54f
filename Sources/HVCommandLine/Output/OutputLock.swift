import Foundation

/// One build per output folder at a time: an advisory `flock` on `.<name>.lock` beside the
/// output, held from before the leftovers of dead builds are removed until the new site is in
/// place. The kernel releases it when the process ends, however it ends, so a killed build never
/// leaves a stale lock. A second build waits for the first (saying so), then writes on top of
/// its complete site.
final class OutputLock {
  private let descriptor: Int32

  /// How long a build waits for another one before giving up.
  static let patience: Duration = .seconds(300)

  /// - Parameter announce: told once, if the lock is busy, which process holds it.
  init(parent: URL, name: String, announce: (String) -> Void) throws {
    let path = parent.appendingPathComponent(".\(name).lock").path
    descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
    guard descriptor >= 0 else {
      throw CommandFailure("cannot create the lock file \(path): \(FileSystemError.current)")
    }
    if flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
      guard errno == EWOULDBLOCK else {
        let reason = FileSystemError.current
        close(descriptor)
        throw CommandFailure("cannot lock \(path): \(reason)")
      }
      let holder =
        (try? String(contentsOfFile: path, encoding: .utf8))?.trimmingCharacters(
          in: .whitespacesAndNewlines) ?? ""
      announce(
        "Waiting for another build into \(parent.appendingPathComponent(name).path)/\(holder.isEmpty ? "" : " (process \(holder))") to finish…"
      )
      let clock = ContinuousClock()
      let deadline = clock.now + Self.patience
      while flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
        guard clock.now < deadline else {
          close(descriptor)
          throw CommandFailure(
            "another build into \(name)/ is still running after \(Self.patience.components.seconds) s; nothing was written. Try again when it is done"
          )
        }
        usleep(50_000)
      }
    }
    // Who holds it, for the message another build prints (advisory only).
    _ = ftruncate(descriptor, 0)
    let pid = Array("\(getpid())\n".utf8)
    _ = pid.withUnsafeBytes { pwrite(descriptor, $0.baseAddress, $0.count, 0) }
  }

  deinit {
    flock(descriptor, LOCK_UN)
    close(descriptor)
  }

  /// True if a process with this id is running (or exists but belongs to someone else).
  static func isAlive(_ pid: Int32) -> Bool {
    pid > 0 && (kill(pid, 0) == 0 || errno == EPERM)
  }
}
