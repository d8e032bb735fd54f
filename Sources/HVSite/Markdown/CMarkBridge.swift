import CCmark
import Foundation

/// The one place that talks to libcmark.
///
/// Parsing uses `CMARK_OPT_SOURCEPOS` so every diagnostic can name a line and column; rendering
/// never sets `CMARK_OPT_UNSAFE`, so raw HTML written by an author becomes
/// `<!-- raw HTML omitted -->` and `javascript:`/`data:` destinations become empty. Generated
/// figures and heading anchors enter the tree as `CMARK_NODE_CUSTOM_BLOCK` nodes, whose
/// `on_enter`/`on_exit` text cmark emits verbatim even in safe mode; everything inside them is
/// escaped by us before it gets there.
///
/// Every cmark allocation is released by a `defer` placed right after it; no `cmark_node`
/// pointer leaves this file.
enum CMarkBridge {
  /// Renders one Markdown document.
  /// - Parameters:
  ///   - markdown: the body of a lesson (front matter already removed).
  ///   - lineOffset: how many lines of the file precede `markdown`, so positions refer to the file.
  static func render(_ markdown: String, lineOffset: Int, hooks: MarkdownHooks) -> RenderedMarkdown
  {
    let bytes = Array(markdown.utf8)
    guard let document = cmark_parse_document(bytes, bytes.count, CMARK_OPT_SOURCEPOS) else {
      preconditionFailure("cmark_parse_document returned nil (out of memory)")
    }
    defer { cmark_node_free(document) }

    // Source lines are only needed to place fenced-block arguments and `{{…}}` counters.
    var cachedLines: [Substring]?
    func sourceLines() -> [Substring] {
      if let cachedLines { return cachedLines }
      let lines = markdown.utf8.split(separator: 0x0A, omittingEmptySubsequences: false).map {
        Substring($0)
      }
      cachedLines = lines
      return lines
    }
    var walk = Walk()
    walk.collect(document)

    var headingIDs = HeadingIDAllocator()
    var headings: [RenderedMarkdown.Heading] = []
    for node in walk.headings {
      let level = Int(cmark_node_get_heading_level(node))
      let text = plainText(of: node)
      let id = headingIDs.allocate(for: text)
      headings.append(.init(level: level, text: text, id: id, line: line(of: node) + lineOffset))
      wrap(heading: node, level: level, id: id)
    }

    for node in walk.fencedBlocks {
      let info = string(cmark_node_get_fence_info(node))
      let nodeLine = line(of: node)
      let block = FencedBlock(
        info: info,
        literal: string(cmark_node_get_literal(node)),
        line: nodeLine + lineOffset,
        infoColumn: infoColumn(info: info, sourceLine: sourceLine(nodeLine, in: sourceLines()))
      )
      if let html = hooks.replaceFencedBlock(block) {
        replace(node, withTrustedHTML: html)
      }
    }

    for node in walk.texts {
      let literal = string(cmark_node_get_literal(node))
      guard literal.containsASCII("{{") else { continue }
      let (line, column) = textPosition(of: node, literal: literal, lines: sourceLines())
      if let rewritten = hooks.rewriteText(literal, line + lineOffset, column) {
        cmark_node_set_literal(node, rewritten)
      }
    }

    var links: [RenderedMarkdown.Link] = []
    for (node, kind) in walk.links {
      let destination = string(cmark_node_get_url(node))
      links.append(
        .init(
          kind: kind, destination: destination,
          line: line(of: node) + lineOffset, column: Int(cmark_node_get_start_column(node))))
      if let rewritten = hooks.rewriteLink(destination) {
        cmark_node_set_url(node, rewritten)
      }
    }

    guard let rendered = cmark_render_html(document, CMARK_OPT_DEFAULT) else {
      preconditionFailure("cmark_render_html returned nil (out of memory)")
    }
    defer { free(rendered) }
    return RenderedMarkdown(html: String(cString: rendered), headings: headings, links: links)
  }

  /// Nodes of interest, gathered first and changed after the iterator is done
  /// (changing the tree during a `cmark_iter` walk is undefined).
  private struct Walk {
    var headings: [OpaquePointer] = []
    var fencedBlocks: [OpaquePointer] = []
    var links: [(OpaquePointer, RenderedMarkdown.Link.Kind)] = []
    var texts: [OpaquePointer] = []

    mutating func collect(_ root: OpaquePointer) {
      guard let iterator = cmark_iter_new(root) else { preconditionFailure("cmark_iter_new") }
      defer { cmark_iter_free(iterator) }
      while true {
        let event = cmark_iter_next(iterator)
        if event == CMARK_EVENT_DONE { break }
        guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator) else { continue }
        switch cmark_node_get_type(node) {
        case CMARK_NODE_HEADING: headings.append(node)
        case CMARK_NODE_CODE_BLOCK where cmark_node_get_fence_info(node) != nil:
          fencedBlocks.append(node)
        case CMARK_NODE_LINK: links.append((node, .link))
        case CMARK_NODE_IMAGE: links.append((node, .image))
        case CMARK_NODE_TEXT: texts.append(node)
        default: break
        }
      }
    }
  }

  /// Replaces `<hN>` with a custom block that writes `<hN id="…">` and keeps the inline children,
  /// so cmark still renders (and neutralises) whatever the author wrote inside the heading.
  private static func wrap(heading: OpaquePointer, level: Int, id: String) {
    guard let wrapper = cmark_node_new(CMARK_NODE_CUSTOM_BLOCK) else {
      preconditionFailure("cmark_node_new")
    }
    cmark_node_set_on_enter(wrapper, "<h\(level) id=\"\(HTML.escape(id))\">")
    cmark_node_set_on_exit(wrapper, "</h\(level)>")
    while let child = cmark_node_first_child(heading) {
      guard cmark_node_append_child(wrapper, child) == 1 else {
        preconditionFailure("append_child")
      }
    }
    guard cmark_node_replace(heading, wrapper) == 1 else {
      preconditionFailure("cmark_node_replace")
    }
    cmark_node_free(heading)
  }

  private static func replace(_ node: OpaquePointer, withTrustedHTML html: String) {
    guard let custom = cmark_node_new(CMARK_NODE_CUSTOM_BLOCK) else {
      preconditionFailure("cmark_node_new")
    }
    cmark_node_set_on_enter(custom, html)
    cmark_node_set_on_exit(custom, "")
    guard cmark_node_replace(node, custom) == 1 else { preconditionFailure("cmark_node_replace") }
    cmark_node_free(node)
  }

  /// The text a reader sees in a heading: literal text and inline code, without markup.
  private static func plainText(of node: OpaquePointer) -> String {
    guard let iterator = cmark_iter_new(node) else { preconditionFailure("cmark_iter_new") }
    defer { cmark_iter_free(iterator) }
    var text = ""
    while true {
      let event = cmark_iter_next(iterator)
      if event == CMARK_EVENT_DONE { break }
      guard event == CMARK_EVENT_ENTER, let child = cmark_iter_get_node(iterator) else { continue }
      switch cmark_node_get_type(child) {
      case CMARK_NODE_TEXT, CMARK_NODE_CODE: text += string(cmark_node_get_literal(child))
      case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK: text += " "
      default: break
      }
    }
    return text
  }

  private static func line(of node: OpaquePointer) -> Int { Int(cmark_node_get_start_line(node)) }

  /// cmark 0.30 records no position for inline text nodes, so the position is found from the
  /// enclosing block: the first source line at or after the block's start that holds the text's
  /// first line. Columns count characters, 1-based.
  private static func textPosition(of node: OpaquePointer, literal: String, lines: [Substring]) -> (
    Int, Int
  ) {
    var block: OpaquePointer? = node
    while let current = block, cmark_node_get_start_line(current) == 0 {
      block = cmark_node_parent(current)
    }
    let start = block.map { Int(cmark_node_get_start_line($0)) } ?? 1
    let end = block.map { max(Int(cmark_node_get_end_line($0)), start) } ?? lines.count
    let probe = literal.split(separator: "\n", omittingEmptySubsequences: false).first ?? ""
    for number in start...min(end, lines.count) where number >= 1 {
      if let range = lines[number - 1].range(of: probe) {
        return (
          number,
          lines[number - 1].distance(from: lines[number - 1].startIndex, to: range.lowerBound) + 1
        )
      }
    }
    return (start, 1)
  }

  private static func string(_ pointer: UnsafePointer<CChar>?) -> String {
    pointer.map { String(cString: $0) } ?? ""
  }

  private static func sourceLine(_ line: Int, in lines: [Substring]) -> Substring {
    (1...lines.count).contains(line) ? lines[line - 1] : ""
  }

  /// Column (1-based, in characters) where the info string starts on the fence line.
  private static func infoColumn(info: String, sourceLine: Substring) -> Int {
    guard !info.isEmpty, let range = sourceLine.range(of: info) else { return 1 }
    return sourceLine.distance(from: sourceLine.startIndex, to: range.lowerBound) + 1
  }
}
