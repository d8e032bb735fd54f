import ArgumentParser
import Foundation

/// The `hvwalk` command tree. Each subcommand is a small struct in its own file; the work it does
/// lives in the library modules, so it can be tested without a process.
@available(macOS 10.15, *)
public struct HVWalkCommand: AsyncParsableCommand {
  public static let configuration = CommandConfiguration(
    commandName: "hvwalk",
    abstract: "Simulate a Hyper-V host and turn its traces into a bilingual course website.",
    discussion: """
      hvwalk reads lessons (Markdown) and scenarios (YAML) from a content folder, runs each \
      scenario on a deterministic model of Hyper-V, and writes a static website that opens \
      straight from disk (file://), with no server and no network.

      Common tasks:
        hvwalk build                  Content/ → Site/ (all or nothing)
        hvwalk check                  report every problem in Content/, write nothing
        hvwalk run <scenario>         print the trace of a scenario (or --json)
        hvwalk new lesson <slug>      start a lesson in every language
        hvwalk new scenario <id>      start a scenario
      """,
    subcommands: [
      BuildCommand.self, CheckCommand.self, RunCommand.self, NewCommand.self, ServeCommand.self,
      PhrasesCommand.self,
    ]
  )

  public init() {}

  /// Parses the arguments and runs the chosen command, awaiting those that are asynchronous
  /// (`serve`). What `AsyncParsableCommand.main()` does, spelled out because Swift picks the
  /// synchronous `main()` overload from top-level code on Linux.
  public static func runMain() async {
    do {
      var command = try parseAsRoot()
      if var asyncCommand = command as? any AsyncParsableCommand {
        try await asyncCommand.run()
      } else {
        try command.run()
      }
    } catch let error as CocoaError {
      // A file-system error no command put into words: say what failed, not NSCocoaErrorDomain.
      let path = (error.userInfo[NSFilePathErrorKey] as? String) ?? error.url?.path ?? "a file"
      exit(withError: CommandFailure("cannot use \(path): \(FileSystemError.reason(error))"))
    } catch {
      exit(withError: error)
    }
  }
}
