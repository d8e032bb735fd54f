/// What the cmark bridge hands back: HTML plus the facts later passes need (headings for anchors
/// and tables of contents, links for checking), all with positions in the author's file.
///
/// No cmark pointer survives into this value (ARCHITECTURE.md, "cmark is wrapped once").
public struct RenderedMarkdown: Sendable, Equatable {
  public var html: String
  public var headings: [Heading]
  public var links: [Link]

  public struct Heading: Sendable, Equatable {
    public var level: Int
    public var text: String
    /// The `id` attribute written on the `<hN>` element, unique within the page.
    public var id: String
    public var line: Int
  }

  public struct Link: Sendable, Equatable {
    public enum Kind: Sendable, Equatable { case link, image }
    public var kind: Kind
    /// The destination as the author wrote it (before any rewriting).
    public var destination: String
    public var line: Int
    public var column: Int
  }
}

/// A fenced code block as the directive pass sees it.
public struct FencedBlock: Sendable, Equatable {
  /// The whole info string, e.g. `trace disk-write-emulated step=2`.
  public var info: String
  public var literal: String
  /// Line of the opening fence, and column where the info string starts (1-based, in the file).
  public var line: Int
  public var infoColumn: Int
}

/// What the caller wants done while the document is in cmark's hands.
public struct MarkdownHooks {
  /// Returns trusted HTML that replaces the block, or nil to keep it as an ordinary code block.
  public var replaceFencedBlock: (FencedBlock) -> String?
  /// Rewrites a link destination (e.g. `vmbus.md#ring` → `vmbus.html#ring`); nil keeps it.
  public var rewriteLink: (String) -> String?
  /// Rewrites the literal of a text node (not code) that contains `{{`, given the file line and
  /// column where the node starts; nil keeps it. The result is text: cmark escapes it.
  public var rewriteText: (String, _ line: Int, _ column: Int) -> String?

  public init(
    replaceFencedBlock: @escaping (FencedBlock) -> String? = { _ in nil },
    rewriteLink: @escaping (String) -> String? = { _ in nil },
    rewriteText: @escaping (String, Int, Int) -> String? = { _, _, _ in nil }
  ) {
    self.replaceFencedBlock = replaceFencedBlock
    self.rewriteLink = rewriteLink
    self.rewriteText = rewriteText
  }
}
