import HVDiagnostics
import HVHostModel
import HVIntegrationServices
import HVSimulation
import Yams

/// Reads scenario files (contract §1). Pure: the caller passes the text; nothing touches the disk.
public enum ScenarioParser {
  static let topLevelKeys = ["id", "title", "label", "summary", "seed", "host", "vm", "steps"]

  /// Parses and validates one scenario file.
  /// - Returns: the scenario when the file has no errors, and every diagnostic, sorted by position.
  /// - Parameter languages: the site's languages (from `site.yaml`); titles and summaries need
  ///   one entry each, so a third language is a new strings file and new entries, not new code.
  public static func parse(source: String, path: String, languages: [String] = Scenario.languages)
    -> (Scenario?, [Diagnostic])
  {
    let reader = YAMLReader(path: path, languages: languages)
    // libyaml's own words for a tab ("found character that cannot start any token") do not say
    // what to change; a tab in the indentation is the usual cause.
    for (index, line) in source.split(separator: "\n", omittingEmptySubsequences: false)
      .enumerated()
    where line.prefix(while: { $0 == " " || $0 == "\t" }).contains("\t") {
      return (
        nil,
        [
          Diagnostic(
            .error, at: SourceLocation(path: path, line: index + 1, column: 1),
            id: .yamlTabIndentation, "YAML does not allow tabs for indentation",
            suggestion: "indent with spaces")
        ]
      )
    }
    let root: Node?
    do {
      // `.utf8` spelled out: Yams' `.default` encoding reads the whole environment on every call.
      root = try Yams.compose(yaml: source, .default, .default, .utf8)
    } catch {
      reader.report(error, source: source)
      return (nil, reader.diagnostics.sorted())
    }
    guard let root else {
      reader.error(nil, .scenarioEmpty, "the scenario file is empty")
      return (nil, reader.diagnostics.sorted())
    }
    let scenario = read(root, reader: reader)
    var diagnostics = reader.diagnostics
    if let scenario { diagnostics += ScenarioLimits.check(scenario) }
    diagnostics.sort()
    return (diagnostics.contains { $0.severity == .error } ? nil : scenario, diagnostics)
  }

  private static func read(_ root: Node, reader: YAMLReader) -> Scenario? {
    guard let entries = reader.mapping(root, "a scenario file") else { return nil }
    reader.rejectUnknownKeys(entries, allowed: topLevelKeys, in: "the scenario")
    let id = readID(entries, root, reader: reader)
    let title = reader.value("title", in: entries, of: root, what: "a scenario", required: true)
      .flatMap { readLocalized($0, "title", reader: reader) }
    let summary = reader.value("summary", in: entries, of: root, what: "a scenario")
      .flatMap { readLocalized($0, "summary", reader: reader) }
    let label = reader.value("label", in: entries, of: root, what: "a scenario")
      .flatMap { readLocalized($0, "label", reader: reader) }
    let seed =
      reader.value("seed", in: entries, of: root, what: "a scenario")
      .map { readSeed($0, reader: reader) } ?? 1
    let host =
      reader.value("host", in: entries, of: root, what: "a scenario")
      .map { readHost($0, reader: reader) } ?? .ws2012R2
    let vm = readVM(
      reader.value("vm", in: entries, of: root, what: "a scenario"), host: host, reader: reader)
    let steps =
      reader.value("steps", in: entries, of: root, what: "a scenario", required: true)
      .map { readSteps($0, vm: vm, host: host, reader: reader) } ?? []
    guard let id, let title, let seed else { return nil }
    var scenario = Scenario(
      path: reader.path, id: id, title: title, summary: summary, seed: seed, host: host, vm: vm,
      steps: steps)
    scenario.label = label
    return scenario
  }

  private static func readID(
    _ entries: [(key: String, keyNode: Node, value: Node)], _ root: Node, reader: YAMLReader
  ) -> String? {
    guard let node = reader.value("id", in: entries, of: root, what: "a scenario", required: true),
      let id = reader.scalar(node, "id")
    else { return nil }
    let allowed = id.unicodeScalars.allSatisfy {
      ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-"
    }
    guard !id.isEmpty, allowed else {
      reader.error(
        node, .scenarioInvalidId,
        "id '\(id)' may only use lower-case letters, digits and '-'")
      return nil
    }
    if let expected = fileStem(reader.path), expected != id {
      reader.error(
        node, .scenarioIdMismatch, "id '\(id)' must equal the file name '\(expected)'",
        suggestion: "rename the file to '\(id).yaml' or set id: \(expected)")
    }
    return id
  }

  /// `disk-write-emulated` for `Content/scenarios/disk-write-emulated.yaml`; nil for other paths.
  static func fileStem(_ path: String) -> String? {
    let name = path.split(separator: "/").last.map(String.init) ?? path
    for suffix in [".yaml", ".yml"] where name.hasSuffix(suffix) {
      return String(name.dropLast(suffix.count))
    }
    return nil
  }

  private static func readLocalized(_ node: Node, _ key: String, reader: YAMLReader)
    -> LocalizedText?
  {
    guard let entries = reader.mapping(node, "\(key) (one entry per language: en, vi)") else {
      return nil
    }
    reader.rejectUnknownKeys(entries, allowed: reader.languages, in: key)
    var texts: [LocalizedText.Entry] = []
    for language in reader.languages {
      guard let value = reader.value(language, in: entries, of: node, what: key, required: true),
        let text = reader.scalar(value, "\(key).\(language)")
      else { continue }
      if text.isEmpty {
        reader.error(value, .scenarioEmptyText, "\(key).\(language) is empty")
      }
      texts.append(LocalizedText.Entry(language: language, text: text))
    }
    return texts.count == reader.languages.count ? LocalizedText(texts) : nil
  }

  private static func readSeed(_ node: Node, reader: YAMLReader) -> UInt64? {
    guard let text = reader.scalar(node, "seed") else { return nil }
    guard let seed = UInt64(text) else {
      reader.error(node, .scenarioInvalidValue, "seed must be a whole number ≥ 0, not '\(text)'")
      return nil
    }
    return seed
  }

  private static func readHost(_ node: Node, reader: YAMLReader) -> HostVersion {
    guard let entries = reader.mapping(node, "host") else { return .ws2012R2 }
    reader.rejectUnknownKeys(entries, allowed: ["version"], in: "host")
    guard let value = reader.value("version", in: entries, of: node, what: "host"),
      let text = reader.choice(value, "host version", HostVersion.allCases.map(\.rawValue))
    else { return .ws2012R2 }
    return HostVersion(rawValue: text) ?? .ws2012R2
  }
}
