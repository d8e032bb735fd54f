import Foundation

/// Ctrl-C (SIGINT) and SIGTERM as a flag the serve loop checks, so the server stops cleanly
/// instead of dying mid-response.
final class InterruptSignal: @unchecked Sendable {
  private let lock = NSLock()
  private var flag = false
  private var sources: [DispatchSourceSignal] = []

  init() {
    for number in [SIGINT, SIGTERM] {
      signal(number, SIG_IGN)
      let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
      source.setEventHandler { [weak self] in self?.set() }
      source.resume()
      sources.append(source)
    }
  }

  var received: Bool {
    lock.lock()
    defer { lock.unlock() }
    return flag
  }

  private func set() {
    lock.lock()
    flag = true
    lock.unlock()
  }
}
