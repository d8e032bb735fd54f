import Foundation

/// Text widths from a fixed table, so layout is a pure function of the trace: the same diagram on
/// every machine, with no font files and no browser measuring text (the flaw Mermaid's renderer
/// has). The table holds Helvetica/Arial advance widths; letters with diacritics measure as their
/// base letter, and the result is padded a little because the reader's font may be wider.
public struct TextMetrics: Sendable {
  public var fontSize: Int

  public init(fontSize: Int) {
    self.fontSize = fontSize
  }

  /// Advance widths in 1/1000 em for the printable ASCII characters (space … tilde).
  private static let advance: [Int] = [
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278,
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556,
    1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778,
    667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556,
    333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556,
    556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
  ]

  /// Width of semi-bold text (titles): about a tenth wider than regular.
  public func boldWidth(_ text: String) -> Int {
    (width(text) * 11 + 9) / 10
  }

  /// Width in layout units (pixels at 100 %), rounded up.
  public func width(_ text: String) -> Int {
    var thousandths = 0
    for character in text {
      thousandths += Self.advance(of: character)
    }
    // 16 % headroom: DejaVu Sans, the usual sans-serif on Linux, runs about that much wider
    // than Arial; narrower fonts (Segoe UI, San Francisco) just get a little more air.
    return (thousandths * fontSize * 116 + 99_999) / 100_000
  }

  private static func advance(of character: Character) -> Int {
    guard let scalar = character.unicodeScalars.first else { return 556 }
    if (32...126).contains(scalar.value) { return advance[Int(scalar.value) - 32] }
    if scalar == "×" { return 584 }
    if scalar == "→" || scalar == "—" { return 1000 }
    let base = String(character).decomposedStringWithCanonicalMapping.unicodeScalars.first ?? scalar
    if (32...126).contains(base.value) { return advance[Int(base.value) - 32] }
    return 600
  }

  /// Splits `text` into lines no wider than `maximum`, breaking at spaces, and inside a word
  /// (after `_`, `-`, `/` or anywhere) only when the word alone is too wide.
  public func wrap(_ text: String, maximum: Int) -> [String] {
    var lines: [String] = []
    var current = ""
    for word in text.split(separator: " ", omittingEmptySubsequences: true).map(String.init) {
      let candidate = current.isEmpty ? word : current + " " + word
      if width(candidate) <= maximum {
        current = candidate
        continue
      }
      if !current.isEmpty { lines.append(current) }
      current = ""
      for piece in breakWord(word, maximum: maximum) {
        if current.isEmpty, width(piece) <= maximum {
          current = piece
        } else {
          if !current.isEmpty { lines.append(current) }
          current = piece
        }
      }
    }
    if !current.isEmpty { lines.append(current) }
    return lines.isEmpty ? [""] : lines
  }

  /// A word wider than the line, cut after separators where possible.
  private func breakWord(_ word: String, maximum: Int) -> [String] {
    guard width(word) > maximum else { return [word] }
    var pieces: [String] = []
    var current = ""
    for character in word {
      if width(current + String(character)) > maximum, !current.isEmpty {
        if let cut = current.lastIndex(where: { "_-/.".contains($0) }), cut != current.startIndex {
          let head = String(current[...cut])
          let tail = String(current[current.index(after: cut)...])
          pieces.append(head)
          current = tail
        } else {
          pieces.append(current)
          current = ""
        }
      }
      current.append(character)
    }
    if !current.isEmpty { pieces.append(current) }
    return pieces
  }
}
