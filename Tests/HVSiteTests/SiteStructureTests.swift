import Testing

@testable import HVSite

/// The shape of the built site: pages, order, navigation between lessons and languages.
@Suite struct SiteStructureTests {
  func threeLessons() -> ContentFixture {
    var fixture = ContentFixture()
    fixture.addLesson("vmbus", order: 2, title: "VMBus")
    fixture.addLesson("overview", order: 1, title: "Overview")
    fixture.addLesson("heartbeat", order: 3, title: "Heartbeat")
    return fixture
  }

  @Test func everyPageIsWritten() throws {
    let site = try #require(threeLessons().build().site)
    #expect(
      site.files.map(\.path) == [
        "404.html", "assets/style.css",
        "en/404.html", "en/heartbeat.html", "en/index.html", "en/overview.html", "en/print.html",
        "en/search-index.js", "en/vmbus.html",
        "index.html",
        "vi/404.html", "vi/heartbeat.html", "vi/index.html", "vi/overview.html", "vi/print.html",
        "vi/search-index.js", "vi/vmbus.html",
      ])
  }

  @Test func sidebarFollowsOrderAndMarksTheCurrentLesson() throws {
    let site = try #require(threeLessons().build().site)
    let page = try #require(site.text("en/vmbus.html"))
    let sidebar = try #require(
      page.split(separator: "<ol class=\"sidebar\">").last?.split(separator: "</ol>").first)
    #expect(
      sidebar == """
        <li><a href="overview.html">Overview (en)</a></li><li class="current"><a href="vmbus.html">VMBus (en)</a></li>\
        <li><a href="heartbeat.html">Heartbeat (en)</a></li>
        """)
  }

  @Test func previousAndNextFollowOrder() throws {
    let site = try #require(threeLessons().build().site)
    let first = try #require(site.text("vi/overview.html"))
    let middle = try #require(site.text("vi/vmbus.html"))
    let last = try #require(site.text("vi/heartbeat.html"))
    #expect(!first.contains("rel=\"prev\""))
    #expect(first.contains("<a rel=\"next\" href=\"vmbus.html\">Bài tiếp theo: VMBus (vi)</a>"))
    #expect(middle.contains("<a rel=\"prev\" href=\"overview.html\">Bài trước: Overview (vi)</a>"))
    #expect(
      middle.contains("<a rel=\"next\" href=\"heartbeat.html\">Bài tiếp theo: Heartbeat (vi)</a>"))
    #expect(!last.contains("rel=\"next\""))
  }

  @Test func languageSwitchLandsOnTheSameLesson() throws {
    let site = try #require(threeLessons().build().site)
    let page = try #require(site.text("vi/vmbus.html"))
    #expect(page.contains("<html lang=\"vi\">"))
    #expect(
      page.contains("<a class=\"lang\" hreflang=\"en\" href=\"../en/vmbus.html\">English</a>"))
    #expect(
      page.contains("<a class=\"lang\" hreflang=\"vi\" href=\"../vi/vmbus.html\">Tiếng Việt</a>"))
  }

  @Test func homeListsEveryLanguage() throws {
    let site = try #require(threeLessons().build().site)
    let home = try #require(site.text("index.html"))
    #expect(
      home.contains("<section lang=\"vi\">Khóa học</section><section lang=\"en\">Course</section>"))
  }

  @Test func aLessonMissingInOneLanguageIsAnError() {
    var fixture = threeLessons()
    fixture.files["lessons/en/extra.md"] = fixture.lesson(title: "Extra", order: 9, body: "x")
    #expect(
      fixture.errors() == [
        "Content/lessons/en/extra.md:1:1: error: lesson 'extra' has no 'vi' version; add Content/lessons/vi/extra.md"
      ])
  }

  @Test func ordersMustAgreeAndNotRepeat() {
    var fixture = threeLessons()
    fixture.files["lessons/en/vmbus.md"] = fixture.lesson(title: "VMBus", order: 3, body: "x")
    let errors = fixture.errors()
    #expect(
      errors.contains(
        "Content/lessons/en/vmbus.md:1:1: error: order 3 differs from the 'vi' version's order 2; use order: 2"
      ))
    #expect(
      errors.contains(
        "Content/lessons/en/vmbus.md:1:1: error: order 3 is already used by 'heartbeat'"))
  }

  @Test func lessonsOutsideALanguageFolderAreRejected() {
    var fixture = threeLessons()
    fixture.files["lessons/fr/vmbus.md"] = fixture.lesson(title: "VMBus", order: 2, body: "x")
    fixture.files["lessons/Bad Name.md"] = "x"
    #expect(
      fixture.errors() == [
        "Content/lessons/Bad Name.md:1:1: error: lessons are Markdown files at 'lessons/<language>/<slug>.md'; move or rename this file, or put media under 'media/'",
        "Content/lessons/fr/vmbus.md:1:1: error: 'fr' is not one of the site's languages (vi, en); expected one of: 'en', 'vi'",
      ])
  }

  @Test func stringsMustMatchTheDefaultLanguage() {
    var fixture = threeLessons()
    fixture.files["strings/en.yaml"] =
      "language-name: English\nprevous: Previous\nnext: Next\nself-check-heading: Check\n"
    #expect(
      fixture.errors() == [
        "Content/strings/en.yaml:1:1: error: missing the translation of 'previous' (defined in strings/vi.yaml)",
        "Content/strings/en.yaml:2:1: error: 'prevous' is not a key of strings/vi.yaml; did you mean 'previous'?",
      ])
  }

  @Test func templatesMayOnlyUseDefinedStrings() {
    var fixture = threeLessons()
    fixture.files["theme/templates/not-found.mustache"] = "<p>\n{{strings.not-fund}}</p>"
    #expect(
      fixture.errors() == [
        "Content/theme/templates/not-found.mustache:2:11: error: the template uses 'strings.not-fund', which strings/vi.yaml does not define; expected one of: 'language-name', 'next', 'previous', 'self-check-heading'"
      ])
  }

  @Test func aMissingTemplateIsNamed() {
    var fixture = threeLessons()
    fixture.files["theme/templates/lesson.mustache"] = nil
    #expect(fixture.errors().first?.contains("the theme has no 'lesson' template") == true)
  }

  @Test func siteConfigErrorsArePositioned() {
    var fixture = threeLessons()
    fixture.files["site.yaml"] = """
      title:
        vi: A
        en: B
      description:
        vi: A
      languages: [vi, en]
      default-language: vn
      """
    #expect(
      fixture.errors() == [
        "Content/site.yaml:5:3: error: missing required key 'en'",
        "Content/site.yaml:7:19: error: default language 'vn' is not one of the site's languages; did you mean 'vi'?",
      ])
  }
}
