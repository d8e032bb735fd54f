import Foundation
import HVTestSupport
import Testing

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// `hvwalk serve` over loopback, as an author uses it: a page is served, an edit triggers a
/// rebuild and a reload event, a broken edit keeps the last good page and reports the error,
/// and Ctrl-C stops the server cleanly.
@Suite(.serialized) struct ServeCommandTests {
  /// Reads the server's output lines as they come.
  final class Output: @unchecked Sendable {
    private let lock = NSLock()
    private var text = ""
    func append(_ data: Data) {
      lock.lock()
      text += String(decoding: data, as: UTF8.self)
      lock.unlock()
    }
    var value: String {
      lock.lock()
      defer { lock.unlock() }
      return text
    }
  }

  func get(_ url: String, timeout: TimeInterval = 10) throws -> (status: Int, body: String) {
    var request = URLRequest(url: URL(string: url)!)
    request.timeoutInterval = timeout
    let semaphore = DispatchSemaphore(value: 0)
    nonisolated(unsafe) var result: (Int, String) = (0, "")
    URLSession.shared.dataTask(with: request) { data, response, _ in
      result = (
        (response as? HTTPURLResponse)?.statusCode ?? 0,
        String(decoding: data ?? Data(), as: UTF8.self)
      )
      semaphore.signal()
    }.resume()
    _ = semaphore.wait(timeout: .now() + timeout + 1)
    return result
  }

  func waitFor(_ condition: () -> Bool, seconds: Double = 20) -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
      if condition() { return true }
      Thread.sleep(forTimeInterval: 0.05)
    }
    return condition()
  }

  @Test func servesRebuildsReloadsAndKeepsTheLastGoodSite() throws {
    let folder = try TemporaryFolder()
    try copyFolder(Repository.url("Content"), to: folder.url.appendingPathComponent("Content"))
    let process = Hvwalk.start(
      ["serve", "--port", "0"], in: folder.url, environment: ["NO_COLOR": "1"])
    let pipe = Pipe()
    let output = Output()
    process.standardOutput = pipe
    process.standardError = pipe
    pipe.fileHandleForReading.readabilityHandler = { output.append($0.availableData) }
    try process.run()
    defer { if process.isRunning { process.terminate() } }

    #expect(waitFor { output.value.contains("Serving ") })
    let port = try #require(output.value.firstMatch(of: /127\.0\.0\.1:(\d+)\//)?.1)
    let base = "http://127.0.0.1:\(port)"
    let page = "\(base)/en/hyper-v-at-a-glance.html"

    let first = try get(page)
    #expect(first.status == 200)
    #expect(first.body.contains("/__hvwalk/reload.js"), "serve adds its reload script")
    let version = try #require(first.body.firstMatch(of: /data-version="(\d+)"/)?.1)
    #expect(try get("\(base)/__hvwalk/reload.js").status == 200)
    #expect(try get("\(base)/../etc/passwd").status != 200)
    #expect(
      !(try String(contentsOfFile: Repository.url("Site/en/index.html").path, encoding: .utf8)
        .contains("__hvwalk")), "the built Site/ never contains the reload script")

    // An edit: the long poll answers with a new version, and the page has the edit.
    let lesson = folder.path("Content/lessons/en/hyper-v-at-a-glance.md")
    let original = try String(contentsOfFile: lesson, encoding: .utf8)
    try (original + "\nA sentence added while serving.\n").write(
      toFile: lesson, atomically: true, encoding: .utf8)
    let next = try get("\(base)/__hvwalk/wait?version=\(version)", timeout: 20)
    #expect(next.body != String(version), "the reload event carries a new version")
    #expect(try get(page).body.contains("A sentence added while serving."))

    // A broken edit: the last good page is still served, with the problem on it and in the terminal.
    try original.replacingOccurrences(of: "order:", with: "ordr:").write(
      toFile: lesson, atomically: true, encoding: .utf8)
    #expect(waitFor { output.value.contains("unknown key 'ordr'") })
    let broken = try get(page)
    #expect(broken.status == 200)
    #expect(
      broken.body.contains("A sentence added while serving."),
      "the last good site keeps being served")
    #expect(broken.body.contains("hvwalk-serve-errors"))
    #expect(
      broken.body.contains("unknown key &#39;ordr&#39;")
        || broken.body.contains("unknown key 'ordr'"))

    // Ctrl-C stops it cleanly.
    kill(process.processIdentifier, SIGINT)
    #expect(waitFor({ !process.isRunning }, seconds: 10))
    #expect(process.terminationStatus == 0)
    #expect(output.value.contains("Stopped."))
  }
}
