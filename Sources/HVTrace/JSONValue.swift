/// A JSON document with ordered objects, written by hand so that key order and number formatting
/// never depend on a dictionary or a locale (ARCHITECTURE.md, "Canonical output").
public indirect enum JSONValue: Sendable, Hashable {
  case object([JSONMember])
  case array([JSONValue])
  case string(String)
  case integer(Int)
  case unsigned(UInt64)
  /// A number already formatted as a JSON number literal (e.g. `12.345`).
  case number(String)
  case bool(Bool)
  case null

  /// The document as text: two-space indentation, `"key": value`, a final newline.
  public func rendered(pretty: Bool = true) -> String {
    var output = ""
    write(into: &output, indent: 0, pretty: pretty)
    if pretty { output += "\n" }
    return output
  }

  private func write(into output: inout String, indent: Int, pretty: Bool) {
    switch self {
    case .object(let members):
      if members.isEmpty {
        output += "{}"
        return
      }
      output += "{"
      for (index, member) in members.enumerated() {
        if index > 0 { output += "," }
        newline(&output, indent + 1, pretty)
        output += Self.quoted(member.key)
        output += pretty ? ": " : ":"
        member.value.write(into: &output, indent: indent + 1, pretty: pretty)
      }
      newline(&output, indent, pretty)
      output += "}"
    case .array(let values):
      if values.isEmpty {
        output += "[]"
        return
      }
      output += "["
      for (index, value) in values.enumerated() {
        if index > 0 { output += "," }
        newline(&output, indent + 1, pretty)
        value.write(into: &output, indent: indent + 1, pretty: pretty)
      }
      newline(&output, indent, pretty)
      output += "]"
    case .string(let text): output += Self.quoted(text)
    case .integer(let value): output += String(value)
    case .unsigned(let value): output += String(value)
    case .number(let literal): output += literal
    case .bool(let value): output += value ? "true" : "false"
    case .null: output += "null"
    }
  }

  private func newline(_ output: inout String, _ indent: Int, _ pretty: Bool) {
    guard pretty else { return }
    output += "\n"
    output += String(repeating: "  ", count: indent)
  }

  /// A JSON string literal (RFC 8259): quotes, backslashes and control characters escaped,
  /// everything else (Vietnamese text included) written as UTF-8.
  public static func quoted(_ text: String) -> String {
    var result = "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": result += "\\\""
      case "\\": result += "\\\\"
      case "\n": result += "\\n"
      case "\r": result += "\\r"
      case "\t": result += "\\t"
      case "\u{08}": result += "\\b"
      case "\u{0C}": result += "\\f"
      default:
        if scalar.value < 0x20 {
          let hex = String(scalar.value, radix: 16, uppercase: false)
          result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        } else {
          result.unicodeScalars.append(scalar)
        }
      }
    }
    return result + "\""
  }
}

/// One `"key": value` pair of a JSON object.
public struct JSONMember: Sendable, Hashable {
  public var key: String
  public var value: JSONValue

  public init(_ key: String, _ value: JSONValue) {
    self.key = key
    self.value = value
  }
}
