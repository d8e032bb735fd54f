/// One named field of an event: a port, a hypercall code, a ring index, a GUID, a byte count.
///
/// Details are an ordered list, never a dictionary, so every export prints them in the order the
/// model wrote them.
public struct Detail: Sendable, Hashable {
  public var key: String
  public var value: DetailValue

  public init(_ key: String, _ value: DetailValue) {
    self.key = key
    self.value = value
  }
}

/// The value of a ``Detail``.
///
/// Quantities are `integer` and export as JSON numbers. Codes and identifiers that the sources
/// write in hexadecimal (ports, hypercall codes, message types) are `hex` and export as strings
/// such as `"0x005C"`, so the trace reads like the fact sheet.
public enum DetailValue: Sendable, Hashable {
  case integer(Int)
  case hex(UInt64, digits: Int)
  case text(String)
  case flag(Bool)
  /// A reason or rule in the model's words (the site says it in the reader's language).
  case phrase(Phrase)

  /// The value as the transcript prints it.
  public var text: String {
    switch self {
    case .integer(let value): return String(value)
    case .hex(let value, let digits): return Self.hexString(value, digits: digits)
    case .text(let value): return value
    case .flag(let value): return value ? "yes" : "no"
    case .phrase(let value): return value.description
    }
  }

  /// `0x` followed by at least `digits` upper-case hexadecimal digits.
  public static func hexString(_ value: UInt64, digits: Int) -> String {
    let raw = String(value, radix: 16, uppercase: true)
    let padding = String(repeating: "0", count: max(0, digits - raw.count))
    return "0x" + padding + raw
  }
}

extension Detail {
  public static func int(_ key: String, _ value: Int) -> Detail { Detail(key, .integer(value)) }
  public static func hex(_ key: String, _ value: UInt64, digits: Int = 2) -> Detail {
    Detail(key, .hex(value, digits: digits))
  }
  public static func text(_ key: String, _ value: String) -> Detail { Detail(key, .text(value)) }
  public static func flag(_ key: String, _ value: Bool) -> Detail { Detail(key, .flag(value)) }
  public static func phrase(_ key: String, _ value: Phrase) -> Detail {
    Detail(key, .phrase(value))
  }
}
