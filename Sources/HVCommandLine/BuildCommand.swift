import ArgumentParser
import Foundation
import HVDiagnostics
import HVSite

/// `hvwalk build`: content folder → site folder, all or nothing.
struct BuildCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "build",
    abstract: "Build the website from the content folder.",
    discussion: """
      Reads Content/site.yaml, the interface strings, the theme and every lesson, renders them, \
      and replaces the output folder only when every page succeeded. On any problem it prints \
      each one as path:line:column: error: message, exits with a non-zero status, and leaves \
      the previous site exactly as it was.

      The output folder is replaced only if it is absent, empty, or a site hvwalk built (it \
      holds the .hvwalk-site marker every build writes); never the content folder or a folder \
      that contains it, a file, or a folder of other files (unless --force). One build writes \
      into an output at a time; a second one waits for the first.

      When neither the content nor hvwalk changed since the last build into the output, and \
      the output is as that build left it, nothing is written (the check is recorded in \
      .<output>.state beside the output folder).
      """
  )

  @OptionGroup var content: ContentOptions

  @Option(name: .long, help: ArgumentHelp("The folder to write the site into.", valueName: "dir"))
  var output: String = "Site"

  @Flag(
    name: .long,
    help:
      "Replace the output folder even if it is not a site hvwalk built (never the content folder, a folder containing it, or a file)."
  )
  var force = false

  func run() throws {
    let clock = ContinuousClock()
    let started = clock.now
    let console = Console.standard
    let reading = try ContentReader.read(content.content)
    // Nothing to do when the output holds exactly what the last build over this content left
    // (``BuildState``): the site is a pure function of the content and of hvwalk itself.
    let inputs = reading.diagnostics.isEmpty ? BuildState.inputs(of: reading.snapshot) : nil
    if let inputs, let state = BuildState.currentState(of: output, inputs: inputs) {
      // Nothing to write, but what killed builds left beside the output still goes.
      try writer(console).removeLeftovers()
      let seconds = (clock.now - started).secondsDescription
      console.info(
        "\(output)/ is up to date (\(state.files) files): the content has not changed since it was built. Checked in \(seconds)."
      )
      return
    }
    switch ContentBuild.run(SiteBuilder(), reading) {
    case .failure(let error):
      console.report(error.diagnostics)
      throw ExitCode.failure
    case .success(let site):
      try writer(console).write(site, inputs: inputs)
      let seconds = (clock.now - started).secondsDescription
      console.info(
        "Built \(site.pageCount) pages (\(site.files.count) files) into \(output)/ in \(seconds).")
    }
  }

  private func writer(_ console: Console) -> SiteWriter {
    SiteWriter(destination: output, content: content.content, force: force, announce: console.error)
  }
}

/// `--content DIR`, shared by every command that reads content.
struct ContentOptions: ParsableArguments {
  @Option(
    name: .long,
    help: ArgumentHelp(
      "The content folder: site.yaml, strings/, theme/, lessons/, scenarios/.", valueName: "dir"))
  var content: String = "Content"
}

extension Duration {
  /// `0.42 s`, for summaries printed to a person (never written into the site).
  var secondsDescription: String {
    let (seconds, attoseconds) = components
    let value = Double(seconds) + Double(attoseconds) / 1e18
    return String(format: "%.2f s", value)
  }
}
