import HVDiagram
import HVTrace

/// A page per scenario and language (`<lang>/scenarios/<id>.html`), an index of them, and the
/// trace exports every page links to (`scenarios/<id>.json`, `scenarios/<id>.trace.json`).
struct ScenarioPages {
  let runs: [ScenarioRun]
  let strings: [String: InterfaceStrings]
  let theme: Theme
  let cache: ScenarioCache?

  /// Ids of the scenario template's own headings, for link checks.
  static let headingIDs = ["vm-heading", "rerun-heading"]

  /// The trace as canonical JSON, shared by every language.
  func json(_ run: ScenarioRun) -> Site.File {
    Site.File(path: Route.scenarioJSON(id: run.id).path, text: run.trace.rendered(as: .json))
  }

  /// The trace in Chrome's trace format, shared by every language.
  func chromeTrace(_ run: ScenarioRun) -> Site.File {
    Site.File(path: Route.chromeTrace(id: run.id).path, text: run.trace.rendered(as: .chromeTrace))
  }

  /// The body of one scenario's page (the layout wraps it).
  func page(_ run: ScenarioRun, language: String) -> String {
    guard let interface = strings[language] else { return "" }
    let page = Route.scenario(language: language, id: run.id)
    let text = WalkthroughText(strings: interface)
    let figure = WalkthroughFigure(
      run: run, options: DiagramOptions(), text: text, language: language,
      scenarioHref: nil,
      bytesHref: Route.scenarioBytes(language: language, id: run.id).relativeURL(from: page)
    ).render(cache: cache).html
    let view = ScenarioPageView(
      title: run.title[language] ?? run.id, summary: run.summary[language] ?? "", figure: figure,
      command: "swift run hvwalk run \(run.id) --seed \(run.seed)",
      jsonHref: Route.scenarioJSON(id: run.id).relativeURL(from: page),
      chromeHref: Route.chromeTrace(id: run.id).relativeURL(from: page),
      vmName: run.trace.vm.name, vmState: run.trace.vm.state,
      services: run.trace.integrationServices.map {
        ServiceRow(
          name: $0.name, enabled: text($0.enabled ? "yes" : "no"),
          status: Self.statusText($0, interface))
      },
      hasServices: !run.trace.integrationServices.isEmpty,
      log: run.trace.hostLog.map { entry in
        let message = interface.phrases.render(entry.text)
        return LogRow(
          time: entry.time, source: entry.source, message: message.text,
          english: message.missing)
      },
      hasLog: !run.trace.hostLog.isEmpty, strings: interface.dictionary)
    return theme.render(view, template: "scenario")
  }

  /// A service's status as `Get-VMIntegrationService` prints it, explained in the page's language
  /// (issue 16): the strings file words each `PrimaryStatusDescription` (`service-status-ok`,
  /// `service-status-no-contact`, …) and says that a disabled service's `OK` means "not in use".
  /// An unknown status is shown as it is.
  static func statusText(_ service: IntegrationServiceStatus, _ strings: InterfaceStrings) -> String
  {
    guard !service.status.isEmpty else { return strings["service-status-none"] ?? "" }
    if !service.enabled, let disabled = strings["service-status-disabled"] { return disabled }
    let key =
      "service-status-" + service.status.lowercased().split(separator: " ").joined(separator: "-")
    return strings[key] ?? service.status
  }

  func index(language: String) -> String {
    let page = Route.scenarioIndex(language: language)
    let items = runs.map {
      LessonListItem(
        title: $0.title[language] ?? $0.id, summary: $0.summary[language] ?? "",
        href: Route.scenario(language: language, id: $0.id).relativeURL(from: page), order: 0)
    }
    return theme.render(
      ScenarioIndexView(scenarios: items, strings: strings[language]?.dictionary ?? [:]),
      template: "scenario-index")
  }
}
