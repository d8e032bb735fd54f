/// The start of an HTTP/1.1 request, read with hard limits and in one linear pass.
///
/// FlyingFox, which `serve` used before, rescanned the line read so far for every byte it
/// received (`Sequence.suffix` on the whole buffer), so a 30 KB URL took 17 s of CPU and kept
/// going after the client left; any web page the author visits could send that to 127.0.0.1.
/// Here the request line may be at most ``maximumLine`` bytes (else 414) and the whole head at
/// most ``maximumHead`` bytes and ``maximumHeaders`` lines (else 431), and each byte is looked
/// at a bounded number of times.
struct RequestHead: Equatable {
  var method: String
  /// The decoded path, starting with `/`.
  var path: String
  /// The raw query (after `?`), without decoding.
  var query: String
  /// Header names in lower case.
  var headers: [String: String]

  static let maximumLine = 8 * 1024
  static let maximumHead = 32 * 1024
  static let maximumHeaders = 100

  enum Failure: Error, Equatable {
    case uriTooLong, headersTooLarge, badRequest
    var status: HTTPStatus {
      switch self {
      case .uriTooLong: .uriTooLong
      case .headersTooLarge: .headersTooLarge
      case .badRequest: .badRequest
      }
    }
  }

  /// Finds where a head ends while its bytes arrive, looking at each byte once (a client that
  /// sends one byte per packet costs no more than one that sends the head at once), and fails
  /// as soon as a limit is exceeded.
  struct Scanner {
    private var next = 0
    private var lineEnded = false
    private var last: UInt8 = 0
    private var beforeLast: UInt8 = 0

    /// Where the head ends in `bytes` (the index after the blank line), or nil if it has not
    /// all arrived; `bytes` is everything received so far.
    mutating func end(of bytes: [UInt8]) throws(Failure) -> Int? {
      while next < bytes.count {
        let byte = bytes[next]
        next += 1
        if byte == 0x0A {
          lineEnded = true
          // "\n\n" or "\n\r\n": an empty line ends the head.
          if last == 0x0A || (last == 0x0D && beforeLast == 0x0A) { return next }
        }
        (beforeLast, last) = (last, byte)
        if !lineEnded && next > RequestHead.maximumLine { throw .uriTooLong }
        if next > RequestHead.maximumHead { throw .headersTooLarge }
      }
      return nil
    }
  }

  /// Parses a complete head (as delimited by ``end(of:scanned:)``).
  static func parse(_ bytes: ArraySlice<UInt8>) throws(Failure) -> RequestHead {
    guard bytes.count <= maximumHead + 4 else { throw .headersTooLarge }
    // Split on bytes: as Characters, "\r\n" is one grapheme and would not split on "\n".
    var lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false).map { line in
      Substring(decoding: line.last == 0x0D ? line.dropLast() : line, as: UTF8.self)
    }
    while lines.last?.isEmpty == true { lines.removeLast() }
    guard let requestLine = lines.first else { throw .badRequest }
    guard requestLine.utf8.count <= maximumLine else { throw .uriTooLong }
    guard lines.count - 1 <= maximumHeaders else { throw .headersTooLarge }
    let parts = requestLine.split(separator: " ", omittingEmptySubsequences: false)
    guard parts.count == 3, !parts[0].isEmpty, parts[2].hasPrefix("HTTP/1."),
      parts[0].utf8.allSatisfy({ (0x41...0x5A).contains($0) })
    else { throw .badRequest }
    let target = parts[1]
    guard target.hasPrefix("/") else { throw .badRequest }
    let (rawPath, query): (Substring, Substring) = {
      guard let mark = target.firstIndex(of: "?") else { return (target, "") }
      return (target[..<mark], target[target.index(after: mark)...])
    }()
    guard let path = percentDecoded(rawPath), !path.contains("\0") else { throw .badRequest }
    var headers: [String: String] = [:]
    for line in lines.dropFirst() {
      guard let colon = line.firstIndex(of: ":") else { throw .badRequest }
      let name = line[..<colon].lowercased()
      guard !name.isEmpty, !name.contains(" ") else { throw .badRequest }
      headers[name] = line[line.index(after: colon)...].trimmingSpaces()
    }
    return RequestHead(method: String(parts[0]), path: path, query: String(query), headers: headers)
  }

  /// `%XX` decoded in one pass; nil if an escape is malformed or the result is not UTF-8.
  static func percentDecoded(_ text: Substring) -> String? {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(text.utf8.count)
    var iterator = text.utf8.makeIterator()
    while let byte = iterator.next() {
      guard byte == 0x25 else {
        bytes.append(byte)
        continue
      }
      guard let high = iterator.next().flatMap(hexValue),
        let low = iterator.next().flatMap(hexValue)
      else { return nil }
      bytes.append(high << 4 | low)
    }
    return String(validating: bytes, as: UTF8.self)
  }

  private static func hexValue(_ byte: UInt8) -> UInt8? {
    switch byte {
    case 0x30...0x39: byte - 0x30
    case 0x41...0x46: byte - 0x41 + 10
    case 0x61...0x66: byte - 0x61 + 10
    default: nil
    }
  }

  /// The value of `name` in the query (`version=3`), undecoded.
  func queryValue(_ name: String) -> String? {
    for pair in query.split(separator: "&") {
      let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
      if parts.first.map(String.init) == name { return parts.count > 1 ? String(parts[1]) : "" }
    }
    return nil
  }
}

extension Substring {
  func trimmingSpaces() -> String {
    var slice = self[...]
    while slice.first == " " || slice.first == "\t" { slice = slice.dropFirst() }
    while slice.last == " " || slice.last == "\t" { slice = slice.dropLast() }
    return String(slice)
  }
}

/// The statuses `serve` answers with.
struct HTTPStatus: Equatable, Sendable {
  var code: Int
  var reason: String

  static let ok = HTTPStatus(code: 200, reason: "OK")
  static let movedPermanently = HTTPStatus(code: 301, reason: "Moved Permanently")
  static let badRequest = HTTPStatus(code: 400, reason: "Bad Request")
  static let forbidden = HTTPStatus(code: 403, reason: "Forbidden")
  static let notFound = HTTPStatus(code: 404, reason: "Not Found")
  static let methodNotAllowed = HTTPStatus(code: 405, reason: "Method Not Allowed")
  static let requestTimeout = HTTPStatus(code: 408, reason: "Request Timeout")
  static let uriTooLong = HTTPStatus(code: 414, reason: "URI Too Long")
  static let headersTooLarge = HTTPStatus(code: 431, reason: "Request Header Fields Too Large")
  static let serviceUnavailable = HTTPStatus(code: 503, reason: "Service Unavailable")
}

/// What `serve` sends back: a status, headers in order, and the body.
struct ServeResponse: Sendable {
  var status: HTTPStatus
  var headers: [(String, String)]
  var body: [UInt8]

  init(_ status: HTTPStatus, headers: [(String, String)] = [], body: [UInt8] = []) {
    self.status = status
    self.headers = headers
    self.body = body
  }

  func header(_ name: String) -> String? {
    headers.first { $0.0.lowercased() == name.lowercased() }?.1
  }

  /// The bytes on the wire; `HEAD` gets the headers only. Every connection is closed after one
  /// response, so nothing of a request can linger.
  func encoded(includeBody: Bool) -> [UInt8] {
    var head = "HTTP/1.1 \(status.code) \(status.reason)\r\n"
    for (name, value) in headers { head += "\(name): \(value)\r\n" }
    head += "Content-Length: \(body.count)\r\nConnection: close\r\n\r\n"
    return Array(head.utf8) + (includeBody ? body : [])
  }
}
