import FlyingFox
import Foundation
import HVDiagnostics

/// Answers the browser: site files from memory, with a small reload script and, after a failed
/// build, the build's problems added to every HTML page. Only `hvwalk serve` adds these; the
/// built `Site/` never contains them.
struct ServeHandler: HTTPHandler {
  let site: ServedSite

  static let reloadPath = "/__hvwalk/reload.js"
  static let stylePath = "/__hvwalk/serve.css"
  static let waitPath = "/__hvwalk/wait"

  func handleRequest(_ request: HTTPRequest) async throws -> HTTPResponse {
    switch request.path {
    case Self.reloadPath: return response(Array(Self.reloadScript.utf8), type: "text/javascript; charset=utf-8")
    case Self.stylePath: return response(Array(Self.errorStyle.utf8), type: "text/css; charset=utf-8")
    case Self.waitPath:
      let after = Int(request.query["version"] ?? "") ?? 0
      let version = await site.waitForChange(after: after, timeout: 25)
      return response(Array(String(version).utf8), type: "text/plain; charset=utf-8")
    default:
      return await file(request.path)
    }
  }

  private func file(_ requestPath: String) async -> HTTPResponse {
    guard let path = Self.sitePath(requestPath) else {
      return HTTPResponse(statusCode: .badRequest)
    }
    var candidates = [path]
    if path.isEmpty || path.hasSuffix("/") { candidates = [path + "index.html"] }
    else if !path.contains(".") { candidates.append(path + "/index.html") }
    for candidate in candidates {
      if let bytes = await site.file(candidate) {
        if candidate.hasSuffix(".html") { return response(await decorate(bytes), type: Self.type(of: candidate)) }
        return response(bytes, type: Self.type(of: candidate))
      }
    }
    let notFound = await site.file(path.hasPrefix("en/") ? "en/404.html" : "404.html") ?? Array("Not found".utf8)
    return HTTPResponse(statusCode: .notFound, headers: [.contentType: "text/html; charset=utf-8"],
                        body: Data(await decorate(notFound)))
  }

  /// Adds the reload script (and the problems of a failed build) to a page.
  private func decorate(_ bytes: [UInt8]) async -> [UInt8] {
    var html = String(decoding: bytes, as: UTF8.self)
    let version = await site.version
    let head = "<link rel=\"stylesheet\" href=\"\(Self.stylePath)\">"
      + "<script src=\"\(Self.reloadPath)\" data-version=\"\(version)\" defer></script>"
    html = html.replacingOccurrences(of: "</head>", with: head + "</head>")
    let problems = await site.problems
    if !problems.isEmpty, let body = html.range(of: "<body") , let close = html[body.upperBound...].firstIndex(of: ">") {
      let items = problems.map { "<li><code>\(Self.escape($0.description))</code></li>" }.joined()
      let banner = "<section class=\"hvwalk-serve-errors\" role=\"alert\"><h2>hvwalk: the last build failed "
        + "(\(problems.count)); showing the last good site</h2><ol>\(items)</ol></section>"
      html.insert(contentsOf: banner, at: html.index(after: close))
    }
    return Array(html.utf8)
  }

  private func response(_ bytes: [UInt8], type: String) -> HTTPResponse {
    HTTPResponse(statusCode: .ok, headers: [.contentType: type, .init("Cache-Control"): "no-store"], body: Data(bytes))
  }

  /// The site-relative path of a request, or nil if it tries to leave the site.
  static func sitePath(_ requestPath: String) -> String? {
    let decoded = requestPath.removingPercentEncoding ?? requestPath
    let parts = decoded.split(separator: "/", omittingEmptySubsequences: true)
    guard !parts.contains(where: { $0 == ".." || $0 == "." }) else { return nil }
    let joined = parts.joined(separator: "/")
    return decoded.hasSuffix("/") && !joined.isEmpty ? joined + "/" : joined
  }

  static func type(of path: String) -> String {
    switch path.split(separator: ".").last ?? "" {
    case "html": "text/html; charset=utf-8"
    case "css": "text/css; charset=utf-8"
    case "js": "text/javascript; charset=utf-8"
    case "json": "application/json"
    case "svg": "image/svg+xml"
    case "png": "image/png"
    case "jpg", "jpeg": "image/jpeg"
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
