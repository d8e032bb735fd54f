import Foundation

/// A view that ``SplicedTemplate`` can render once per shape and fill in per page.
protocol SpliceableView {
  associatedtype Shape: Hashable
  /// What decides which parts of the template a view gets, besides which fields are empty
  /// (the template's sections and loops: flags, the language, how many items a list has).
  var shape: Shape { get }
  /// The per-page text, in a fixed order (the sentinels' numbers).
  var fields: [String] { get }
  /// This view with each field replaced by `value(index, field)`, in the order of ``fields``.
  func replacingFields(_ value: (Int, String) -> String) -> Self
}

/// A Mustache template rendered once per page *shape* and then filled in by concatenation
/// (issue 18 item 2).
///
/// Every page of a build goes through the theme's templates, and most of what they write is the
/// same for every page of a kind and language: only the titles, links, sidebar and body change.
/// Mustache walks the whole template for each page; this renders it once per shape (the view's
/// ``SpliceableView/shape`` and which fields are empty, since a template may test any of them)
/// with a sentinel in each non-empty field, cuts the output at the sentinels, and then writes
/// every page as pieces + values, escaping a value exactly where Mustache escaped its sentinel.
/// The output is byte-identical to rendering the template for every page (tested against it:
/// `LayoutRendererTests`, `SplicedTemplateTests`), and an author's theme keeps working unchanged;
/// a template that transforms a field (so a sentinel does not come through intact) is simply
/// rendered the slow way.
final class SplicedTemplate<View: SpliceableView>: @unchecked Sendable {
  private let theme: Theme
  private let template: String
  private let lock = NSLock()
  private var compiled: [Key: Compiled?] = [:]

  init(theme: Theme, template: String) {
    self.theme = theme
    self.template = template
  }

  private struct Key: Hashable {
    var shape: View.Shape
    var empty: [Bool]
  }

  /// The template's output cut at the fields: `pieces.count == slots.count + 1`.
  private struct Compiled {
    var pieces: [String]
    var slots: [(field: Int, escaped: Bool)]
    /// The pieces' bytes, counted once.
    var fixedSize: Int
  }

  func render(_ view: View) -> String {
    let values = view.fields
    let key = Key(shape: view.shape, empty: values.map(\.isEmpty))
    lock.lock()
    let known = compiled[key]
    lock.unlock()
    let template: Compiled?
    if let known {
      template = known
    } else {
      template = compile(view, fieldCount: values.count)
      lock.lock()
      compiled[key] = template
      lock.unlock()
    }
    guard let template else { return theme.render(view, template: self.template) }
    var size = template.fixedSize
    for value in values { size += value.utf8.count }
    var output = template.pieces[0]
    output.reserveCapacity(size + size / 16)
    for (index, slot) in template.slots.enumerated() {
      output += slot.escaped ? HTML.escape(values[slot.field]) : values[slot.field]
      output += template.pieces[index + 1]
    }
    return output
  }

  private static var open: Character { "\u{E000}" }
  private static var close: Character { "\u{E001}" }

  /// `\u{E000}<n>&\u{E001}`: the `&` tells an escaped use (`&amp;`) from a raw one.
  private static func sentinel(_ index: Int) -> String { "\(open)\(index)&\(close)" }

  /// Renders the template with sentinels and cuts it; nil when a sentinel did not come through
  /// intact (a template that transforms a field).
  private func compile(_ view: View, fieldCount: Int) -> Compiled? {
    // An empty field stays empty (a section testing it must see it as the page does).
    let marked = view.replacingFields { index, value in
      value.isEmpty ? value : Self.sentinel(index)
    }
    let text = theme.render(marked, template: template)
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
    return Compiled(
      pieces: pieces, slots: slots, fixedSize: pieces.reduce(0) { $0 + $1.utf8.count })
  }
}
