import HVDiagnostics
import Testing

@testable import HVSite

/// Issue 5's list of mistakes a new author makes, each through a whole build, as `hvwalk check`
/// and `hvwalk build` print them: path, line, column, message and suggestion.
@Suite struct AuthoringErrorTests {
  /// The errors a build reports when the content has these extra files.
  func errors(_ files: [String: String], bytes: [String: [UInt8]] = [:]) throws -> [String] {
    var fixture = try ContentFixture.withScenarios()
    fixture.addLesson("a", order: 1, title: "A")
    for (path, text) in files { fixture.files[path] = text }
    var snapshot = fixture.snapshot
    if !bytes.isEmpty {
      snapshot = ContentSnapshot(
        displayRoot: "Content",
        files: snapshot.files + bytes.map { ContentSnapshot.File(path: $0.key, bytes: $0.value) })
    }
    switch SiteBuilder().build(snapshot) {
    case .success: return []
    case .failure(let error): return error.diagnostics.map(\.description)
    }
  }

  static func scenario(_ id: String, _ body: String) -> String {
    "id: \(id)\ntitle:\n  en: Test\n  vi: Thử\n" + body
  }

  @Test func aLessonNamedLikeABuiltInPage() throws {
    var found: [String] = []
    for slug in ["print", "index", "404"] {
      found += try errors([
        "lessons/en/\(slug).md": "---\ntitle: P\norder: 7\n---\nText.\n",
        "lessons/vi/\(slug).md": "---\ntitle: P\norder: 7\n---\nChữ.\n",
      ]).filter { $0.contains("'\(slug)' is the name of a page hvwalk writes itself") }
    }
    #expect(found.count == 6, "one per language and name: \(found)")
    #expect(found.allSatisfy { $0.hasPrefix("Content/lessons/") && $0.contains(": error: ") })
  }

  @Test func misspelledStep() throws {
    #expect(
      try errors(["scenarios/s.yaml": Self.scenario("s", "steps:\n  - write-disc: 10 KiB\n")]) == [
        "Content/scenarios/s.yaml:6:5: error: unknown step 'write-disc'; did you mean 'write-disk'?"
      ])
  }

  @Test func wrongType() throws {
    #expect(
      try errors(["scenarios/s.yaml": Self.scenario("s", "seed: [1]\nsteps:\n  - wait: 1 s\n")])
        == [
          "Content/scenarios/s.yaml:5:7: error: seed must be a single value"
        ])
  }

  @Test func sizeWithoutUnit() throws {
    #expect(
      try errors(["scenarios/s.yaml": Self.scenario("s", "steps:\n  - write-disk: 10\n")]) == [
        "Content/scenarios/s.yaml:6:17: error: '10' has no unit; write it with a unit, e.g. '10 B'"
      ])
  }

  @Test func generationTwoWithAnIDEDisk() throws {
    #expect(
      try errors([
        "scenarios/s.yaml": Self.scenario(
          "s", "vm:\n  generation: 2\n  disk: ide\nsteps:\n  - wait: 1 s\n")
      ]) == [
        "Content/scenarios/s.yaml:7:9: error: a generation 2 VM has no IDE controller; use disk: scsi, or generation: 1"
      ])
  }

  @Test func copyFileWithoutADestination() throws {
    let found = try errors([
      "scenarios/s.yaml": Self.scenario(
        "s",
        "vm:\n  integration-services: all\nsteps:\n  - enable-service: guest-services\n  - copy-file: {source: a.txt, size: 1 KiB}\n"
      )
    ])
    #expect(found.count == 1)
    #expect(
      found.first?.hasPrefix(
        "Content/scenarios/s.yaml:9:16: error: 'copy-file' needs the key 'destination'") == true)
  }

  @Test func aTraceOfAScenarioThatDoesNotExist() throws {
    #expect(
      try errors([
        "lessons/en/b.md": "---\ntitle: B\norder: 2\n---\n```trace disk-write-emulatd\n```\n",
        "lessons/vi/b.md": "---\ntitle: B\norder: 2\n---\nx\n",
      ]) == [
        "Content/lessons/en/b.md:5:10: error: no scenario 'disk-write-emulatd'; did you mean 'disk-write-emulated'?"
      ])
  }

  @Test func anIDThatDiffersFromTheFileName() throws {
    #expect(
      try errors(["scenarios/s.yaml": Self.scenario("other", "steps:\n  - wait: 1 s\n")]) == [
        "Content/scenarios/s.yaml:1:5: error: id 'other' must equal the file name 's'; rename the file to 'other.yaml' or set id: s"
      ])
  }

  @Test func aDuplicateScenarioID() throws {
    // Ids equal file names, so a second file claiming an id is reported as both mistakes.
    let found = try errors([
      "scenarios/disk-write-copy.yaml": Self.scenario(
        "disk-write-emulated", "steps:\n  - wait: 1 s\n")
    ])
    #expect(
      found.contains {
        $0.hasPrefix(
          "Content/scenarios/disk-write-copy.yaml:1:5: error: id 'disk-write-emulated' must equal the file name"
        )
      })
  }

  @Test func aTabIndentedFile() throws {
    #expect(
      try errors(["scenarios/s.yaml": Self.scenario("s", "steps:\n\t- wait: 1 s\n")]) == [
        "Content/scenarios/s.yaml:6:1: error: YAML does not allow tabs for indentation; indent with spaces"
      ])
  }

  @Test func aFileThatIsNotUTF8() throws {
    var bytes = Array(Self.scenario("s", "steps:\n  - wait: 1 s\n").utf8)
    bytes.insert(0xFF, at: 20)
    #expect(
      try errors([:], bytes: ["scenarios/s.yaml": bytes]) == [
        "Content/scenarios/s.yaml:3:8: error: file is not valid UTF-8; save it with UTF-8 encoding"
      ])
  }

  @Test func anAbsurdSizeAndDuration() throws {
    #expect(
      try errors([
        "scenarios/s.yaml": Self.scenario(
          "s", "steps:\n  - write-disk: 10 PiB\n  - wait: 100000 h\n")
      ]) == [
        "Content/scenarios/s.yaml:6:17: error: '10 PiB' is far more than the 1 GiB a step may move; sizes go up to GiB",
        "Content/scenarios/s.yaml:7:11: error: '100000 h' is longer than the 24 h a wait may last",
      ])
  }

  @Test func anIDWithAPathInIt() throws {
    let found = try errors(["scenarios/s.yaml": Self.scenario("../evil", "steps:\n  - wait: 1 s\n")]
    )
    #expect(
      found == [
        "Content/scenarios/s.yaml:1:5: error: id '../evil' may only use lower-case letters, digits and '-'"
      ])
  }
}
