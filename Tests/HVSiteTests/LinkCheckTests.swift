import Testing

@testable import HVSite

/// Internal links and anchors must resolve; external images and script links are refused.
@Suite struct LinkCheckTests {
  func errors(_ body: String) -> [String] {
    var fixture = ContentFixture()
    fixture.addLesson("vmbus", order: 1, title: "VMBus", body: "## Ring buffers\n\nText.")
    fixture.files["lessons/vi/intro.md"] = fixture.lesson(title: "Intro", order: 2, body: body)
    fixture.files["lessons/en/intro.md"] = fixture.lesson(title: "Intro", order: 2, body: "x")
    return fixture.errors()
  }

  @Test func goodLinksPass() {
    #expect(
      errors(
        "[a](vmbus.md) [b](vmbus.md#ring-buffers) [c](#) [d](../en/vmbus.md) [e](https://x.org) [f](../assets/style.css)"
      ) == [])
  }

  @Test func missingLessonGetsASuggestion() {
    #expect(
      errors("See [VMBus](vmbuss.md).") == [
        "Content/lessons/vi/intro.md:6:5: error: link target 'vmbuss.md' does not exist in the site; did you mean 'vmbus.md'?"
      ])
  }

  @Test func missingAnchorGetsASuggestion() {
    #expect(
      errors("[x](vmbus.md#ring-buffer)") == [
        "Content/lessons/vi/intro.md:6:1: error: '#ring-buffer' matches no heading or figure in vi/vmbus.html; did you mean 'ring-buffers'?"
      ])
  }

  @Test func externalImagesAreRefused() {
    #expect(
      errors("![diagram](https://example.com/a.png)") == [
        "Content/lessons/vi/intro.md:6:1: error: images must be part of the site; pages make no external requests; save the image under 'media/' and link it as '../media/<file>'"
      ])
  }

  @Test func scriptLinksAreRefused() {
    #expect(
      errors("[x](javascript:alert(1))") == [
        "Content/lessons/vi/intro.md:6:1: error: 'javascript:' links are not allowed in lessons (they are removed from the page)"
      ])
  }

  @Test func linksMayNotClimbOutOfTheSite() {
    #expect(
      errors("[x](../../../etc/passwd)").first?.contains("does not exist in the site") == true)
  }
}
