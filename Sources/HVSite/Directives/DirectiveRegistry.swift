import HVDiagnostics

/// The directives known to a build, looked up by the first word of a code block's info string.
public struct DirectiveRegistry: Sendable {
  private var directives: [String: any Directive] = [:]

  public init(_ directives: [any Directive] = []) {
    for directive in directives { register(directive) }
  }

  public mutating func register(_ directive: any Directive) {
    directives[directive.name] = directive
  }

  public var names: [String] { directives.keys.sorted() }

  public subscript(name: String) -> (any Directive)? { directives[name] }

  /// The directive a block selects, or nil when the block is ordinary code.
  public func directive(for block: FencedBlock) -> (any Directive)? {
    guard let word = block.info.split(separator: " ").first else { return nil }
    return directives[String(word)]
  }

  /// Renders a block that selects a directive; checks arguments and options first, so each
  /// directive only sees well-formed invocations.
  public func render(
    _ block: FencedBlock, directive: any Directive, path: String, page: DirectivePage
  )
    -> Result<DirectiveOutput, DiagnosticsError>
  {
    let invocation = Self.parse(block, path: path)
    var diagnostics: [Diagnostic] = []
    let count = invocation.arguments.count
    if !directive.argumentCount.contains(count) {
      diagnostics.append(
        Diagnostic(
          at: invocation.name.location, id: .directiveArgumentCount,
          "'\(directive.name)' takes \(Self.describe(directive.argumentCount)), not \(count)",
          suggestion: "write it as '\(directive.usage)'"))
    }
    var seen: Set<String> = []
    for (key, value) in invocation.options {
      if !directive.optionNames.contains(key.text) {
        let hint =
          directive.optionNames.isEmpty
          ? "'\(directive.name)' takes no options"
          : Suggestion.didYouMean(key.text, in: directive.optionNames)
        diagnostics.append(
          Diagnostic(
            at: key.location, id: .directiveUnknownOption,
            "unknown option '\(key.text)' for '\(directive.name)'", suggestion: hint))
      } else if !seen.insert(key.text).inserted {
        diagnostics.append(
          Diagnostic(
            at: key.location, id: .directiveDuplicateOption,
            "option '\(key.text)' is given twice"))
      } else if value.isEmpty {
        diagnostics.append(
          Diagnostic(
            at: key.location, id: .directiveEmptyOption,
            "option '\(key.text)' needs a value after '='"))
      }
    }
    guard diagnostics.isEmpty else { return .failure(DiagnosticsError(diagnostics)) }
    return directive.render(invocation, in: page)
  }

  /// Splits the info string into name, positional arguments and `key=value` options, keeping the
  /// column of each token.
  static func parse(_ block: FencedBlock, path: String) -> DirectiveInvocation {
    var tokens: [DirectiveInvocation.Token] = []
    var current = ""
    var start = 0
    for (offset, character) in block.info.enumerated() {
      if character == " " || character == "\t" {
        if !current.isEmpty { tokens.append(token(current, start, block, path)) }
        current = ""
      } else {
        if current.isEmpty { start = offset }
        current.append(character)
      }
    }
    if !current.isEmpty { tokens.append(token(current, start, block, path)) }
    var arguments: [DirectiveInvocation.Token] = []
    var options: [(key: DirectiveInvocation.Token, value: String)] = []
    for token in tokens.dropFirst() {
      if let equals = token.text.firstIndex(of: "=") {
        var key = token
        key.text = String(token.text[..<equals])
        options.append((key, String(token.text[token.text.index(after: equals)...])))
      } else {
        arguments.append(token)
      }
    }
    return DirectiveInvocation(
      name: tokens[0], arguments: arguments, options: options, body: block.literal)
  }

  private static func token(_ text: String, _ offset: Int, _ block: FencedBlock, _ path: String)
    -> DirectiveInvocation.Token
  {
    .init(
      text: text,
      location: SourceLocation(path: path, line: block.line, column: block.infoColumn + offset))
  }

  private static func describe(_ range: ClosedRange<Int>) -> String {
    let noun: (Int) -> String = { $0 == 1 ? "1 argument" : "\($0) arguments" }
    return range.lowerBound == range.upperBound
      ? noun(range.lowerBound) : "\(range.lowerBound) to \(noun(range.upperBound))"
  }
}
