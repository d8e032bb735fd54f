import Testing

@testable import HVSite

/// Front matter errors point at the key or value the author got wrong.
@Suite struct FrontMatterTests {
  func errors(_ lesson: String) -> [String] {
    var fixture = ContentFixture()
    fixture.files["lessons/vi/a.md"] = lesson
    fixture.files["lessons/en/a.md"] = fixture.lesson(title: "A", order: 1, body: "x")
    return fixture.errors()
  }

  @Test func unknownKeyIsAnErrorWithASuggestion() {
    #expect(
      errors("---\ntitle: A\norder: 1\nsumary: Oops\n---\nBody") == [
        "Content/lessons/vi/a.md:4:1: error: unknown key 'sumary' in front matter; did you mean 'summary'?"
      ])
  }

  @Test func missingTitleIsReported() {
    #expect(
      errors("---\norder: 1\n---\nBody") == [
        "Content/lessons/vi/a.md:2:1: error: missing required key 'title'"
      ])
  }

  @Test func orderMustBeAWholeNumber() {
    #expect(
      errors("---\ntitle: A\norder: three\n---\n") == [
        "Content/lessons/vi/a.md:3:8: error: 'order' must be a whole number, not 'three'"
      ])
  }

  @Test func everyProblemIsReportedAtOnce() {
    let found = errors("---\ntitel: A\norder: -4\nsummary: [1]\n---\n")
    #expect(
      found == [
        "Content/lessons/vi/a.md:2:1: error: missing required key 'title'",
        "Content/lessons/vi/a.md:2:1: error: unknown key 'titel' in front matter; did you mean 'title'?",
        "Content/lessons/vi/a.md:3:8: error: 'order' must be between 0 and 9999, not -4",
        "Content/lessons/vi/a.md:4:10: error: 'summary' must be text",
      ])
  }

  @Test func aLessonWithoutFrontMatterSaysHowToStart() {
    let found = errors("# Title\n\nText")
    #expect(found.count == 1)
    #expect(
      found[0].hasPrefix(
        "Content/lessons/vi/a.md:1:1: error: a lesson must start with front matter"))
  }

  @Test func unclosedFrontMatter() {
    #expect(errors("---\ntitle: A\norder: 1\n").first?.contains("never closed") == true)
  }

  @Test func tabIndentationIsExplained() {
    #expect(
      errors("---\ntitle: A\norder: 1\n\tsummary: x\n---\n") == [
        "Content/lessons/vi/a.md:4:1: error: YAML does not allow tabs for indentation; indent with spaces"
      ])
  }

  @Test func invalidUTF8PointsAtTheByte() {
    var fixture = ContentFixture()
    fixture.addLesson("a", order: 1, title: "A")
    var snapshot = fixture.snapshot
    var bytes = Array("---\ntitle: Tiếng\norder: 1\n---\nxin chào ".utf8)
    bytes.append(0xFF)
    snapshot = ContentSnapshot(
      displayRoot: "Content",
      files: snapshot.files.filter { $0.path != "lessons/vi/a.md" } + [
        .init(path: "lessons/vi/a.md", bytes: bytes)
      ])
    let result = SiteBuilder().build(snapshot)
    guard case .failure(let error) = result else {
      Issue.record("a non-UTF-8 lesson must fail the build")
      return
    }
    #expect(
      error.diagnostics.map(\.description) == [
        "Content/lessons/vi/a.md:5:10: error: file is not valid UTF-8; save it with UTF-8 encoding"
      ])
  }

  @Test func yamlSyntaxErrorsKeepTheirPosition() {
    let found = errors("---\ntitle: \"unterminated\norder: 1\n---\n")
    #expect(found.count == 1)
    #expect(found[0].hasPrefix("Content/lessons/vi/a.md:"))
    #expect(found[0].contains("error: invalid YAML"))
  }
}
