/// A sentence of the model's, kept as a template and its arguments so that the site can say it
/// in the reader's language (issue 16 item 2).
///
/// The model writes its labels, loop titles and host-log lines as ordinary string literals with
/// interpolation — `"assert vector \(vector) (IRQ \(irq)) on the child's VP 0"` — and this type
/// records the literal parts as the template `assert vector {1} (IRQ {2}) on the child's VP 0`
/// and the interpolated values as arguments. The English text is the template filled in
/// (``description``); a ``PhraseBook`` maps English templates to another language's. An
/// argument is either verbatim (a protocol identifier, a number, a path, a value from the
/// scenario: the same in every language) or itself a phrase (a word the model chose, such as a
/// mode or a reason), translated in turn.
public struct Phrase: Sendable, Hashable, CustomStringConvertible, ExpressibleByStringInterpolation {
  public enum Argument: Sendable, Hashable {
    case verbatim(String)
    case phrase(Phrase)
    /// A stretch of simulated time, written with the language's decimal separator.
    case duration(nanoseconds: Int)
  }

  /// The English text with `{1}`, `{2}`, … where the arguments go.
  public var template: String
  public var arguments: [Argument]

  public init(template: String, arguments: [Argument] = []) {
    self.template = template
    self.arguments = arguments
  }

  /// A text that is the same in every language (an identifier, a name, a number).
  public static func verbatim(_ text: String) -> Phrase {
    Phrase(template: "{1}", arguments: [.verbatim(text)])
  }

  public init(stringLiteral value: String) {
    self.template = value
    self.arguments = []
  }

  public init(stringInterpolation: StringInterpolation) {
    self.template = stringInterpolation.template
    self.arguments = stringInterpolation.arguments
  }

  public struct StringInterpolation: StringInterpolationProtocol {
    var template = ""
    var arguments: [Argument] = []

    public init(literalCapacity: Int, interpolationCount: Int) {
      template.reserveCapacity(literalCapacity + 4 * interpolationCount)
      arguments.reserveCapacity(interpolationCount)
    }

    public mutating func appendLiteral(_ literal: String) { template += literal }

    /// A phrase inside a phrase is translated too.
    public mutating func appendInterpolation(_ phrase: Phrase) {
      arguments.append(.phrase(phrase))
      template += "{\(arguments.count)}"
    }

    /// Anything else — identifiers, numbers, names — is the same in every language.
    public mutating func appendInterpolation(_ value: some CustomStringConvertible) {
      arguments.append(.verbatim(value.description))
      template += "{\(arguments.count)}"
    }

    /// A stretch of simulated time (`944.808 ms`; `944,808 ms` in Vietnamese).
    public mutating func appendInterpolation(duration nanoseconds: Int) {
      arguments.append(.duration(nanoseconds: nanoseconds))
      template += "{\(arguments.count)}"
    }

    /// A function or system call by its name: `\(syscall: "write")` reads `write()` in every
    /// language.
    public mutating func appendInterpolation(syscall name: String) {
      appendInterpolation(name + "()")
    }

    public mutating func appendInterpolation(_ value: (some CustomStringConvertible)?) {
      appendInterpolation(value.map(\.description) ?? "nil")
    }
  }

  /// The English text.
  public var description: String { rendered(decimalSeparator: ".") { _ in nil } }

  /// The text with `translate` asked for each template (this one's and its nested phrases');
  /// a template it does not know stays English.
  public func rendered(decimalSeparator: String = ".", _ translate: (String) -> String?) -> String
  {
    let text = translate(template) ?? template
    if arguments.isEmpty { return text }
    return Self.fill(text) { index in
      switch arguments[index] {
      case .verbatim(let value): return value
      case .phrase(let phrase): return phrase.rendered(decimalSeparator: decimalSeparator, translate)
      case .duration(let nanoseconds):
        return SimulatedTime.human(nanoseconds, decimalSeparator: decimalSeparator)
      }
    }
  }

  /// Every template in this phrase, its own first, then its nested phrases' (depth first).
  public var templates: [String] {
    var result = [template]
    for case .phrase(let phrase) in arguments { result += phrase.templates }
    return result
  }

  /// The argument numbers a template uses (`{1}`, `{2}`, …), in order of appearance.
  public static func placeholders(in template: String) -> [Int] {
    var found: [Int] = []
    _ = fill(template) { index in
      found.append(index + 1)
      return ""
    }
    return found
  }

  /// Replaces each `{n}` (n ≥ 1) of `text` with `value(n - 1)`; other braces stay as they are.
  static func fill(_ text: String, _ value: (Int) -> String) -> String {
    guard text.utf8.contains(0x7B) else { return text }
    var output = ""
    var rest = Substring(text)
    while let open = rest.firstIndex(of: "{") {
      output += rest[..<open]
      let after = rest.index(after: open)
      let digits = rest[after...].prefix { $0.isASCII && $0.isNumber }
      let close = digits.endIndex
      if !digits.isEmpty, close < rest.endIndex, rest[close] == "}", let number = Int(digits),
        number >= 1
      {
        output += value(number - 1)
        rest = rest[rest.index(after: close)...]
      } else {
        output += "{"
        rest = rest[after...]
      }
    }
    return output + rest
  }
}

extension Phrase {
  /// Phrases joined by `separator` (a phrase of its own, so the separator can be translated).
  public static func joined(_ parts: [Phrase], separator: String) -> Phrase {
    guard let first = parts.first else { return "" }
    var template = "{1}"
    var arguments: [Argument] = [.phrase(first)]
    for part in parts.dropFirst() {
      arguments.append(.phrase(part))
      template += separator + "{\(arguments.count)}"
    }
    return Phrase(template: template, arguments: arguments)
  }

  /// Concatenation, as for strings.
  public static func + (lhs: Phrase, rhs: Phrase) -> Phrase {
    "\(lhs)\(rhs)"
  }
}

/// One language's translations of the model's phrases: English template → template.
public struct PhraseBook: Sendable, Hashable {
  public var translations: [String: String]
  /// How the language writes the decimal point in durations.
  public var decimalSeparator = "."
  /// The model's own language: every phrase as written, nothing missing.
  public let isEnglish: Bool

  /// A language's translations (an empty book translates nothing: every phrase is missing).
  public init(_ translations: [String: String] = [:]) {
    self.translations = translations
    self.isEnglish = false
  }

  private init(english: Void) {
    translations = [:]
    isEnglish = true
  }

  /// English: every phrase as the model wrote it.
  public static let english = PhraseBook(english: ())

  /// The phrase in this language, and whether any part of it had to stay English.
  public func render(_ phrase: Phrase) -> (text: String, missing: Bool) {
    if isEnglish { return (phrase.description, false) }
    var missing = false
    let text = phrase.rendered(decimalSeparator: decimalSeparator) { template in
      if let translation = translations[template] { return translation }
      if Self.needsNoTranslation(template) { return nil }
      missing = true
      return nil
    }
    return (text, missing)
  }

  /// A template with no words of its own (`{1}`, `{1}: {2}`, `0x{1}`) is the same in every
  /// language.
  public static func needsNoTranslation(_ template: String) -> Bool {
    !Phrase.fill(template, { _ in "" }).contains { $0.isLetter }
  }
}
