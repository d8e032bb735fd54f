import Foundation
import HVDiagnostics
import HVScenario
import Testing

@testable import HVSite

/// Issue 15 ("Nothing lost, nothing let in"), the parts a build decides in memory: media that
/// may be published, limits, and errors that say the one thing that is wrong.
@Suite struct MediaPolicyTests {
  static let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13]

  func errors(media: [String: [UInt8]]) -> [String] {
    var fixture = ContentFixture()
    fixture.addLesson("intro", order: 1, title: "Intro")
    var snapshot = fixture.snapshot
    snapshot = ContentSnapshot(
      displayRoot: "Content",
      files: snapshot.files
        + media.map { ContentSnapshot.File(path: "media/\($0.key)", bytes: $0.value) })
    switch SiteBuilder().build(snapshot) {
    case .success: return []
    case .failure(let error): return error.diagnostics.map(\.description)
    }
  }

  @Test func activeTypesAreRefusedWithoutAPosition() {
    let found = errors(media: [
      "a.js": Array("alert(1)".utf8), "p.html": Array("<p>".utf8), "noext": [1],
    ])
    #expect(
      found.contains {
        $0.hasPrefix("Content/media/a.js: error: '.js' files may not be published from media/")
      })
    #expect(found.contains { $0.hasPrefix("Content/media/p.html: error: '.html' files") })
    #expect(
      found.contains { $0.hasPrefix("Content/media/noext: error: a file without an extension") })
    #expect(found.count == 3)
  }

  @Test func passiveFilesArePublished() throws {
    var fixture = ContentFixture()
    fixture.addLesson("intro", order: 1, title: "Intro")
    let svg =
      ##"<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"><defs><linearGradient id="g"/></defs><rect fill="url(#g)"/><use xlink:href="#g"/></svg>"##
    let snapshot = ContentSnapshot(
      displayRoot: "Content",
      files: fixture.snapshot.files + [
        .init(path: "media/a.png", bytes: Self.png),
        .init(path: "media/b.svg", bytes: Array(svg.utf8)),
        .init(path: "media/c.csv", bytes: Array("a,b\n".utf8)),
        .init(path: "media/d.pdf", bytes: Array("%PDF-1.7".utf8)),
      ])
    let site = try SiteBuilder().build(snapshot).get()
    for path in ["media/a.png", "media/b.svg", "media/c.csv", "media/d.pdf"] {
      #expect(site.file(path) != nil)
    }
  }

  @Test(arguments: [
    ("<svg><script>alert(1)</script></svg>", "a script"),
    ("<svg>\n  <rect onload=\"alert(1)\"/></svg>", "an event handler"),
    ("<svg><foreignObject><p>x</p></foreignObject></svg>", "a <foreignObject>"),
    ("<svg><image href=\"https://example.com/x.png\"/></svg>", "a reference to another file"),
    ("<svg><use xlink:href=\"other.svg#a\"/></svg>", "a reference to another file"),
    ("<svg><rect style=\"fill:url(https://x/y)\"/></svg>", "a reference to another file"),
    ("<!DOCTYPE svg [<!ENTITY a \"b\">]><svg/>", "a DTD"),
    ("<svg><a href=\"javascript:alert(1)\"><text>x</text></a></svg>", "a javascript: link"),
  ])
  func activeSVGIsRefused(svg: String, reason: String) {
    let found = errors(media: ["x.svg": Array(svg.utf8)])
    #expect(found.count == 1, "\(found)")
    #expect(found.first?.contains("this SVG contains \(reason)") == true, "\(found)")
  }

  @Test func theSVGProblemHasItsPosition() {
    let found = errors(media: ["x.svg": Array("<svg>\n  <rect onload=\"alert(1)\"/></svg>".utf8)])
    #expect(found.first?.hasPrefix("Content/media/x.svg:2:9: error:") == true, "\(found)")
  }

  @Test func aRenamedPageIsNotAnImage() {
    let found = errors(media: ["x.png": Array("<html><script>alert(1)</script>".utf8)])
    #expect(
      found == [
        "Content/media/x.png: error: this is not a .png file (its first bytes are not a PNG signature); export it again as PNG, or give it the extension of what it is"
      ])
  }
}

@Suite struct ContentLimitTests {
  @Test func aLessonOverItsLimitIsReportedAndNotRendered() {
    var fixture = ContentFixture()
    fixture.addLesson(
      "big", order: 1, title: "Big",
      body: String(repeating: "Words and *more* words.\n\n", count: 12_000))
    let found = fixture.errors()
    #expect(
      found.contains(
        "Content/lessons/en/big.md: error: this lesson is 293 KiB; the limit is 256 KiB; split it into smaller files"
      ), "\(found)")
    #expect(found.count == 2, "one error per language, no follow-ons: \(found)")
  }

  @Test func aPageOverItsLimitIsReportedAtItsLesson() {
    struct Huge: Directive {
      let name = "huge"
      let argumentCount = 0...0
      let optionNames: [String] = []
      let usage = "huge"
      func render(_ invocation: DirectiveInvocation, in page: DirectivePage) -> Result<
        DirectiveOutput, DiagnosticsError
      > {
        .success(DirectiveOutput(html: String(repeating: "<p>x</p>", count: 1_100_000)))
      }
    }
    var fixture = ContentFixture()
    fixture.addLesson("large", order: 1, title: "Large", body: "```huge\n```\n")
    let found = fixture.errors([Huge()])
    #expect(
      found
        == ["en", "vi"].map {
          "Content/lessons/\($0)/large.md: error: the page \($0)/large.html would be 8.3 MiB; the limit for one page is 8 MiB; split the lesson, or show fewer walkthroughs (messages=A-B shows a part of one)"
        }, "no follow-on for the print page: \(found)")
  }

  @Test func hostileScenarioFailsBeforeItRuns() throws {
    var fixture = try ContentFixture.withScenarios([])
    fixture.addLesson("intro", order: 1, title: "Intro")
    fixture.files["scenarios/long.yaml"] =
      "id: long\ntitle:\n  en: Long\n  vi: Dài\nsteps:\n"
      + String(repeating: "  - wait: 24 h\n", count: 200)
    let found = fixture.errors()
    #expect(
      found == [
        "Content/scenarios/long.yaml:7:5: error: the waits of this scenario add up to more than 24 h of simulated time here; a scenario may wait 24 h in all; shorten the waits or split the scenario"
      ])
  }

  @Test func aTraceOverTheEventLimitIsReported() throws {
    var fixture = try ContentFixture.withScenarios([])
    fixture.addLesson("intro", order: 1, title: "Intro")
    fixture.files["scenarios/busy.yaml"] =
      "id: busy\ntitle:\n  en: Busy\n  vi: Bận\nvm:\n  generation: 2\n  disk: scsi\nsteps:\n"
      + String(repeating: "  - status\n  - kvp-enumerate: {pool: auto}\n", count: 100)
    let found = fixture.errors()
    #expect(found.count == 1)
    #expect(
      found.first?.contains("Content/scenarios/busy.yaml:1:1: error: this scenario records")
        == true, "\(found)")
    #expect(found.first?.contains("a trace may record at most 10000") == true)
  }

  @Test func theBuildsSimulationHasABudget() throws {
    var fixture = try ContentFixture.withScenarios([])
    fixture.addLesson("intro", order: 1, title: "Intro")
    for index in 1...4 {
      fixture.files["scenarios/day-\(index).yaml"] =
        "id: day-\(index)\ntitle:\n  en: Day\n  vi: Ngày\nsteps:\n  - wait: 24 h\n"
    }
    let found = fixture.errors()
    #expect(
      found == [
        "Content/scenarios/day-4.yaml: error: with this scenario the build's scenarios would ask for more than 72 h of simulated waiting; it is not run; remove or shorten scenarios; the limits are in docs/AUTHORING.md"
      ])
  }
}

@Suite struct ErrorQualityTests {
  @Test func anEmptySiteFileSaysSo() {
    var fixture = ContentFixture()
    fixture.addLesson("intro", order: 1, title: "Intro")
    fixture.files["site.yaml"] = ""
    #expect(
      fixture.errors() == [
        "Content/site.yaml:1:1: error: site.yaml is empty; it needs 'title', 'description', 'languages' and 'default-language' (see docs/AUTHORING.md)"
      ])
  }

  @Test func aSiteFileErrorDoesNotHideTheOthers() {
    var fixture = ContentFixture()
    fixture.addLesson("intro", order: 1, title: "Intro")
    fixture.files["site.yaml"] = "title: [broken"
    fixture.files["lessons/en/intro.md"] = "---\ntitle: Intro\nordr: 1\n---\nText.\n"
    let found = fixture.errors()
    #expect(found.contains { $0.hasPrefix("Content/site.yaml:") })
    #expect(
      found.contains(
        "Content/lessons/en/intro.md:3:1: error: unknown key 'ordr' in front matter; did you mean 'order'?"
      ), "\(found)")
  }

  @Test func aStringsSyntaxErrorIsTheOnlyError() throws {
    var fixture = try ContentFixture.withScenarios()
    fixture.addLesson("intro", order: 1, title: "Intro")
    for language in ["vi", "en"] {
      var broken = fixture
      broken.files["strings/\(language).yaml"] =
        "previous: [broken\n" + (fixture.files["strings/\(language).yaml"] ?? "")
      let found = broken.errors()
      #expect(found.count == 1, "\(language): \(found.prefix(3))")
      #expect(found.first?.hasPrefix("Content/strings/\(language).yaml:") == true)
    }
  }

  @Test func aTabInAScenarioIsTheOnlyError() throws {
    var fixture = try ContentFixture.withScenarios()
    let body = """
      ```trace disk-write-emulated
      ```

      {{count disk-write-emulated vmExits}} exits; [step 2](#disk-write-emulated-step-2);
      [its page](scenarios/disk-write-emulated.html).

      ```compare disk-write-emulated disk-write-synthetic
      ```
      """
    fixture.addLesson("intro", order: 1, title: "Intro", body: body)
    #expect(fixture.errors() == [])
    let original = try #require(fixture.files["scenarios/disk-write-emulated.yaml"])
    fixture.files["scenarios/disk-write-emulated.yaml"] = original.replacingOccurrences(
      of: "\n  ", with: "\n\t")
    let found = fixture.errors()
    #expect(found.count == 1, "\(found)")
    #expect(found.first?.contains("YAML does not allow tabs for indentation") == true)
  }

  @Test func anUnsafeLinkInASelfCheckIsAnError() {
    var fixture = ContentFixture()
    let body = "```self-check\n- question: Where?\n  answer: '[here](javascript:alert(1))'\n```\n"
    fixture.addLesson("quiz", order: 1, title: "Quiz", body: body)
    let found = fixture.errors()
    #expect(
      found.contains(
        "Content/lessons/en/quiz.md:7:3: error: 'javascript:' links are not allowed in self-check questions and answers (they are removed from the page)"
      ), "\(found)")
  }

  /// Found by the mutation fuzz: `---` then `---` composed to nothing, and the lesson vanished.
  @Test func emptyFrontMatterIsAnError() {
    var fixture = ContentFixture()
    fixture.addLesson("intro", order: 1, title: "Intro")
    fixture.files["lessons/en/intro.md"] = "---\n---\nText.\n"
    #expect(
      fixture.errors() == [
        "Content/lessons/en/intro.md:1:1: error: the front matter is empty; add 'title:' and 'order:' between the '---' lines"
      ])
  }

  /// Found by the fuzz: a lone carriage return is a line break for YAML, so it must be for us.
  @Test func aLoneCarriageReturnKeepsPositionsRight() {
    var fixture = ContentFixture()
    fixture.addLesson("intro", order: 1, title: "Intro")
    fixture.files["lessons/en/intro.md"] = "---\rtitle: Intro\rorder: 1\rsumary: x\r---\rText.\r"
    #expect(
      fixture.errors() == [
        "Content/lessons/en/intro.md:4:1: error: unknown key 'sumary' in front matter; did you mean 'summary'?"
      ])
  }

  /// Found by the fuzz: a counter in a folded (`>-`) question was placed past the end of its line.
  @Test func aCounterProblemInASelfCheckIsPlacedAtItsQuestion() {
    var fixture = ContentFixture()
    let body =
      "```self-check\n- question: >-\n    How many? {{count nope vmExits}}\n  answer: Many.\n```\n"
    fixture.addLesson("quiz", order: 1, title: "Quiz", body: body)
    let found = fixture.errors()
    #expect(
      found.contains { $0.hasPrefix("Content/lessons/en/quiz.md:7:3: error: no scenario 'nope'") },
      "\(found)")
  }

  @Test func anEmptySelfCheckIsAnError() {
    var fixture = ContentFixture()
    fixture.addLesson("quiz", order: 1, title: "Quiz", body: "```self-check\n```\n")
    #expect(fixture.errors().contains { $0.contains("a self-check lists its questions") })
  }

  @Test func mediaIsLinkedFromThePage() {
    var fixture = ContentFixture()
    fixture.addLesson(
      "pictures", order: 1, title: "Pictures",
      body: "![A](../media/a.png) and ![B](../../media/a.png)")
    fixture.files["media/a.png"] = String(decoding: MediaPolicyTests.png, as: UTF8.self)
    var snapshot = fixture.snapshot
    snapshot = ContentSnapshot(
      displayRoot: "Content",
      files: snapshot.files.filter { $0.path != "media/a.png" }
        + [.init(path: "media/a.png", bytes: MediaPolicyTests.png)])
    let found: [String]
    switch SiteBuilder().build(snapshot) {
    case .success: found = []
    case .failure(let error): found = error.diagnostics.map(\.description)
    }
    #expect(found.count == 2, "one per language, only for the '../../' form: \(found)")
    #expect(found.allSatisfy { $0.hasSuffix("write '../media/a.png'") }, "\(found)")
  }

  @Test func diagnosticsEscapeControlCharacters() {
    let diagnostic = Diagnostic(
      at: SourceLocation(path: "Content/media/a\u{1B}[2J.md", line: 1, column: 2),
      id: DiagnosticID("x"),
      "bad 'x\u{7}\ny'", suggestion: "fix\u{9B}")
    #expect(
      diagnostic.description
        == "Content/media/a\\u{1B}[2J.md:1:2: error: bad 'x\\u{7}\\ny'; fix\\u{9B}")
    #expect(
      Diagnostic(at: SourceLocation(file: "Content/media/x.js"), id: DiagnosticID("x"), "m")
        .description == "Content/media/x.js: error: m")
    #expect(TerminalText.escaped("Hyper-V từng bước") == "Hyper-V từng bước")
  }
}
