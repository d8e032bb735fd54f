import Foundation
import HVTestSupport
import Testing

/// `hvwalk serve` against what any web page could send to 127.0.0.1 (issue 15, item 3): long
/// request lines and headers, other methods, folders without a slash, other host names.
@Suite(.serialized) struct ServeHardeningTests {
  /// One request over a raw socket, as written (no client library normalising it).
  static func exchange(_ port: Int, _ request: [UInt8], timeout: Double = 5) -> String {
    let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    defer { close(descriptor) }
    var tv = timeval(tv_sec: Int(timeout), tv_usec: 0)
    setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = UInt16(port).bigEndian
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    let connected = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
      }
    }
    guard connected == 0 else { return "" }
    var offset = 0
    while offset < request.count {
      let sent = request.withUnsafeBytes {
        send(descriptor, $0.baseAddress! + offset, request.count - offset, Int32(MSG_NOSIGNAL))
      }
      if sent <= 0 { break }  // the server may answer and close before reading everything
      offset += sent
    }
    var response: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 65536)
    while true {
      let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
      if count <= 0 { break }
      response += buffer[..<count]
    }
    return String(decoding: response, as: UTF8.self)
  }

  static func get(_ port: Int, _ target: String, method: String = "GET", headers: String = "")
    -> String
  {
    exchange(
      port, Array("\(method) \(target) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\n\(headers)\r\n".utf8))
  }

  static func status(_ response: String) -> Int {
    Int(response.split(separator: " ").dropFirst().first ?? "") ?? 0
  }

  /// Starts `serve` on a free port; returns the process and the port.
  static func startServer(in folder: TemporaryFolder) throws -> (Process, Int) {
    let process = Hvwalk.start(
      ["serve", "--port", "0"], in: folder.url, environment: ["NO_COLOR": "1"])
    let pipe = Pipe()
    let output = ServeCommandTests.Output()
    process.standardOutput = pipe
    process.standardError = pipe
    pipe.fileHandleForReading.readabilityHandler = { output.append($0.availableData) }
    try process.run()
    let deadline = Date().addingTimeInterval(60)
    while Date() < deadline, output.value.firstMatch(of: /127\.0\.0\.1:(\d+)\//) == nil {
      Thread.sleep(forTimeInterval: 0.05)
    }
    let port = try #require(
      output.value.firstMatch(of: /127\.0\.0\.1:(\d+)\//).flatMap { Int($0.1) })
    return (process, port)
  }

  @Test func hostileRequestsAreAnsweredQuicklyAndSafely() throws {
    let folder = try TemporaryFolder()
    try copyFolder(Repository.url("Content"), to: folder.url.appendingPathComponent("Content"))
    let (process, port) = try Self.startServer(in: folder)
    defer {
      kill(process.processIdentifier, SIGINT)
      process.waitUntilExit()
    }

    // A 64 KB URL: refused at once (it took 17 s for 30 KB before, with the CPU kept busy).
    let clock = ContinuousClock()
    let started = clock.now
    let long = Self.get(port, "/" + String(repeating: "a", count: 64 * 1024))
    let elapsed = clock.now - started
    #expect(Self.status(long) == 414, "\(long.prefix(200))")
    #expect(elapsed < .seconds(1), "a 64 KB URL took \(elapsed)")
    // Just under the line limit: handled (404), in linear time.
    let nearLimit = clock.now
    #expect(Self.status(Self.get(port, "/" + String(repeating: "b/", count: 3_900))) == 404)
    #expect(clock.now - nearLimit < .seconds(1))

    let hugeHeader = Self.get(
      port, "/en/", headers: "X-Filler: \(String(repeating: "x", count: 40_000))\r\n")
    #expect(Self.status(hugeHeader) == 431)
    let manyHeaders = Self.get(port, "/en/", headers: String(repeating: "X-A: b\r\n", count: 150))
    #expect(Self.status(manyHeaders) == 431)

    for method in ["POST", "DELETE", "PUT", "OPTIONS"] {
      let answer = Self.get(port, "/en/", method: method)
      #expect(Self.status(answer) == 405, "\(method): \(answer.prefix(100))")
      #expect(answer.contains("Allow: GET, HEAD"))
    }
    let head = Self.get(port, "/en/index.html", method: "HEAD")
    #expect(Self.status(head) == 200)
    #expect(!head.contains("<html"), "HEAD has no body")

    let redirect = Self.get(port, "/en")
    #expect(Self.status(redirect) == 301)
    #expect(redirect.contains("Location: /en/\r\n"))

    let page = Self.get(port, "/en/vmbus.html")
    #expect(Self.status(page) == 200)
    let layout = try String(
      contentsOf: Repository.url("Content/theme/templates/layout.mustache"), encoding: .utf8)
    let policy = try #require(
      layout.firstMatch(of: /Content-Security-Policy" content="([^"]+)"/)?.1)
    #expect(
      page.contains("Content-Security-Policy: \(policy); frame-ancestors 'none'\r\n"),
      "serve sends the pages' policy")
    #expect(page.contains("X-Content-Type-Options: nosniff\r\n"))
    #expect(page.contains("Referrer-Policy: no-referrer\r\n"))

    let rebound = Self.exchange(
      port, Array("GET /en/ HTTP/1.1\r\nHost: attacker.example\r\n\r\n".utf8))
    #expect(Self.status(rebound) == 403, "a page whose name resolves to 127.0.0.1 is refused")
    #expect(Self.status(Self.get(port, "/%2e%2e/%2e%2e/etc/passwd")) == 400)
    #expect(Self.status(Self.get(port, "/%zz")) == 400)
    #expect(Self.status(Self.exchange(port, Array("NONSENSE\r\n\r\n".utf8))) == 400)

    // Still serving normally after all that.
    #expect(Self.status(Self.get(port, "/en/")) == 200)
  }
}
