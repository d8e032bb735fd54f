/// Fixed formatting of simulated nanoseconds, with integer arithmetic only (no locale, no floating
/// point), so every export prints the same digits on every machine.
public enum SimulatedTime {
  /// `hh:mm:ss.nnnnnnnnn`, e.g. `00:00:01.000250000`.
  public static func clock(_ nanoseconds: Int) -> String {
    let ns = max(0, nanoseconds)
    let seconds = ns / 1_000_000_000
    let fraction = ns % 1_000_000_000
    return pad(seconds / 3600, 2) + ":" + pad(seconds / 60 % 60, 2) + ":" + pad(seconds % 60, 2)
      + "." + pad(fraction, 9)
  }

  /// Seconds with nine decimals, e.g. `0.000012345`.
  public static func seconds(_ nanoseconds: Int) -> String {
    let ns = max(0, nanoseconds)
    return String(ns / 1_000_000_000) + "." + pad(ns % 1_000_000_000, 9)
  }

  /// Microseconds with three decimals, e.g. `12.345`: Chrome trace timestamps.
  public static func microseconds(_ nanoseconds: Int) -> String {
    let ns = max(0, nanoseconds)
    return String(ns / 1000) + "." + pad(ns % 1000, 3)
  }

  /// A duration for people: `850 ns`, `12.5 µs`, `3.2 ms`, `1.25 s` (at most three significant
  /// decimals, trailing zeros dropped).
  public static func human(_ nanoseconds: Int) -> String {
    let ns = max(0, nanoseconds)
    if ns < 1000 { return "\(ns) ns" }
    if ns < 1_000_000 { return decimal(ns, unit: 1000) + " µs" }
    if ns < 1_000_000_000 { return decimal(ns, unit: 1_000_000) + " ms" }
    return decimal(ns, unit: 1_000_000_000) + " s"
  }

  /// `human(_:)` with a language's decimal separator (`944,808 ms`).
  public static func human(_ nanoseconds: Int, decimalSeparator: String) -> String {
    let text = human(nanoseconds)
    return decimalSeparator == "." ? text : text.replacing(".", with: decimalSeparator)
  }

  private static func decimal(_ value: Int, unit: Int) -> String {
    let whole = value / unit
    var fraction = (value % unit) * 1000 / unit
    var digits = 3
    while digits > 0 && fraction % 10 == 0 {
      fraction /= 10
      digits -= 1
    }
    return digits == 0 ? String(whole) : String(whole) + "." + pad(fraction, digits)
  }

  static func pad(_ value: Int, _ width: Int) -> String {
    let raw = String(value)
    return String(repeating: "0", count: max(0, width - raw.count)) + raw
  }
}
