/// Sizes and durations as authors write them: a number, optional spaces, a unit (contract §1).
///
/// Decimals are allowed when the result is whole (`1.5 KiB` = 1536 bytes). Arithmetic is done on
/// integers, so `0.1 s` is exactly 100 000 000 ns.
public enum Quantity {
  /// Size units with their byte multipliers: SI (`KB` = 1000) and IEC (`KiB` = 1024).
  public static let sizeUnits: [(name: String, bytes: Int)] = [
    ("B", 1), ("KB", 1_000), ("KiB", 1_024), ("MB", 1_000_000), ("MiB", 1_048_576),
    ("GB", 1_000_000_000), ("GiB", 1_073_741_824),
  ]

  /// Duration units with their nanosecond multipliers.
  public static let durationUnits: [(name: String, nanoseconds: Int)] = [
    ("ms", 1_000_000), ("s", 1_000_000_000), ("min", 60_000_000_000), ("h", 3_600_000_000_000),
  ]

  /// Why a quantity did not parse, worded for an author.
  public enum Problem: Error, Equatable {
    case missingNumber
    case missingUnit(number: String)
    case unknownUnit(String)
    case notWhole
    case tooLarge
  }

  /// Bytes for `text` such as `10 KiB`.
  public static func bytes(_ text: String) -> Result<Int, Problem> {
    parse(text, units: sizeUnits.map { ($0.name, $0.bytes) })
  }

  /// Nanoseconds for `text` such as `2 s`.
  public static func nanoseconds(_ text: String) -> Result<Int, Problem> {
    parse(text, units: durationUnits.map { ($0.name, $0.nanoseconds) })
  }

  private static func parse(_ text: String, units: [(String, Int)]) -> Result<Int, Problem> {
    let trimmed = trim(Substring(text))
    let number = trimmed.prefix { $0.isASCII && ($0.isNumber || $0 == ".") }
    let unit = trim(trimmed.dropFirst(number.count))
    guard !number.isEmpty, number.first != ".", number.last != ".",
      number.filter({ $0 == "." }).count <= 1
    else { return .failure(.missingNumber) }
    guard !unit.isEmpty else { return .failure(.missingUnit(number: String(number))) }
    guard let multiplier = units.first(where: { $0.0 == unit })?.1 else {
      return .failure(.unknownUnit(unit))
    }
    let parts = number.split(separator: ".", omittingEmptySubsequences: false)
    let fraction = parts.count == 2 ? String(parts[1]) : ""
    guard fraction.count <= 9, let whole = Int(parts[0]),
      let digits = Int(fraction.isEmpty ? "0" : fraction)
    else { return .failure(.tooLarge) }
    var scale = 1
    for _ in 0..<fraction.count { scale *= 10 }
    let (scaled, overflow1) = whole.multipliedReportingOverflow(by: scale)
    let (numerator, overflow2) = (scaled + digits).multipliedReportingOverflow(by: multiplier)
    guard !overflow1, !overflow2 else { return .failure(.tooLarge) }
    guard numerator % scale == 0 else { return .failure(.notWhole) }
    return .success(numerator / scale)
  }

  /// `bytes` in the largest binary unit that divides it: `512 B`, `10 KiB`, `64 MiB`.
  public static func describeBytes(_ bytes: Int) -> String {
    for (name, size) in [("GiB", 1_073_741_824), ("MiB", 1_048_576), ("KiB", 1_024)]
    where bytes >= size && bytes % size == 0 {
      return "\(bytes / size) \(name)"
    }
    return "\(bytes) B"
  }

  /// Removes leading and trailing spaces and tabs.
  static func trim(_ text: Substring) -> String {
    var rest = text
    while let first = rest.first, first == " " || first == "\t" { rest = rest.dropFirst() }
    while let last = rest.last, last == " " || last == "\t" { rest = rest.dropLast() }
    return String(rest)
  }
}
