import Foundation
import HVTestSupport
import Testing

/// The golden-file helper itself: byte comparison, record mode, and no recording on CI.
@Suite struct SnapshotTests {
  let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
    "hvwalk-snapshot-\(UUID().uuidString)")

  @Test func recordModeComesFromTheEnvironmentAndNeverFromCI() {
    #expect(Snapshot.mode(environment: [:]) == .verify)
    #expect(Snapshot.mode(environment: ["HVWALK_RECORD": "0"]) == .verify)
    #expect(Snapshot.mode(environment: ["HVWALK_RECORD": "1"]) == .record)
    #expect(Snapshot.mode(environment: ["HVWALK_RECORD": "1", "CI": "true"]) == .recordRefusedOnCI)
    #expect(Snapshot.mode(environment: ["HVWALK_RECORD": "1", "CI": "false"]) == .record)
  }

  @Test func goldensAreComparedAsBytes() throws {
    let golden = folder.appendingPathComponent("a.txt")
    defer { try? FileManager.default.removeItem(at: folder) }
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    try Data("one\ntwo\n".utf8).write(to: golden)
    #expect(try Snapshot.check(Array("one\ntwo\n".utf8), golden: golden, mode: .verify) == .matched)
    guard
      case .differs(let message) = try Snapshot.check(
        Array("one\r\ntwo\n".utf8), golden: golden, mode: .verify)
    else {
      Issue.record("a CR must count as a difference")
      return
    }
    #expect(message.contains("-one\n+one\\r\n two"))
  }

  @Test func onlyRecordModeWritesAndCIRefuses() throws {
    let golden = folder.appendingPathComponent("nested/b.txt")
    defer { try? FileManager.default.removeItem(at: folder) }
    guard case .missing = try Snapshot.check(Array("new".utf8), golden: golden, mode: .verify)
    else {
      Issue.record("a missing golden must fail")
      return
    }
    guard
      case .missing(let refusal) = try Snapshot.check(
        Array("new".utf8), golden: golden, mode: .recordRefusedOnCI)
    else {
      Issue.record("recording on CI must fail")
      return
    }
    #expect(refusal.contains("CI=true"))
    #expect(!FileManager.default.fileExists(atPath: golden.path))
    #expect(try Snapshot.check(Array("new".utf8), golden: golden, mode: .record) == .recorded)
    #expect(FileManager.default.contents(atPath: golden.path) == Data("new".utf8))
    #expect(try Snapshot.check(Array("new".utf8), golden: golden, mode: .record) == .matched)
  }

  @Test func theDiffShowsTheChangedLinesWithContext() {
    let expected = (1...20).map { "line \($0)" }.joined(separator: "\n")
    let actual = expected.replacingOccurrences(of: "line 10\n", with: "line ten\n")
    #expect(
      LineDiff.unified(expected: expected, actual: actual) == """
        @@ -7,7 +7,7 @@
         line 7
         line 8
         line 9
        -line 10
        +line ten
         line 11
         line 12
         line 13
        """)
    #expect(LineDiff.unified(expected: expected, actual: expected).isEmpty)
    #expect(LineDiff.unified(expected: "a", actual: "a\nb") == "@@ -1,1 +1,2 @@\n a\n+b")
  }

  @Test func theRepositoryRootHoldsThePackage() {
    #expect(FileManager.default.fileExists(atPath: Repository.url("Package.swift").path))
    #expect(FileManager.default.fileExists(atPath: Repository.url("Content/site.yaml").path))
  }
}
