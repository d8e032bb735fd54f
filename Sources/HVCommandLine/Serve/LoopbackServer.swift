import Foundation

/// A small HTTP/1.1 server on 127.0.0.1 for `hvwalk serve`: one request per connection, read
/// with the limits of ``RequestHead`` and a deadline, answered by an async handler.
///
/// Each connection gets its own thread (blocking reads with a timeout are simple and cannot
/// stall Swift's cooperative pool, where the handler's long polls wait); at most
/// ``maximumConnections`` are served at once and the rest are told 503 at once. A client that
/// sends nothing, or sends slowly, is dropped after ``headDeadline``.
final class LoopbackServer: @unchecked Sendable {
  typealias Handler = @Sendable (RequestHead) async -> ServeResponse

  static let maximumConnections = 64
  static let headDeadline: Duration = .seconds(10)

  private let listener: Int32
  private let handler: Handler
  private let lock = NSLock()
  private var open = 0
  private var stopped = false
  /// The port actually bound (useful with port 0).
  let port: UInt16

  init(port requested: UInt16, handler: @escaping Handler) throws {
    signal(SIGPIPE, SIG_IGN)
    let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard descriptor >= 0 else {
      throw CommandFailure("cannot open a socket: \(FileSystemError.current)")
    }
    var yes: Int32 = 1
    setsockopt(descriptor, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = requested.bigEndian
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    let bound = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
      }
    }
    guard bound == 0, listen(descriptor, 128) == 0 else {
      let reason = FileSystemError.current
      close(descriptor)
      throw CommandFailure(
        "cannot listen on 127.0.0.1:\(requested): \(reason) (choose another --port, or 0 for any free one)"
      )
    }
    var actual = sockaddr_in()
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    _ = withUnsafeMutablePointer(to: &actual) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
    }
    listener = descriptor
    port = UInt16(bigEndian: actual.sin_port)
    self.handler = handler
  }

  /// Accepts connections on a thread of its own until ``stop()``.
  func start() {
    let thread = Thread { [self] in acceptLoop() }
    thread.name = "hvwalk-serve-accept"
    thread.start()
  }

  func stop() {
    lock.lock()
    stopped = true
    lock.unlock()
    shutdown(listener, Int32(SHUT_RDWR))
    close(listener)
  }

  private func acceptLoop() {
    while true {
      let client = accept(listener, nil, nil)
      if client < 0 {
        if errno == EINTR || errno == ECONNABORTED { continue }
        lock.lock()
        let done = stopped
        lock.unlock()
        if done { return }
        usleep(10_000)  // out of descriptors: let connections finish
        continue
      }
      lock.lock()
      let admitted = open < Self.maximumConnections
      if admitted { open += 1 }
      lock.unlock()
      guard admitted else {
        Self.send(
          ServeResponse(.serviceUnavailable, body: Array("Too many connections\n".utf8)).encoded(
            includeBody: true), to: client)
        close(client)
        continue
      }
      let thread = Thread { [self] in
        serve(client)
        close(client)
        lock.lock()
        open -= 1
        lock.unlock()
      }
      thread.stackSize = 512 * 1024
      thread.start()
    }
  }

  private func serve(_ client: Int32) {
    var timeout = timeval(tv_sec: 1, tv_usec: 0)
    setsockopt(client, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    var sendTimeout = timeval(tv_sec: 10, tv_usec: 0)
    setsockopt(client, SOL_SOCKET, SO_SNDTIMEO, &sendTimeout, socklen_t(MemoryLayout<timeval>.size))
    defer { Self.drain(client) }
    let clock = ContinuousClock()
    let deadline = clock.now + Self.headDeadline
    var received: [UInt8] = []
    var scanner = RequestHead.Scanner()
    var chunk = [UInt8](repeating: 0, count: 4096)
    while true {
      let count = chunk.withUnsafeMutableBytes { recv(client, $0.baseAddress, $0.count, 0) }
      if count == 0 { return }  // the client left
      if count < 0 {
        guard errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR, clock.now < deadline else {
          if clock.now >= deadline {
            Self.send(Self.failure(.requestTimeout).encoded(includeBody: true), to: client)
          }
          return
        }
        continue
      }
      received += chunk[..<count]
      do {
        guard let end = try scanner.end(of: received) else {
          if clock.now >= deadline {
            Self.send(Self.failure(.requestTimeout).encoded(includeBody: true), to: client)
            return
          }
          continue
        }
        let head = try RequestHead.parse(received[..<end])
        let response = respond(head)
        Self.send(response.encoded(includeBody: head.method != "HEAD"), to: client)
        return
      } catch {
        Self.send(Self.failure(error.status).encoded(includeBody: true), to: client)
        return
      }
    }
  }

  /// Runs the async handler from this connection's thread and waits for its answer.
  private func respond(_ head: RequestHead) -> ServeResponse {
    let box = ResponseBox()
    let semaphore = DispatchSemaphore(value: 0)
    let handler = self.handler
    Task {
      box.value = await handler(head)
      semaphore.signal()
    }
    semaphore.wait()
    return box.value ?? Self.failure(.serviceUnavailable)
  }

  static func failure(_ status: HTTPStatus) -> ServeResponse {
    ServeResponse(
      status,
      headers: ServeHandler.securityHeaders + [("Content-Type", "text/plain; charset=utf-8")],
      body: Array("\(status.code) \(status.reason)\n".utf8))
  }

  /// Reads (and drops) what the client still sends — a body after a refused head — so closing
  /// does not reset the connection before the client read the answer. Bounded in bytes and time.
  private static func drain(_ client: Int32) {
    var buffer = [UInt8](repeating: 0, count: 4096)
    var total = 0
    while total < 256 * 1024 {
      let count = buffer.withUnsafeMutableBytes { recv(client, $0.baseAddress, $0.count, 0) }
      if count <= 0 { return }
      total += count
    }
  }

  private static func send(_ bytes: [UInt8], to client: Int32) {
    var offset = 0
    while offset < bytes.count {
      let sent = bytes.withUnsafeBytes {
        Glibc.send(client, $0.baseAddress! + offset, bytes.count - offset, Int32(MSG_NOSIGNAL))
      }
      if sent <= 0 {
        if sent < 0 && errno == EINTR { continue }
        return
      }
      offset += sent
    }
    shutdown(client, Int32(SHUT_WR))
  }
}

private final class ResponseBox: @unchecked Sendable {
  var value: ServeResponse?
}
