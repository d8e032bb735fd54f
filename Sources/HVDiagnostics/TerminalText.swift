/// Text from files and file names made safe to print: a file called `x\u{1B}[2J.md`, or a
/// message quoting such text, must not clear the author's screen or fake a line of output.
public enum TerminalText {
  /// Control characters (C0, DEL, C1) and the line/paragraph separators become visible escapes
  /// (`\n`, `\t`, `\r`, `\u{1B}`); everything else, Vietnamese letters included, is kept.
  public static func escaped(_ text: String) -> String {
    guard text.unicodeScalars.contains(where: needsEscape) else { return text }
    var result = ""
    result.reserveCapacity(text.utf8.count + 8)
    for scalar in text.unicodeScalars {
      guard needsEscape(scalar) else {
        result.unicodeScalars.append(scalar)
        continue
      }
      switch scalar {
      case "\n": result += "\\n"
      case "\t": result += "\\t"
      case "\r": result += "\\r"
      default: result += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
      }
    }
    return result
  }

  static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
    let value = scalar.value
    return value < 0x20 || (0x7F...0x9F).contains(value) || value == 0x2028 || value == 0x2029
  }
}
