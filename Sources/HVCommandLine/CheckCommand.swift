import ArgumentParser
import HVSite

/// `hvwalk check`: everything `build` checks, without writing anything.
struct CheckCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "check",
    abstract: "Check every scenario, lesson, directive, counter and link without writing anything.",
    discussion: """
      Runs the whole build in memory — scenarios parsed and simulated, lessons rendered, \
      directives and inline counters resolved, internal links and #anchors followed — and prints \
      every problem as path:line:column: error: message. Exits with 0 only when all is well.
      """
  )

  @OptionGroup var content: ContentOptions

  func run() throws {
    let console = Console.standard
    switch try ContentBuild.run(SiteBuilder(), content: content.content) {
    case .failure(let error):
      console.report(error.diagnostics)
      throw ExitCode.failure
    case .success(let site):
      console.info(
        "OK: \(site.pageCount) pages would be built from \(content.content)/; no problems found.")
    }
  }
}
