import Foundation

/// Removes diacritics so Vietnamese text can become ids and search keys ("máy ảo" → "may ao").
public enum ASCIIFolding {
  public static func fold(_ text: String) -> String {
    // Canonical decomposition splits "ả" into "a" + combining marks; the marks are then dropped.
    // "đ"/"Đ" are letters of their own in Unicode, not "d" with a mark, so they are mapped by hand.
    let decomposed = text.decomposedStringWithCanonicalMapping
    var result = String.UnicodeScalarView()
    for scalar in decomposed.unicodeScalars {
      switch scalar {
      case "đ": result.append("d")
      case "Đ": result.append("D")
      default:
        if scalar.properties.generalCategory != .nonspacingMark { result.append(scalar) }
      }
    }
    return String(result)
  }
}
