import HVDiagnostics

/// What may be published from `media/`: passive files only. Anything a browser would run — an
/// HTML page, a script (which the pages' Content-Security-Policy would trust as `'self'`), an
/// SVG with script — would put author script on the site, so it is refused with a diagnostic.
///
/// - Allowed by extension: png, jpg/jpeg, gif, webp, avif, svg, woff, woff2, pdf, txt, csv.
/// - Binary types must start with their format's signature (an HTML page renamed `x.png` is not
///   an image).
/// - An SVG must be UTF-8 XML without scripts, event handlers (`on…=`), `<foreignObject>`,
///   embedded documents, DTDs or entities, `javascript:`, or references outside the file
///   (every `href` starts with `#`; `url(…)` only to `#ids`; no `@import`).
enum MediaPolicy {
  static let allowedExtensions = [
    "avif", "csv", "gif", "jpeg", "jpg", "pdf", "png", "svg", "txt", "webp", "woff", "woff2",
  ]

  static func check(_ content: ContentSnapshot) -> [Diagnostic] {
    content.files(under: "media").compactMap { check($0, in: content) }
  }

  static func check(_ file: ContentSnapshot.File, in content: ContentSnapshot) -> Diagnostic? {
    let display = content.displayPath(file.path)
    let name = String(file.path.split(separator: "/").last ?? "")
    let type = name.contains(".") ? String(name.split(separator: ".").last ?? "").lowercased() : ""
    guard allowedExtensions.contains(type) else {
      let what = type.isEmpty ? "a file without an extension" : "'.\(type)' files"
      return Diagnostic(
        at: SourceLocation(file: display), id: .mediaTypeNotAllowed,
        "\(what) may not be published from media/: only passive files are (a page or script there would run as the site's own)",
        suggestion: "allowed: " + allowedExtensions.map { ".\($0)" }.joined(separator: ", "))
    }
    if let oversized = ContentLimits.oversized(
      file, in: content, limit: ContentLimits.mediaFileBytes, what: "this media file")
    {
      return oversized
    }
    if type == "svg" { return SVGCheck.problem(in: file.bytes, path: display) }
    if type == "txt" || type == "csv" {
      guard String(validating: file.bytes, as: UTF8.self) != nil else {
        return Diagnostic(
          at: SourceLocation(file: display), id: .mediaNotText,
          "a .\(type) file must be UTF-8 text", suggestion: "save it with UTF-8 encoding")
      }
      return nil
    }
    guard hasSignature(file.bytes, type) else {
      return Diagnostic(
        at: SourceLocation(file: display), id: .mediaWrongSignature,
        "this is not a .\(type) file (its first bytes are not a \(type.uppercased()) signature)",
        suggestion:
          "export it again as \(type.uppercased()), or give it the extension of what it is")
    }
    return nil
  }

  /// The first bytes each binary format starts with.
  static func hasSignature(_ bytes: [UInt8], _ type: String) -> Bool {
    func starts(_ prefix: [UInt8], at offset: Int = 0) -> Bool {
      bytes.count >= offset + prefix.count
        && Array(bytes[offset..<(offset + prefix.count)]) == prefix
    }
    switch type {
    case "png": return starts([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
    case "jpg", "jpeg": return starts([0xFF, 0xD8, 0xFF])
    case "gif": return starts(Array("GIF87a".utf8)) || starts(Array("GIF89a".utf8))
    case "webp": return starts(Array("RIFF".utf8)) && starts(Array("WEBP".utf8), at: 8)
    case "avif": return starts(Array("ftyp".utf8), at: 4)
    case "pdf": return starts(Array("%PDF-".utf8))
    case "woff": return starts(Array("wOFF".utf8))
    case "woff2": return starts(Array("wOF2".utf8))
    default: return false
    }
  }
}

/// The SVG rules of ``MediaPolicy``, on the text with a position for each problem.
enum SVGCheck {
  static func problem(in bytes: [UInt8], path: String) -> Diagnostic? {
    guard let text = String(validating: bytes, as: UTF8.self) else {
      return Diagnostic(
        at: SourceLocation(file: path), id: .mediaSvgNotText, "an SVG file must be UTF-8 XML")
    }
    let lowered = Array(text.lowercased().utf8)
    let rules: [(pattern: String, reason: String)] = [
      ("<script", "a script"), ("<foreignobject", "a <foreignObject> (HTML inside the SVG)"),
      ("<iframe", "an embedded page"), ("<embed", "an embedded object"),
      ("<object", "an embedded object"),
      ("<!doctype", "a DTD"), ("<!entity", "an entity declaration"),
      ("javascript:", "a javascript: link"),
      ("vbscript:", "a script link"), ("@import", "an @import of another file"),
    ]
    for rule in rules {
      if let offset = find(Array(rule.pattern.utf8), in: lowered) {
        return report(text, offset, path, rule.reason)
      }
    }
    if let offset = eventHandler(in: lowered) {
      return report(text, offset, path, "an event handler attribute (on…=)")
    }
    if let offset = externalReference(in: lowered) {
      return report(
        text, offset, path,
        "a reference to another file or site (only '#id' references are allowed)")
    }
    return nil
  }

  private static func report(_ text: String, _ offset: Int, _ path: String, _ reason: String)
    -> Diagnostic
  {
    let prefix = text.utf8.prefix(offset)
    let line = prefix.filter { $0 == 0x0A }.count + 1
    let lineStart = prefix.lastIndex(of: 0x0A).map { prefix.index(after: $0) } ?? prefix.startIndex
    let column = String(decoding: prefix[lineStart...], as: UTF8.self).count + 1
    return Diagnostic(
      at: SourceLocation(path: path, line: line, column: column), id: .mediaSvgActiveContent,
      "this SVG contains \(reason), which would run or load something on the site's pages",
      suggestion: "remove it, or export the drawing as a plain SVG or PNG")
  }

  static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int = 0) -> Int? {
    guard needle.count <= haystack.count, start <= haystack.count - needle.count else { return nil }
    var index = start
    while index <= haystack.count - needle.count {
      if haystack[index] == needle[0], Array(haystack[index..<(index + needle.count)]) == needle {
        return index
      }
      index += 1
    }
    return nil
  }

  private static func isNameByte(_ byte: UInt8) -> Bool {
    (0x61...0x7A).contains(byte) || (0x30...0x39).contains(byte) || byte == 0x2D || byte == 0x5F
      || byte == 0x3A
  }

  /// ` onload=`, `\nonclick =`: an attribute whose name starts with `on`, preceded by a space.
  private static func eventHandler(in text: [UInt8]) -> Int? {
    var index = 1
    while index + 2 < text.count {
      let before = text[index - 1]
      if before == 0x20 || before == 0x0A || before == 0x09 || before == 0x0D || before == 0x2F,
        text[index] == 0x6F, text[index + 1] == 0x6E
      {
        var end = index + 2
        while end < text.count, isNameByte(text[end]) { end += 1 }
        while end < text.count, text[end] == 0x20 || text[end] == 0x09 { end += 1 }
        if end > index + 2, end < text.count, text[end] == 0x3D { return index }
      }
      index += 1
    }
    return nil
  }

  /// An `href`/`src` attribute whose value does not start with `#`, or `url(` not followed by `#`.
  private static func externalReference(in text: [UInt8]) -> Int? {
    for name in ["href", "src"] {
      var start = 0
      while let found = find(Array(name.utf8), in: text, from: start) {
        start = found + 1
        guard found == 0 || !isNameByte(text[found - 1]) || text[found - 1] == 0x3A else {
          continue
        }
        var index = found + name.utf8.count
        while index < text.count, text[index] == 0x20 { index += 1 }
        guard index < text.count, text[index] == 0x3D else { continue }
        index += 1
        while index < text.count, text[index] == 0x20 { index += 1 }
        if index < text.count, text[index] == 0x22 || text[index] == 0x27 { index += 1 }
        if index >= text.count || text[index] != 0x23 { return found }
      }
    }
    var start = 0
    while let found = find(Array("url(".utf8), in: text, from: start) {
      start = found + 1
      var index = found + 4
      while index < text.count, text[index] == 0x20 || text[index] == 0x22 || text[index] == 0x27 {
        index += 1
      }
      if index >= text.count || text[index] != 0x23 { return found }
    }
    return nil
  }
}
