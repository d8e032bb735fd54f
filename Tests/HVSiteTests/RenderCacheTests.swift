import HVDiagnostics
import HVTestSupport
import Testing

@testable import HVSite

/// `serve`'s incremental builds (``RenderCache``, issue 18 item 3) write exactly what a fresh
/// build writes after every kind of edit, and render only what depends on the edit.
@Suite(.serialized) struct RenderCacheTests {
  func edited(
    _ snapshot: ContentSnapshot, _ path: String, _ change: (String?) -> String?
  ) -> ContentSnapshot {
    var files = snapshot.files.filter { $0.path != path }
    let old = snapshot.file(path).map { String(decoding: $0.bytes, as: UTF8.self) }
    if let new = change(old) { files.append(.init(path: path, bytes: Array(new.utf8))) }
    return ContentSnapshot(displayRoot: snapshot.displayRoot, files: files)
  }

  func fresh(_ snapshot: ContentSnapshot) throws -> Site {
    try SiteBuilder().build(snapshot).get()
  }

  @Test func everyEditGivesWhatAFreshBuildGivesAndRendersOnlyWhatDependsOnIt() throws {
    var content = try Repository.contentSnapshot()
    let cache = RenderCache()
    let builder = SiteBuilder(scenarioCache: ScenarioCache(), renderCache: cache)
    let lessons = content.files(under: "lessons").count
    let english = content.files(under: "lessons/en").count

    _ = try builder.build(content).get()
    #expect(cache.renderedLessons == lessons)
    #expect(cache.renderedPages == lessons)

    // Nothing changed: nothing rendered.
    #expect(try builder.build(content).get() == fresh(content))
    #expect(cache.renderedLessons == 0)
    #expect(cache.renderedPages == 0)

    // A sentence added to one lesson: that lesson and its page, nothing else.
    content = edited(content, "lessons/en/vmbus.md") { $0! + "\nOne more sentence.\n" }
    let sentence = try builder.build(content).get()
    #expect(cache.renderedLessons == 1)
    #expect(cache.renderedPages == 1)
    #expect(sentence == (try fresh(content)))
    #expect(sentence.text("en/vmbus.html")?.contains("One more sentence.") == true)

    // A new title: every page of the language shows it in its sidebar.
    content = edited(content, "lessons/en/heartbeat.md") {
      $0!.replacingOccurrences(of: "\ntitle: ", with: "\ntitle: Renamed — ")
    }
    let renamed = try builder.build(content).get()
    #expect(cache.renderedLessons == 1)
    #expect(cache.renderedPages == english)
    #expect(renamed == (try fresh(content)))
    #expect(renamed.text("en/vmbus.html")?.contains("Renamed — ") == true)

    // A lesson added in both languages, then removed again.
    for language in ["en", "vi"] {
      content = edited(content, "lessons/\(language)/extra-lesson.md") { _ in
        "---\ntitle: Extra\norder: 999\n---\n\n## In two minutes\n\n- Extra.\n"
      }
    }
    #expect(try builder.build(content).get() == fresh(content))
    for language in ["en", "vi"] {
      content = edited(content, "lessons/\(language)/extra-lesson.md") { _ in nil }
    }
    #expect(try builder.build(content).get() == fresh(content))

    // A broken link fails the build; the next good build is still exact.
    let good = content
    content = edited(content, "lessons/en/vmbus.md") { $0! + "\n[Nowhere](nowhere.md)\n" }
    guard case .failure(let error) = builder.build(content) else {
      Issue.record("a link to a missing lesson must fail the build")
      return
    }
    #expect(error.diagnostics.contains { $0.identifier == DiagnosticID.linkMissingTarget })
    #expect(try builder.build(good).get() == fresh(good))
    content = good

    // A term the terminology file avoids: the build fails, again from the cache, until fixed.
    let clean = content
    content = edited(content, "lessons/vi/vmbus.md") { $0! + "\nMột máy khách.\n" }
    for _ in 1...2 {
      guard case .failure(let terms) = builder.build(content) else {
        Issue.record("an avoided term must fail the build")
        return
      }
      #expect(terms.diagnostics.contains { $0.identifier == DiagnosticID.terminologyAvoidedVariant })
    }
    content = clean
    #expect(try builder.build(content).get() == fresh(content))

    // An interface word: every page may show it, so everything is rendered again.
    content = edited(content, "strings/en.yaml") {
      $0!.replacingOccurrences(of: "\nprevious: ", with: "\nprevious: Back — ")
    }
    let strings = try builder.build(content).get()
    #expect(cache.renderedLessons == lessons)
    #expect(strings == (try fresh(content)))
  }
}
