/// Escaping for text and attribute values that the generator writes into HTML and SVG.
///
/// Everything the generator inserts as trusted markup passes through here first; cmark does not
/// escape the contents of custom blocks.
public enum HTML {
  public static func escape(_ text: String) -> String {
    var result = ""
    result.reserveCapacity(text.utf8.count)
    for character in text {
      switch character {
      case "&": result += "&amp;"
      case "<": result += "&lt;"
      case ">": result += "&gt;"
      case "\"": result += "&quot;"
      case "'": result += "&#39;"
      default: result.append(character)
      }
    }
    return result
  }
}
