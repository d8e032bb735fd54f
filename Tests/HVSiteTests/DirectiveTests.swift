import HVDiagnostics
import Testing

@testable import HVSite

/// A directive defined only for tests: `shout WORD [times=N]` → `<p class="shout">WORD!</p>`.
struct ShoutDirective: Directive {
  let name = "shout"
  let argumentCount = 1...1
  let optionNames = ["times"]
  let usage = "shout WORD [times=N]"

  func render(_ invocation: DirectiveInvocation, in page: DirectivePage) -> Result<
    DirectiveOutput, DiagnosticsError
  > {
    let word = invocation.arguments[0].text
    guard let times = Int(invocation.option("times")?.value ?? "1"), times > 0 else {
      let at = invocation.option("times")!.key.location
      return .failure(
        DiagnosticsError([
          Diagnostic(at: at, id: DiagnosticID("shout.times"), "'times' must be a positive number")
        ]))
    }
    let text = String(repeating: word.uppercased(), count: times)
    return .success(
      DirectiveOutput(
        html:
          "<p class=\"shout\" id=\"shout-\(word)\" lang=\"\(page.language)\">\(HTML.escape(text))!</p>",
        anchors: ["shout-\(word)"]))
  }
}

@Suite struct DirectiveTests {
  func build(_ body: String) -> (site: Site?, errors: [String]) {
    var fixture = ContentFixture()
    fixture.addLesson("a", order: 1, title: "A", body: body)
    let result = fixture.build([ShoutDirective()])
    return (result.site, fixture.errors([ShoutDirective()]))
  }

  @Test func registeredWordIsReplacedByTheDirectiveHTML() throws {
    let (site, errors) = build("Intro\n\n```shout hello times=2\n```\n\nOutro")
    #expect(errors.isEmpty)
    let page = try #require(site?.text("en/a.html"))
    #expect(page.contains("<p class=\"shout\" id=\"shout-hello\" lang=\"en\">HELLOHELLO!</p>"))
    #expect(!page.contains("<pre>"))
  }

  @Test func otherCodeBlocksStayCode() throws {
    let (site, _) = build("```shoutx hello\n```\n\n```\nplain\n```")
    let page = try #require(site?.text("vi/a.html"))
    #expect(page.contains("<pre><code class=\"language-shoutx\">"))
    #expect(page.contains("<pre><code>plain"))
  }

  @Test func unknownOptionIsAnErrorAtItsColumn() {
    // Front matter takes 5 lines; the fence is on line 7 of the file.
    let (_, errors) = build("Intro\n\n```shout hello tims=3\n```")
    #expect(
      errors.contains(
        "Content/lessons/vi/a.md:8:16: error: unknown option 'tims' for 'shout'; did you mean 'times'?"
      ))
    #expect(
      errors.contains(
        "Content/lessons/en/a.md:8:16: error: unknown option 'tims' for 'shout'; did you mean 'times'?"
      ))
  }

  @Test func wrongArgumentCountShowsUsage() {
    let (_, errors) = build("```shout\n```")
    #expect(
      errors.first
        == "Content/lessons/en/a.md:6:4: error: 'shout' takes 1 argument, not 0; write it as 'shout WORD [times=N]'"
    )
  }

  @Test func directiveErrorsKeepTheirPositions() {
    let (_, errors) = build("```shout hi times=0\n```")
    #expect(
      errors.first == "Content/lessons/en/a.md:6:13: error: 'times' must be a positive number")
  }

  @Test func directiveOutputIsTrustedButAuthorHTMLIsNot() throws {
    let (site, _) = build("<iframe src=x></iframe>\n\n```shout <b>\n```")
    let page = try #require(site?.text("en/a.html"))
    #expect(!page.contains("<iframe"))
    #expect(page.contains("&lt;B&gt;!</p>"))
  }

  @Test func directiveAnchorsCanBeLinkedAndMustBeUnique() {
    let (_, linked) = build("```shout hi\n```\n\n[up](#shout-hi) [bad](#shout-ho)")
    #expect(
      linked.contains {
        $0.hasSuffix(
          "error: '#shout-ho' matches no heading or figure in en/a.html; did you mean 'shout-hi'?")
      })
    #expect(linked.count == 2)
    let (_, duplicated) = build("```shout hi\n```\n\n```shout hi\n```")
    #expect(
      duplicated.contains(
        "Content/lessons/en/a.md:9:4: error: '#shout-hi' is already defined on this page at line 6; rename the heading, or show the figure only once (or with other options)"
      ))
  }
}
