import Foundation

/// The layout template, rendered once per page *shape* and then filled in by concatenation
/// (issue 18 item 2).
///
/// Every page of a build goes through `layout.mustache`, and most of what it writes is the same
/// for every page of a kind and language: only the title, the links, the sidebar and the content
/// change. Mustache walks the whole template for each page; this renders it once per shape (the
/// language, the page kind, the flags, and which fields are empty, since a template may test any
/// of them) with a sentinel in each non-empty per-page field, cuts the output at the sentinels, and then
/// writes every page as pieces + values, escaping a value exactly where Mustache escaped its
/// sentinel. The output is byte-identical to rendering the template for every page (tested
/// against it: `LayoutRendererTests`), and an author's layout keeps working unchanged.
final class LayoutRenderer: @unchecked Sendable {
  private let theme: Theme
  private let lock = NSLock()
  private var compiled: [Shape: Compiled] = [:]

  init(theme: Theme) { self.theme = theme }

  /// What decides which parts of the template a page gets.
  /// (The strings are the language's: one set per language in a build.)
  private struct Shape: Hashable {
    var lang: String
    var pageKind: String
    var hasSidebar: Bool
    var hasPageURL: Bool
    var empty: [Bool]
    var languages: [String]
    var current: [Bool]
  }

  /// The template's output cut at the fields: `pieces.count == slots.count + 1`.
  private struct Compiled {
    var pieces: [String]
    var slots: [(field: Int, escaped: Bool)]
  }

  func render(_ view: LayoutView) -> String {
    let values = Self.fields(of: view)
    let shape = Shape(
      lang: view.lang, pageKind: view.pageKind, hasSidebar: view.hasSidebar,
      hasPageURL: view.hasPageURL, empty: values.map(\.isEmpty),
      languages: view.languages.map(\.code), current: view.languages.map(\.current))
    lock.lock()
    let known = compiled[shape]
    lock.unlock()
    let template: Compiled
    if let known {
      template = known
    } else {
      guard let made = compile(view, fieldCount: values.count) else {
        return theme.render(view, template: "layout")
      }
      lock.lock()
      compiled[shape] = made
      lock.unlock()
      template = made
    }
    var output = template.pieces[0]
    output.reserveCapacity(values.reduce(template.pieces.reduce(0) { $0 + $1.utf8.count }) {
      $0 + $1.utf8.count
    })
    for (index, slot) in template.slots.enumerated() {
      output += slot.escaped ? HTML.escape(values[slot.field]) : values[slot.field]
      output += template.pieces[index + 1]
    }
    return output
  }

  /// The per-page strings of a view, in a fixed order (the sentinels' numbers).
  private static func fields(of view: LayoutView) -> [String] {
    [
      view.pageTitle, view.description, view.root, view.siteTitle, view.homeHref,
      view.languageIndexHref, view.scenariosHref, view.sidebar, view.content, view.ogType,
      view.ogLocale, view.pageURL, view.printHref, view.searchIndexHref,
    ] + view.languages.flatMap { [$0.name, $0.href] }
  }

  private static let open: Character = "\u{E000}"
  private static let close: Character = "\u{E001}"

  /// `\u{E000}<n>&\u{E001}`: the `&` tells an escaped use (`&amp;`) from a raw one.
  private static func sentinel(_ index: Int) -> String { "\(open)\(index)&\(close)" }

  /// Renders the template with sentinels and cuts it; nil when a sentinel did not come through
  /// intact (a template that transforms a field), so the page is rendered the slow way.
  private func compile(_ view: LayoutView, fieldCount: Int) -> Compiled? {
    var marked = view
    // An empty field stays empty (a section testing it must see it as the page does).
    func mark(_ value: inout String, _ index: Int) {
      if !value.isEmpty { value = Self.sentinel(index) }
    }
    mark(&marked.pageTitle, 0)
    mark(&marked.description, 1)
    mark(&marked.root, 2)
    mark(&marked.siteTitle, 3)
    mark(&marked.homeHref, 4)
    mark(&marked.languageIndexHref, 5)
    mark(&marked.scenariosHref, 6)
    mark(&marked.sidebar, 7)
    mark(&marked.content, 8)
    mark(&marked.ogType, 9)
    mark(&marked.ogLocale, 10)
    mark(&marked.pageURL, 11)
    mark(&marked.printHref, 12)
    mark(&marked.searchIndexHref, 13)
    for index in marked.languages.indices {
      mark(&marked.languages[index].name, 14 + 2 * index)
      mark(&marked.languages[index].href, 15 + 2 * index)
    }
    let text = theme.render(marked, template: "layout")
    var pieces: [String] = []
    var slots: [(Int, Bool)] = []
    var rest = Substring(text)
    while let start = rest.firstIndex(of: Self.open) {
      guard let end = rest[start...].firstIndex(of: Self.close) else { return nil }
      pieces.append(String(rest[..<start]))
      let inner = rest[rest.index(after: start)..<end]
      let escaped = inner.hasSuffix("&amp;")
      guard escaped || inner.hasSuffix("&"),
        let field = Int(inner.prefix { $0.isNumber }), field < fieldCount
      else { return nil }
      slots.append((field, escaped))
      rest = rest[rest.index(after: end)...]
    }
    pieces.append(String(rest))
    return Compiled(pieces: pieces, slots: slots)
  }
}
