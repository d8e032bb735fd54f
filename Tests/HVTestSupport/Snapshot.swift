import Foundation
import Testing

/// Golden-file ("snapshot") checks: a test's output compared, byte for byte, with a file
/// committed next to the test.
///
/// Goldens are byte-protected: they are compared as bytes (no newline or encoding
/// normalisation, so a stray `\r` or BOM is a failure), and written only when the run asks for it
/// with `HVWALK_RECORD=1` — never on CI (`CI=true`), where recording would turn every regression
/// into a pass. A failure prints a unified-style line diff and the command that re-records.
public enum Snapshot {
  /// What a run does with goldens, from its environment.
  public enum Mode: Equatable, Sendable {
    /// Compare only.
    case verify
    /// Write goldens whose bytes differ (or that are missing), then pass.
    case record
    /// Recording was asked for on CI: compare only, and say that nothing was written.
    case recordRefusedOnCI
  }

  /// The environment variable that turns recording on (`HVWALK_RECORD=1`).
  public static let recordVariable = "HVWALK_RECORD"

  public static func mode(environment: [String: String] = ProcessInfo.processInfo.environment)
    -> Mode
  {
    guard let value = environment[recordVariable], !value.isEmpty, value != "0" else {
      return .verify
    }
    return environment["CI"]?.lowercased() == "true" ? .recordRefusedOnCI : .record
  }

  /// The result of one check, before it is reported (tests of this helper look at it directly).
  public enum Outcome: Equatable, Sendable {
    case matched
    /// The golden was written (record mode): it was missing or its bytes differed.
    case recorded
    case missing(String)
    case differs(String)
  }

  /// Compares `actual` with the golden file's bytes; in record mode writes the file when it is
  /// missing or different (and leaves it untouched when it already matches).
  public static func check(_ actual: [UInt8], golden: URL, mode: Mode) throws -> Outcome {
    let expected = FileManager.default.contents(atPath: golden.path).map { [UInt8]($0) }
    if expected == actual { return .matched }
    if mode == .record {
      try FileManager.default.createDirectory(
        at: golden.deletingLastPathComponent(), withIntermediateDirectories: true)
      try Data(actual).write(to: golden)
      return .recorded
    }
    let how =
      mode == .recordRefusedOnCI
      ? "\(recordVariable) is ignored on CI (CI=true): record locally and commit the golden"
      : "re-record with \(recordVariable)=1 swift test --filter <suite>, then review the diff"
    guard let expected else {
      return .missing("no golden file at \(relative(golden)); \(how)")
    }
    let diff = LineDiff.unified(
      expected: String(decoding: expected, as: UTF8.self),
      actual: String(decoding: actual, as: UTF8.self))
    let detail =
      diff.isEmpty
      ? "the lines are equal but the bytes are not (line endings, encoding or a final newline)"
      : diff
    return .differs("\(relative(golden)) differs (--- golden, +++ actual):\n\(detail)\n\(how)")
  }

  /// Checks `actual` against the golden file and records a test issue when they differ.
  public static func expect(
    _ actual: String, matches golden: URL,
    environment: [String: String] = ProcessInfo.processInfo.environment,
    sourceLocation: SourceLocation = #_sourceLocation
  ) {
    expect(
      Array(actual.utf8), matches: golden, environment: environment, sourceLocation: sourceLocation)
  }

  /// Byte version of ``expect(_:matches:environment:sourceLocation:)``.
  public static func expect(
    _ actual: [UInt8], matches golden: URL,
    environment: [String: String] = ProcessInfo.processInfo.environment,
    sourceLocation: SourceLocation = #_sourceLocation
  ) {
    do {
      switch try check(actual, golden: golden, mode: mode(environment: environment)) {
      case .matched, .recorded: break
      case .missing(let message), .differs(let message):
        Issue.record(Comment(rawValue: message), sourceLocation: sourceLocation)
      }
    } catch {
      Issue.record(error, "could not record \(relative(golden))", sourceLocation: sourceLocation)
    }
  }

  /// `Tests/HVSiteTests/Golden/x.svg` rather than an absolute path, for messages.
  static func relative(_ url: URL) -> String {
    let root = Repository.root.path + "/"
    return url.path.hasPrefix(root) ? String(url.path.dropFirst(root.count)) : url.path
  }
}
