import ArgumentParser
import Foundation
import HVSite

/// `hvwalk new scenario <id>` and `hvwalk new lesson <slug>`: a commented starting file that
/// builds as it is.
struct NewCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "new",
    abstract: "Start a new scenario or lesson from a commented template.",
    subcommands: [NewScenario.self, NewLesson.self]
  )
}

struct NewScenario: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "scenario",
    abstract: "Write Content/scenarios/<id>.yaml, a scenario that runs as it is.",
    discussion: "Refuses to overwrite an existing file. Ids use a–z, 0–9 and '-'."
  )

  @Argument(help: ArgumentHelp("The scenario id, which is also its file name.", valueName: "id"))
  var id: String

  @OptionGroup var content: ContentOptions

  func validate() throws {
    guard Templates.isValidID(id) else {
      throw ValidationError(
        "'\(id)' is not a valid id: use a–z, 0–9 and '-', starting with a letter (e.g. 'heartbeat-lost')"
      )
    }
  }

  func run() throws {
    let path = "\(content.content)/scenarios/\(id).yaml"
    try Templates.write(Templates.scenario(id: id), to: path)
    Console.standard.info(
      """
      Wrote \(path).
      Next: edit its title, vm and steps, then try it:
        swift run hvwalk run \(id)
      and show it in a lesson with a block
        ```trace \(id)
        ```
      """)
  }
}

struct NewLesson: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "lesson",
    abstract: "Write Content/lessons/<lang>/<slug>.md in every site language.",
    discussion:
      "The lesson takes the next free order number. Refuses to overwrite an existing file."
  )

  @Argument(
    help: ArgumentHelp(
      "The lesson's slug: its file name and the last part of its URL.", valueName: "slug"))
  var slug: String

  @OptionGroup var content: ContentOptions

  func validate() throws {
    guard Templates.isValidID(slug) else {
      throw ValidationError(
        "'\(slug)' is not a valid slug: use a–z, 0–9 and '-', starting with a letter (e.g. 'time-sync')"
      )
    }
  }

  func run() throws {
    let snapshot = try ContentReader.read(content.content).snapshot
    let languages = Templates.languages(in: snapshot)
    let order = Templates.nextOrder(in: snapshot)
    let paths = languages.map { "\(content.content)/lessons/\($0)/\(slug).md" }
    for path in paths where FileManager.default.fileExists(atPath: path) {
      throw CommandFailure("\(path) already exists; choose another slug or edit that file")
    }
    for (language, path) in zip(languages, paths) {
      try Templates.write(Templates.lesson(slug: slug, order: order, language: language), to: path)
    }
    Console.standard.info(
      """
      Wrote \(paths.joined(separator: " and ")) (order \(order)).
      Next: write the lesson in each language, then check and build:
        swift run hvwalk check
        swift run hvwalk build
      """)
  }
}
