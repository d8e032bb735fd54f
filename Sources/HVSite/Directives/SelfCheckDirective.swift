import Foundation
import HVDiagnostics
import Yams

/// ```` ```self-check ```` — questions whose answers the reader reveals, written as YAML:
///
/// ````
/// ```self-check
/// - question: Which partition owns the physical disk?
///   answer: The **root** partition; children reach it through VMBus or the hypervisor.
/// ```
/// ````
/// Each question and answer is Markdown (rendered safely, like the lesson). The answers are in
/// `<details>` elements: revealed with a click or Enter, no script needed, and all open in print.
struct SelfCheckDirective: Directive {
  let name = "self-check"
  let argumentCount = 0...0
  let optionNames: [String] = []
  let usage = "self-check, followed by lines '- question: …' and '  answer: …'"

  func render(_ invocation: DirectiveInvocation, in page: DirectivePage) -> Result<
    DirectiveOutput, DiagnosticsError
  > {
    let at = invocation.name.location
    let source = YAMLSource(path: at.path, lineOffset: at.line)
    let (root, syntax) = source.compose(invocation.body)
    guard let root, let items = root.sequence, !items.isEmpty else {
      if !syntax.isEmpty { return .failure(DiagnosticsError(syntax)) }
      return .failure(
        DiagnosticsError([
          Diagnostic(
            at: at, id: .selfCheckEmpty,
            "a self-check lists its questions: '- question: …' then '  answer: …'")
        ]))
    }
    var diagnostics: [Diagnostic] = []
    var html =
      "<section class=\"hv-self-check\" aria-label=\"\(HTML.escape(page.strings["self-check-heading"] ?? ""))\">\n"
    html +=
      "<h3 class=\"hv-self-check-heading\">\(HTML.escape(page.strings["self-check-heading"] ?? ""))</h3>\n<ol>\n"
    var links: [RenderedMarkdown.Link] = []
    for item in items {
      var reader = YAMLMappingReader(
        item, in: source, what: "a self-check question", allowedKeys: ["question", "answer"])
      let question = reader.string("question", required: true)
      let answer = reader.string("answer", required: true)
      diagnostics += reader.diagnostics
      guard let question, let answer else { continue }
      // Questions and answers are Markdown like the lesson, inline counters included. A counter's
      // problem is reported at the start of the question or answer holding it: a folded (`>-`)
      // text has no column of its own in the file (found by the mutation fuzz).
      let at = source.location(of: item)
      let hooks = MarkdownHooks(
        rewriteLink: LinkRewriter.rewrite,
        rewriteText: { literal, _, _ in
        guard let counters = page.inlineCounters else { return nil }
        let (text, problems) = counters.rewrite(literal, line: at.line, column: at.column)
        diagnostics += problems.map { problem in
          var placed = problem
          placed.location = at
          return placed
        }
        return text
      })
      let renderedQuestion = CMarkBridge.render(question, lineOffset: 0, hooks: hooks)
      let renderedAnswer = CMarkBridge.render(answer, lineOffset: 0, hooks: hooks)
      // cmark empties a `javascript:` link; say so, as the link checker does in a lesson.
      // Links are checked with the lesson's, at the question they belong to.
      links += (renderedQuestion.links + renderedAnswer.links).map { link in
        var placed = link
        placed.line = at.line
        placed.column = at.column
        return placed
      }
      for link in renderedQuestion.links + renderedAnswer.links {
        if let scheme = LinkRewriter.scheme(link.destination),
          LinkChecker.unsafeSchemes.contains(scheme)
        {
          diagnostics.append(
            Diagnostic(
              at: source.location(of: item), id: .linkUnsafeScheme,
              "'\(scheme):' links are not allowed in self-check questions and answers (they are removed from the page)"
            ))
        }
      }
      let summary = Self.inline(renderedQuestion.html)
      let body = renderedAnswer.html
      html +=
        "<li><details><summary>\(summary)</summary>\n<div class=\"hv-answer\">\n\(body)</div></details></li>\n"
    }
    guard diagnostics.isEmpty else { return .failure(DiagnosticsError(diagnostics)) }
    return .success(DirectiveOutput(html: html + "</ol>\n</section>", links: links))
  }

  /// A one-paragraph rendering without its `<p>` wrapper, for use inside `<summary>`.
  static func inline(_ html: String) -> String {
    var text = html.trimmingCharacters(in: .whitespacesAndNewlines)
    if text.hasPrefix("<p>"), text.hasSuffix("</p>"), text.components(separatedBy: "<p>").count == 2
    {
      text = String(text.dropFirst(3).dropLast(4))
    }
    return text
  }
}
