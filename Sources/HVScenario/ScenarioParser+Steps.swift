import HVDiagnostics
import HVHostModel
import HVIntegrationServices
import HVSimulation
import Yams

extension ScenarioParser {
  /// Every step of contract §1, plus `status` (an extension: the host's view at that point).
  static let stepNames = [
    "start", "write-disk", "read-disk", "wait", "shutdown", "turn-off", "save", "restore",
    "kvp-set", "kvp-get", "kvp-delete", "kvp-enumerate", "backup", "copy-file", "enable-service",
    "disable-service", "hang-guest", "resume-guest", "rescind-channel", "status", "send-packets",
    "receive-packets",
  ]
  /// Steps written as a bare name.
  static let bareSteps: Set<String> = [
    "start", "turn-off", "save", "restore", "backup", "hang-guest", "resume-guest", "status",
  ]
  /// The largest transfer one step may ask for (`write-disk`, `read-disk`, `copy-file`).
  public static let maximumTransferBytes = 1 << 30
  /// The longest `wait` (a day): longer waits say nothing more and only cost time.
  static let maximumWaitNanoseconds = 24 * 3_600_000_000_000
  /// The most steps a scenario may have.
  static let maximumSteps = 200

  /// `steps:`: a non-empty sequence; each item a bare step name or a one-key mapping. The VM's
  /// state is followed along the list (see ``StepContext``), so `write-disk` on a VM that is off
  /// is an error.
  static func readSteps(
    _ node: Node, vm: VMSettings, host: HostVersion, reader: YAMLReader
  ) -> [ScenarioStep] {
    guard case .sequence(let sequence) = node else {
      reader.error(node, .scenarioExpectedSequence, "steps must be a list (each item '- step')")
      return []
    }
    if sequence.isEmpty { reader.error(node, .scenarioNoSteps, "steps is empty") }
    if sequence.count > maximumSteps {
      reader.error(
        node, .scenarioTooManySteps,
        "a scenario may have at most \(maximumSteps) steps, this one has \(sequence.count)")
    }
    var context = StepContext(vm: vm, host: host)
    var steps: [ScenarioStep] = []
    for item in sequence {
      guard let step = readStep(item, context: context, reader: reader) else { continue }
      context.apply(step, node: item, reader: reader)
      steps.append(step)
    }
    return steps
  }

  private static func readStep(_ item: Node, context: StepContext, reader: YAMLReader)
    -> ScenarioStep?
  {
    let nameNode: Node
    var valueNode: Node?
    switch item {
    case .scalar: nameNode = item
    case .mapping(let mapping):
      guard mapping.count == 1, let pair = mapping.first else {
        reader.error(
          item, .scenarioInvalidStep,
          "a step is one key with its value, e.g. '- write-disk: 10 KiB'")
        return nil
      }
      (nameNode, valueNode) = (pair.key, pair.value)
    default:
      reader.error(item, .scenarioInvalidStep, "a step is a name or a one-key mapping")
      return nil
    }
    guard let name = reader.scalar(nameNode, "step name") else { return nil }
    guard stepNames.contains(name) else {
      reader.error(
        nameNode, .scenarioUnknownStep, "unknown step '\(name)'",
        suggestion: Suggestion.didYouMean(name, in: stepNames))
      return nil
    }
    let value = valueNode.flatMap { isNull($0) ? nil : $0 }
    let location = reader.location(nameNode)
    let make = { (kind: SimulationStep, argument: String) in
      ScenarioStep(kind: kind, action: name, argument: argument, location: location)
    }
    if bareSteps.contains(name) {
      if let value {
        reader.error(value, .scenarioStepValue, "'\(name)' takes no value")
        return nil
      }
      return make(bareKind(name), "")
    }
    switch name {
    case "write-disk", "read-disk":
      guard let value, let text = reader.scalar(value, "\(name) size") else {
        reader.error(item, .scenarioStepValue, "'\(name)' needs a size, e.g. '- \(name): 10 KiB'")
        return nil
      }
      guard let bytes = size(text, node: value, reader: reader) else { return nil }
      return make(name == "write-disk" ? .writeDisk(bytes: bytes) : .readDisk(bytes: bytes), text)
    case "wait":
      guard let value, let text = reader.scalar(value, "wait duration") else {
        reader.error(item, .scenarioStepValue, "'wait' needs a duration, e.g. '- wait: 5 s'")
        return nil
      }
      guard let nanoseconds = duration(text, node: value, reader: reader) else { return nil }
      return make(.wait(nanoseconds: nanoseconds), text)
    default:
      return readServiceStep(name, value: value, item: item, context: context, reader: reader)
        .map { make($0.kind, $0.argument) }
    }
  }

  private static func bareKind(_ name: String) -> SimulationStep {
    switch name {
    case "start": return .start
    case "turn-off": return .turnOff
    case "save": return .save
    case "restore": return .restore
    case "backup": return .backup
    case "hang-guest": return .hangGuest
    case "resume-guest": return .resumeGuest
    default: return .status
    }
  }

  static func isNull(_ node: Node) -> Bool {
    guard case .scalar(let scalar) = node else { return false }
    return scalar.string.isEmpty || scalar.string == "~" || scalar.string == "null"
  }

  static func size(_ text: String, node: Node, reader: YAMLReader) -> Int? {
    let units = Quantity.sizeUnits.map(\.name)
    switch Quantity.bytes(text) {
    case .success(let bytes):
      guard bytes > 0 else {
        reader.error(node, .scenarioInvalidSize, "a size of 0 bytes does nothing")
        return nil
      }
      guard bytes <= maximumTransferBytes else {
        reader.error(node, .scenarioInvalidSize, "'\(text)' is more than the 1 GiB a step may move")
        return nil
      }
      return bytes
    case .failure(let problem):
      reportQuantity(problem, text: text, node: node, units: units, kind: "size", reader: reader)
      return nil
    }
  }

  private static func duration(_ text: String, node: Node, reader: YAMLReader) -> Int? {
    let units = Quantity.durationUnits.map(\.name)
    switch Quantity.nanoseconds(text) {
    case .success(let nanoseconds):
      guard nanoseconds > 0 else {
        reader.error(node, .scenarioInvalidDuration, "a wait of 0 does nothing")
        return nil
      }
      guard nanoseconds <= maximumWaitNanoseconds else {
        reader.error(
          node, .scenarioInvalidDuration, "'\(text)' is longer than the 24 h a wait may last")
        return nil
      }
      return nanoseconds
    case .failure(let problem):
      reportQuantity(
        problem, text: text, node: node, units: units, kind: "duration", reader: reader)
      return nil
    }
  }

  private static func reportQuantity(
    _ problem: Quantity.Problem, text: String, node: Node, units: [String], kind: String,
    reader: YAMLReader
  ) {
    let id: DiagnosticID = kind == "size" ? .scenarioInvalidSize : .scenarioInvalidDuration
    let unitList = units.joined(separator: ", ")
    switch problem {
    case .missingNumber:
      reader.error(
        node, id, "'\(text)' is not a \(kind): expected a number and a unit (\(unitList))")
    case .missingUnit(let number):
      reader.error(
        node, id, "'\(text)' has no unit",
        suggestion: "write it with a unit, e.g. '\(number) \(units[0])'")
    case .unknownUnit(let unit)
    where kind == "size" && ["TB", "TiB", "PB", "PiB", "EB", "EiB"].contains(unit):
      reader.error(
        node, id, "'\(text)' is far more than the 1 GiB a step may move",
        suggestion: "sizes go up to GiB")
    case .unknownUnit(let unit):
      reader.error(
        node, id, "unknown \(kind) unit '\(unit)'",
        suggestion: Suggestion.didYouMean(unit, in: units))
    case .notWhole:
      reader.error(
        node, id, "'\(text)' is not a whole number of \(kind == "size" ? "bytes" : "nanoseconds")")
    case .tooLarge:
      reader.error(node, id, "'\(text)' is too large")
    }
  }
}
