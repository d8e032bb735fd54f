import ArgumentParser
import HVSite

/// `hvwalk phrases <lang>`: the model's phrases the course's scenarios produce, as the language's
/// phrases file (`strings/phrases/<lang>.yaml`) would hold them.
struct PhrasesCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "phrases",
    abstract: "List the simulation's phrases a language must translate.",
    discussion: """
      Runs every scenario of the content folder and prints each English template its traces \
      use (labels, loop titles, host-log lines; {n} stands for an identifier, a number or a \
      nested phrase) with the language's translation from strings/phrases/<lang>.yaml, as YAML. \
      With --missing only the untranslated ones, ready to fill in and append. Exits with a \
      non-zero status when any is missing.
      """)

  @Argument(help: ArgumentHelp("The language, e.g. vi.", valueName: "lang"))
  var language: String

  @Flag(help: "Print only the phrases the language does not translate yet.")
  var missing = false

  @OptionGroup var content: ContentOptions

  func run() throws {
    let console = Console.standard
    let reading = try ContentReader.read(content.content)
    switch PhraseCoverage.of(reading.snapshot, language: language) {
    case .failure(let error):
      console.report(reading.diagnostics + error.diagnostics)
      throw ExitCode.failure
    case .success(let coverage):
      print(coverage.yaml(onlyMissing: missing), terminator: "")
      if !coverage.missing.isEmpty {
        console.error(
          "\(coverage.missing.count) of \(coverage.entries.count) phrases have no '\(language)' translation.")
        throw ExitCode.failure
      }
    }
  }
}
