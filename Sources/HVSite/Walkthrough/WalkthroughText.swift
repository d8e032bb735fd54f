import HVDiagram
import HVTrace

/// The words of diagrams, transcripts and walkthrough controls in one language, read from that
/// language's interface strings (keys listed in ``WalkthroughText/requiredKeys``).
struct WalkthroughText {
  let strings: InterfaceStrings

  static let kinds: [EventKind] = EventKind.allCases
  static let partitions: [PartitionKind] = [.child, .hypervisor, .root, .hardware]
  static let modes: [ExecutionMode] = [.user, .kernel, .hypervisor, .hardware]

  /// Every key the walkthrough needs; the build checks the strings files define them.
  static var requiredKeys: [String] {
    partitions.map { "partition-\($0.rawValue)" } + modes.map { "mode-\($0.rawValue)" }
      + kinds.map { "kind-\($0.rawValue)" } + kinds.map { "sentence-\($0.rawValue)" }
      + Counters.names.map { "counter-\($0)" }
      + [
        "diagram-loop", "diagram-step", "diagram-summary", "diagram-region",
        "walkthrough-position", "walkthrough-first", "walkthrough-previous", "walkthrough-next",
        "walkthrough-last", "walkthrough-zoom", "walkthrough-zoom-fit", "walkthrough-zoom-fit-hint",
        "walkthrough-zoom-actual", "walkthrough-zoom-actual-hint", "walkthrough-zoom-in",
        "walkthrough-zoom-out", "walkthrough-play", "walkthrough-pause", "walkthrough-speed",
        "walkthrough-ring", "walkthrough-ring-title", "walkthrough-ring-sentence",
        "walkthrough-ring-packet", "walkthrough-ring-unread", "walkthrough-ring-free",
        "walkthrough-ring-idle", "bytes-button", "bytes-heading", "bytes-offset", "bytes-field",
        "bytes-size", "bytes-value", "bytes-note", "bytes-zeros", "bytes-close", "whatif-heading",
        "whatif-choose", "detail-yes",
        "detail-no",
        "transcript-heading", "transcript-loop", "counters-heading",
        "counters-name",
        "counters-total", "counters-so-far", "number-group-separator", "number-decimal-separator",
        "scenario-link", "compare-heading", "compare-ratio", "compare-scale", "transcript-region",
        "figure-variant-path", "figure-variant-partitions", "figure-variant-messages",
        "chart-region", "sweep-choose", "sweep-axis-value", "sweep-table",
      ]
      + ["size", "frames"].flatMap { parameter in
        ["heading", "chart-title", "summary", "axis", "column"].map { "sweep-\($0)-\(parameter)" }
      }
  }

  func callAsFunction(_ key: String) -> String { strings[key] ?? key }

  /// The model's phrases in this language.
  var phrases: PhraseBook { strings.phrases }

  /// Fills `{name}` placeholders.
  func format(_ key: String, _ values: [String: String]) -> String {
    var text = self(key)
    for (name, value) in values.sorted(by: { $0.key < $1.key }) {
      text = text.replacing("{\(name)}", with: value)
    }
    return text
  }

  var diagram: DiagramText { diagram(for: nil) }

  /// The diagram's words for a trace: `trace`'s guest family picks the actor names written for it
  /// (`windows-actor-<id>`) over the general ones (`actor-<id>`).
  func diagram(for trace: Trace?) -> DiagramText {
    var text = diagramWords
    let family = trace.map(Self.guestFamily) ?? "linux"
    let prefix = family + "-" + Self.actorPrefix
    for (key, value) in strings.entries where key.hasPrefix(prefix) {
      text.actorNames[ActorKey(String(key.dropFirst(prefix.count)))] = value
    }
    return text
  }

  /// `windows` or `linux`: the guest of a trace, from its configuration line (`guest=`).
  static func guestFamily(of trace: Trace) -> String {
    let guest = trace.configuration.first { $0.key == "guest" }?.value.text ?? ""
    return guest.hasPrefix("windows") ? "windows" : "linux"
  }

  /// An actor's name in the strings for `trace`'s guest, if the strings name it.
  func actorName(_ key: ActorKey, in trace: Trace) -> String? {
    let family = Self.guestFamily(of: trace)
    return strings[family + "-" + Self.stringKey(of: key)] ?? strings[Self.stringKey(of: key)]
  }

  private var diagramWords: DiagramText {
    DiagramText(
      partitionNames: Dictionary(
        uniqueKeysWithValues: Self.partitions.map { ($0, self("partition-\($0.rawValue)")) }),
      modeNames: Dictionary(
        uniqueKeysWithValues: Self.modes.map { ($0, self("mode-\($0.rawValue)")) }),
      kindNames: Dictionary(
        uniqueKeysWithValues: Self.kinds.map { ($0, self("kind-\($0.rawValue)")) }),
      loopFormat: self("diagram-loop"), stepFormat: self("diagram-step"),
      actorNames: Dictionary(
        uniqueKeysWithValues: strings.entries.filter { $0.key.hasPrefix(Self.actorPrefix) }
          .map { (ActorKey(String($0.key.dropFirst(Self.actorPrefix.count))), $0.value) }))
  }

  /// An actor's name in a strings file is under `actor-<id>` (`actor-vmbus-guest`).
  static let actorPrefix = "actor-"

  static func stringKey(of actor: ActorKey) -> String { actorPrefix + actor.rawValue }

  /// `value / divisor` to one decimal, e.g. `tenths = 2635` (the ×10 value, already rounded)
  /// gives `263.5` or `263,5`. Integer arithmetic only, so every machine prints the same digits.
  func decimal(_ tenths: Int, tenthsOf divisor: Int) -> String {
    let scaled = tenths / divisor
    return number(scaled / 10) + self("number-decimal-separator") + String(scaled % 10)
  }

  /// A simulated duration for people, with the language's decimal separator (`12,5 µs`).
  func duration(_ nanoseconds: Int) -> String {
    SimulatedTime.human(nanoseconds, decimalSeparator: self("number-decimal-separator"))
  }

  /// `12 345` / `12.345` / `12,345`: digits grouped by threes with the language's separator.
  func number(_ value: Int) -> String {
    let separator = self("number-group-separator")
    let digits = String(value.magnitude)
    var grouped = ""
    for (index, digit) in digits.enumerated() {
      if index > 0, (digits.count - index) % 3 == 0 { grouped += separator }
      grouped.append(digit)
    }
    return (value < 0 ? "-" : "") + grouped
  }
}
