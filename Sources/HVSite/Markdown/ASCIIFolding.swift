import Foundation

/// Removes diacritics so Vietnamese text can become ids and search keys ("máy ảo" → "may ao").
public enum ASCIIFolding {
  public static func fold(_ text: String) -> String {
    // Fast path: ASCII text (most of a technical course) is already folded.
    if text.utf8.allSatisfy({ $0 < 0x80 }) { return text }
    var result = String.UnicodeScalarView()
    var cache: [Unicode.Scalar: String.UnicodeScalarView] = [:]
    for scalar in text.unicodeScalars {
      if scalar.isASCII {
        result.append(scalar)
        continue
      }
      if let folded = cache[scalar] {
        result.append(contentsOf: folded)
        continue
      }
      let folded = foldScalar(scalar)
      cache[scalar] = folded
      result.append(contentsOf: folded)
    }
    return String(result)
  }

  /// Canonical decomposition splits "ả" into "a" + combining marks; the marks are dropped.
  /// "đ"/"Đ" are letters of their own in Unicode, not "d" with a mark, so they are mapped by hand.
  private static func foldScalar(_ scalar: Unicode.Scalar) -> String.UnicodeScalarView {
    switch scalar {
    case "đ": return "d".unicodeScalars
    case "Đ": return "D".unicodeScalars
    default:
      var view = String.UnicodeScalarView()
      for part in String(scalar).decomposedStringWithCanonicalMapping.unicodeScalars
      where part.properties.generalCategory != .nonspacingMark {
        view.append(part)
      }
      return view
    }
  }
}
