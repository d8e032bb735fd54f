import ArgumentParser
import Foundation
import HVDiagnostics
import HVScenario
import HVSite
import HVTrace

/// `hvwalk run <id|path>`: runs one scenario and prints its trace.
///
/// The command only reads the file and writes the output; parsing, running and rendering are
/// ``ScenarioRunner/render(source:path:seedOverride:format:)``, which the tests cover.
struct RunCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "run",
    abstract: "Run a scenario and print its trace.",
    discussion: """
      Prints the numbered transcript with its counters, or the JSON export (--json), or the \
      Chrome trace-event format for Perfetto (--chrome-trace). Errors in the scenario file are \
      printed as path:line:column: error: … and the command exits with a non-zero status.
      """)

  @Argument(
    help: ArgumentHelp(
      "A scenario id (<content>/scenarios/<id>.yaml) or the path of a scenario file.",
      valueName: "id|path"))
  var scenario: String

  @OptionGroup var contentOptions: ContentOptions

  @Option(help: ArgumentHelp("Use this seed instead of the scenario's.", valueName: "n"))
  var seed: UInt64?

  @Flag(help: "Print the trace as JSON (contract §3).")
  var json = false

  @Flag(
    name: .customLong("chrome-trace"),
    help: "Print the trace in the Chrome trace-event format (open it in Perfetto).")
  var chromeTrace = false

  private var content: String { contentOptions.content }

  func validate() throws {
    if json && chromeTrace { throw ValidationError("--json and --chrome-trace cannot be combined") }
  }

  func run() throws {
    let console = Console.standard
    let path = ScenarioRunner.scenarioPath(for: scenario, contentDirectory: content)
    guard let data = FileManager.default.contents(atPath: path) else {
      console.report([
        Diagnostic(
          .error, at: SourceLocation(path: path, line: 1, column: 1), id: .runUnreadable,
          "cannot read the scenario file", suggestion: nearbyID())
      ])
      throw ExitCode.failure
    }
    // The same decoding as a build: UTF-8 (a BOM is fine), CRLF read as LF, and a file that is not
    // UTF-8 reported at its first bad byte.
    let snapshot = ContentSnapshot(displayRoot: "", files: [.init(path: path, bytes: Array(data))])
    let text: String
    switch snapshot.text(of: snapshot.files[0]) {
    case .success(let decoded): text = decoded
    case .failure(let error):
      console.report(error.diagnostics)
      throw ExitCode.failure
    }
    let format: TraceFormat = json ? .json : chromeTrace ? .chromeTrace : .transcript
    let result = ScenarioRunner.render(source: text, path: path, seedOverride: seed, format: format)
    if !result.diagnostics.isEmpty { console.report(result.diagnostics) }
    guard let output = result.output else { throw ExitCode.failure }
    print(output, terminator: "")
  }

  /// "did you mean …?" among the scenario ids of the content folder, when the argument is an id.
  private func nearbyID() -> String? {
    guard !scenario.contains("/"), !scenario.hasSuffix(".yaml"), !scenario.hasSuffix(".yml") else {
      return nil
    }
    let folder = (content as NSString).appendingPathComponent("scenarios")
    let files = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
    let ids = files.filter { $0.hasSuffix(".yaml") }.map { String($0.dropLast(5)) }
    return ids.isEmpty ? nil : Suggestion.didYouMean(scenario, in: ids)
  }
}
