import Foundation
import HVDiagnostics

/// Answers the browser: site files from memory, with a small reload script and, after a failed
/// build, the build's problems added to every HTML page. Only `hvwalk serve` adds these; the
/// built `Site/` never contains them.
///
/// Only `GET` and `HEAD` (405 otherwise), only for this server's own host name (a page on
/// another site that resolves its name to 127.0.0.1 is refused), a folder without its slash is
/// redirected to it (301; otherwise the page's relative links would break), and every answer
/// carries the pages' security headers.
struct ServeHandler: Sendable {
  let site: ServedSite
  /// The port served, for the `Host` check.
  let port: UInt16

  static let reloadPath = "/__hvwalk/reload.js"
  static let stylePath = "/__hvwalk/serve.css"
  static let waitPath = "/__hvwalk/wait"

  /// The policy of the pages' `<meta http-equiv="Content-Security-Policy">` in
  /// `Content/theme/templates/layout.mustache` (a test keeps the two equal), plus what only a
  /// header can say: no framing.
  static let contentSecurityPolicy =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'"

  static let securityHeaders: [(String, String)] = [
    ("Content-Security-Policy", contentSecurityPolicy + "; frame-ancestors 'none'"),
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "no-referrer"),
    ("X-Frame-Options", "DENY"),
    ("Cross-Origin-Resource-Policy", "same-origin"),
    ("Cache-Control", "no-store"),
  ]

  func handle(_ request: RequestHead) async -> ServeResponse {
    guard request.method == "GET" || request.method == "HEAD" else {
      var response = LoopbackServer.failure(.methodNotAllowed)
      response.headers.append(("Allow", "GET, HEAD"))
      return response
    }
    guard isOwnHost(request.headers["host"]) else { return LoopbackServer.failure(.forbidden) }
    switch request.path {
    case Self.reloadPath:
      return response(Array(Self.reloadScript.utf8), type: "text/javascript; charset=utf-8")
    case Self.stylePath:
      return response(Array(Self.errorStyle.utf8), type: "text/css; charset=utf-8")
    case Self.waitPath:
      let after = Int(request.queryValue("version") ?? "") ?? 0
      let version = await site.waitForChange(after: after, timeout: 25)
      return response(Array(String(version).utf8), type: "text/plain; charset=utf-8")
    default:
      return await file(request)
    }
  }

  /// `127.0.0.1:<port>`, `localhost:<port>` (or without the port): DNS rebinding sends another name.
  private func isOwnHost(_ host: String?) -> Bool {
    guard let host = host?.lowercased() else { return true }  // HTTP/1.0 clients send none
    return ["127.0.0.1", "localhost"].contains { host == $0 || host == "\($0):\(port)" }
  }

  private func file(_ request: RequestHead) async -> ServeResponse {
    guard let path = Self.sitePath(request.path) else { return LoopbackServer.failure(.badRequest) }
    let candidate = path.isEmpty || path.hasSuffix("/") ? path + "index.html" : path
    if let bytes = await site.file(candidate) {
      if candidate.hasSuffix(".html") {
        return response(await decorate(bytes), type: Self.type(of: candidate))
      }
      return response(bytes, type: Self.type(of: candidate))
    }
    if !path.hasSuffix("/"), await site.file(path + "/index.html") != nil {
      let location = "/" + path + "/" + (request.query.isEmpty ? "" : "?" + request.query)
      return ServeResponse(
        .movedPermanently,
        headers: Self.securityHeaders + [
          ("Location", Self.percentEncoded(location)),
          ("Content-Type", "text/plain; charset=utf-8"),
        ], body: Array("Moved to \(location)\n".utf8))
    }
    let notFound =
      await site.file(path.hasPrefix("en/") ? "en/404.html" : "404.html") ?? Array("Not found".utf8)
    return ServeResponse(
      .notFound, headers: Self.securityHeaders + [("Content-Type", "text/html; charset=utf-8")],
      body: await decorate(notFound))
  }

  /// Adds the reload script (and the problems of a failed build) to a page.
  private func decorate(_ bytes: [UInt8]) async -> [UInt8] {
    var html = String(decoding: bytes, as: UTF8.self)
    let version = await site.version
    let head =
      "<link rel=\"stylesheet\" href=\"\(Self.stylePath)\">"
      + "<script src=\"\(Self.reloadPath)\" data-version=\"\(version)\" defer></script>"
    if let close = html.range(of: "</head>") { html.insert(contentsOf: head, at: close.lowerBound) }
    let problems = await site.problems
    if !problems.isEmpty, let body = html.range(of: "<body"),
      let close = html[body.upperBound...].firstIndex(of: ">")
    {
      let items = problems.map { "<li><code>\(Self.escape($0.description))</code></li>" }.joined()
      let banner =
        "<section class=\"hvwalk-serve-errors\" role=\"alert\"><h2>hvwalk: the last build failed "
        + "(\(problems.count)); showing the last good site</h2><ol>\(items)</ol></section>"
      html.insert(contentsOf: banner, at: html.index(after: close))
    }
    return Array(html.utf8)
  }

  private func response(_ bytes: [UInt8], type: String) -> ServeResponse {
    ServeResponse(.ok, headers: Self.securityHeaders + [("Content-Type", type)], body: bytes)
  }

  /// The site-relative path of a decoded request path, or nil if it tries to leave the site.
  /// One pass over the path.
  static func sitePath(_ decoded: String) -> String? {
    let parts = decoded.split(separator: "/", omittingEmptySubsequences: true)
    guard !parts.contains(where: { $0 == ".." || $0 == "." || $0.contains("\\") }) else {
      return nil
    }
    let joined = parts.joined(separator: "/")
    return decoded.hasSuffix("/") && !joined.isEmpty ? joined + "/" : joined
  }

  /// A `Location` value: bytes outside the printable ASCII range percent-encoded.
  static func percentEncoded(_ text: String) -> String {
    var result = ""
    for byte in text.utf8 {
      if (0x21...0x7E).contains(byte) && byte != 0x25 {
        result.unicodeScalars.append(Unicode.Scalar(byte))
      } else {
        result += String(format: "%%%02X", byte)
      }
    }
    return result
  }

  static func type(of path: String) -> String {
    switch (path.split(separator: ".").last ?? "").lowercased() {
    case "html": "text/html; charset=utf-8"
    case "css": "text/css; charset=utf-8"
    case "js": "text/javascript; charset=utf-8"
    case "json": "application/json"
    case "svg": "image/svg+xml"
    case "png": "image/png"
    case "jpg", "jpeg": "image/jpeg"
    case "gif": "image/gif"
    case "webp": "image/webp"
    case "avif": "image/avif"
    case "ico": "image/x-icon"
    case "woff": "font/woff"
    case "woff2": "font/woff2"
    case "pdf": "application/pdf"
    case "txt": "text/plain; charset=utf-8"
    case "csv": "text/csv; charset=utf-8"
    case "xml": "application/xml"
    default: "application/octet-stream"
    }
  }

  static func escape(_ text: String) -> String {
    text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
      .replacingOccurrences(of: ">", with: "&gt;")
  }

  /// Long-polls the server; reloads the page when the site's version moves on.
  static let reloadScript = """
    // hvwalk serve: reload when the site is rebuilt. Not part of the built site.
    (function () {
      "use strict";
      var version = document.currentScript.getAttribute("data-version");
      function wait() {
        fetch("\(waitPath)?version=" + version, { cache: "no-store" })
          .then(function (response) { return response.text(); })
          .then(function (next) { if (next !== version) window.location.reload(); else wait(); })
          .catch(function () { setTimeout(wait, 1000); });
      }
      wait();
    })();

    """

  static let errorStyle = """
    .hvwalk-serve-errors { margin: 0; padding: 0.75rem 1.25rem; background: #ffebe9; color: #82071e;
      border-bottom: 2px solid #cf222e; font-size: 0.9rem; }
    .hvwalk-serve-errors h2 { font-size: 1rem; margin: 0 0 0.4rem; border: 0; }
    .hvwalk-serve-errors code { white-space: pre-wrap; background: none; color: inherit; }

    """
}
