import Foundation
import HVDiagnostics
import HVSite

/// What `hvwalk serve` is serving: the last site that built, the problems of the last build
/// (if it failed), and a version number that changes whenever either changes, so open pages know
/// when to reload.
actor ServedSite {
  private var files: [String: [UInt8]] = [:]
  private(set) var version = 0
  private(set) var problems: [Diagnostic] = []
  private var waiters: [Int: CheckedContinuation<Int, Never>] = [:]
  private var nextWaiter = 0

  func publish(_ site: Site) {
    files = Dictionary(
      site.files.map { ($0.path, $0.bytes) }, uniquingKeysWith: { first, _ in first })
    problems = []
    bump()
  }

  /// A failed build: keep serving the last good site, and show the problems on every page.
  func fail(_ diagnostics: [Diagnostic]) {
    problems = diagnostics
    bump()
  }

  func file(_ path: String) -> [UInt8]? { files[path] }

  var isEmpty: Bool { files.isEmpty }

  /// Returns as soon as the version is newer than `after`, or after `timeout` seconds with the
  /// current version (the page then simply asks again).
  func waitForChange(after: Int, timeout: Double) async -> Int {
    if version > after { return version }
    let id = nextWaiter
    nextWaiter += 1
    return await withCheckedContinuation { continuation in
      waiters[id] = continuation
      Task {
        try? await Task.sleep(nanoseconds: UInt64(timeout * 1_000_000_000))
        self.release(id)
      }
    }
  }

  private func release(_ id: Int) {
    waiters.removeValue(forKey: id)?.resume(returning: version)
  }

  private func bump() {
    version += 1
    let ready = waiters
    waiters = [:]
    for id in ready.keys.sorted() { ready[id]?.resume(returning: version) }
  }
}
