import HVDiagnostics

/// A fenced code block whose info string starts with a registered word becomes generated HTML:
///
/// ````
/// ```trace disk-write-emulated step=2
/// ```
/// ````
/// Positional arguments follow the name; options are `key=value`. Other code blocks stay code.
/// See CONTENT-CONTRACT.md §2 for the directives authors rely on.
public protocol Directive: Sendable {
  /// The word that selects this directive, e.g. `trace`.
  var name: String { get }
  /// How many positional arguments it takes.
  var argumentCount: ClosedRange<Int> { get }
  /// The `key=value` options it accepts; any other key is an error.
  var optionNames: [String] { get }
  /// A one-line usage example shown when the arguments are wrong.
  var usage: String { get }

  /// Trusted HTML for the block, or diagnostics. The HTML is inserted verbatim: escape all text.
  func render(_ invocation: DirectiveInvocation, in page: DirectivePage) -> Result<
    DirectiveOutput, DiagnosticsError
  >
}

/// What a directive produces: HTML, and the element ids it defines (so links to them are checked
/// and two blocks on one page cannot define the same id).
public struct DirectiveOutput: Sendable, Equatable {
  public var html: String
  public var anchors: [String]
  /// Links the output holds (a self-check answer's), with positions in the lesson: they are
  /// checked like the lesson's own.
  public var links: [RenderedMarkdown.Link]

  public init(html: String, anchors: [String] = [], links: [RenderedMarkdown.Link] = []) {
    self.html = html
    self.anchors = anchors
    self.links = links
  }
}

/// One use of a directive in a lesson, with positions for every argument.
public struct DirectiveInvocation: Sendable, Equatable {
  public struct Token: Sendable, Equatable {
    public var text: String
    public var location: SourceLocation
  }

  public var name: Token
  public var arguments: [Token]
  public var options: [(key: Token, value: String)]
  /// The block's content between the fences (most directives expect it empty).
  public var body: String

  public static func == (lhs: DirectiveInvocation, rhs: DirectiveInvocation) -> Bool {
    lhs.name == rhs.name && lhs.arguments == rhs.arguments && lhs.body == rhs.body
      && lhs.options.elementsEqual(rhs.options) { $0.key == $1.key && $0.value == $1.value }
  }

  public func option(_ key: String) -> (key: Token, value: String)? {
    options.first { $0.key.text == key }
  }
}

/// What a directive may know about the page it renders into.
public struct DirectivePage: Sendable {
  public var language: String
  public var strings: InterfaceStrings
  /// Replaces `{{count …}}` and the other inline counters in text a directive renders itself
  /// (the questions and answers of a self-check); returns the text and any problems.
  var inlineCounters: InlineCounters?
}
