import HVDiagnostics
import HVSimulation
import Yams

extension ScenarioParser {
  /// Steps the simulation runs today.
  static let simulatedSteps = ["start", "write-disk", "read-disk", "wait", "turn-off"]
  /// Steps of the contract that belong to the Integration Services and faults (issue 4).
  static let plannedSteps = [
    "shutdown", "save", "restore", "kvp-set", "kvp-get", "kvp-delete", "kvp-enumerate", "backup",
    "copy-file", "enable-service", "disable-service", "hang-guest", "resume-guest",
    "rescind-channel",
  ]
  /// The largest transfer one step may ask for.
  static let maximumTransferBytes = 1 << 30

  /// `steps:`: a non-empty sequence; each item a bare step name or a one-key mapping. The VM's
  /// power state is followed along the list, so `write-disk` on a VM that is off is an error.
  static func readSteps(
    _ node: Node, initialState: InitialPowerState, reader: YAMLReader
  ) -> [ScenarioStep] {
    guard case .sequence(let sequence) = node else {
      reader.error(node, "scenario.expected-sequence", "steps must be a list (each item '- step')")
      return []
    }
    if sequence.isEmpty { reader.error(node, "scenario.no-steps", "steps is empty") }
    var running = initialState == .running
    var steps: [ScenarioStep] = []
    for item in sequence {
      guard let step = readStep(item, reader: reader) else { continue }
      checkPowerState(step, running: &running, node: item, reader: reader)
      steps.append(step)
    }
    return steps
  }

  private static func readStep(_ item: Node, reader: YAMLReader) -> ScenarioStep? {
    let nameNode: Node
    var valueNode: Node?
    switch item {
    case .scalar: nameNode = item
    case .mapping(let mapping):
      guard mapping.count == 1, let pair = mapping.first else {
        reader.error(
          item, "scenario.invalid-step", "a step is one key with its value, e.g. '- write-disk: 10 KiB'")
        return nil
      }
      (nameNode, valueNode) = (pair.key, pair.value)
    default:
      reader.error(item, "scenario.invalid-step", "a step is a name or a one-key mapping")
      return nil
    }
    guard let name = reader.scalar(nameNode, "step name") else { return nil }
    guard simulatedSteps.contains(name) else {
      if plannedSteps.contains(name) {
        reader.error(
          nameNode, "scenario.step-not-simulated",
          "step '\(name)' is not simulated yet (it needs the Integration Services)")
      } else {
        reader.error(
          nameNode, "scenario.unknown-step", "unknown step '\(name)'",
          suggestion: Suggestion.didYouMean(name, in: simulatedSteps + plannedSteps))
      }
      return nil
    }
    let location = reader.location(nameNode)
    switch name {
    case "start", "turn-off":
      if let valueNode, !isNull(valueNode) {
        reader.error(valueNode, "scenario.step-value", "'\(name)' takes no value")
        return nil
      }
      return ScenarioStep(kind: name == "start" ? .start : .turnOff, action: name, argument: "", location: location)
    case "write-disk", "read-disk":
      guard let valueNode, let text = reader.scalar(valueNode, "\(name) size") else {
        reader.error(item, "scenario.step-value", "'\(name)' needs a size, e.g. '- \(name): 10 KiB'")
        return nil
      }
      guard let bytes = size(text, node: valueNode, reader: reader) else { return nil }
      let kind: SimulationStep = name == "write-disk" ? .writeDisk(bytes: bytes) : .readDisk(bytes: bytes)
      return ScenarioStep(kind: kind, action: name, argument: text, location: location)
    default:  // wait
      guard let valueNode, let text = reader.scalar(valueNode, "wait duration") else {
        reader.error(item, "scenario.step-value", "'wait' needs a duration, e.g. '- wait: 5 s'")
        return nil
      }
      guard let nanoseconds = duration(text, node: valueNode, reader: reader) else { return nil }
      return ScenarioStep(kind: .wait(nanoseconds: nanoseconds), action: name, argument: text, location: location)
    }
  }

  private static func isNull(_ node: Node) -> Bool {
    guard case .scalar(let scalar) = node else { return false }
    return scalar.string.isEmpty || scalar.string == "~" || scalar.string == "null"
  }

  private static func size(_ text: String, node: Node, reader: YAMLReader) -> Int? {
    let units = Quantity.sizeUnits.map(\.name)
    switch Quantity.bytes(text) {
    case .success(let bytes):
      guard bytes > 0 else {
        reader.error(node, "scenario.invalid-size", "a transfer of 0 bytes does nothing")
        return nil
      }
      guard bytes <= maximumTransferBytes else {
        reader.error(node, "scenario.invalid-size", "'\(text)' is more than the 1 GiB a step may move")
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
        reader.error(node, "scenario.invalid-duration", "a wait of 0 does nothing")
        return nil
      }
      return nanoseconds
    case .failure(let problem):
      reportQuantity(problem, text: text, node: node, units: units, kind: "duration", reader: reader)
      return nil
    }
  }

  private static func reportQuantity(
    _ problem: Quantity.Problem, text: String, node: Node, units: [String], kind: String,
    reader: YAMLReader
  ) {
    let id = "scenario.invalid-\(kind)"
    let unitList = units.joined(separator: ", ")
    switch problem {
    case .missingNumber:
      reader.error(node, id, "'\(text)' is not a \(kind): expected a number and a unit (\(unitList))")
    case .missingUnit(let number):
      reader.error(
        node, id, "'\(text)' has no unit", suggestion: "write it with a unit, e.g. '\(number) \(units[0])'")
    case .unknownUnit(let unit):
      reader.error(
        node, id, "unknown \(kind) unit '\(unit)'", suggestion: Suggestion.didYouMean(unit, in: units))
    case .notWhole:
      reader.error(node, id, "'\(text)' is not a whole number of \(kind == "size" ? "bytes" : "nanoseconds")")
    case .tooLarge:
      reader.error(node, id, "'\(text)' is too large")
    }
  }

  private static func checkPowerState(
    _ step: ScenarioStep, running: inout Bool, node: Node, reader: YAMLReader
  ) {
    switch step.kind {
    case .start:
      if running {
        reader.error(
          node, "scenario.power-state", "'start' needs a VM that is off, but it is running here",
          suggestion: "set vm.state: off to trace the power-on")
      }
      running = true
    case .turnOff:
      if !running {
        reader.error(node, "scenario.power-state", "'turn-off' needs a running VM, but it is off here")
      }
      running = false
    case .writeDisk, .readDisk:
      if !running {
        reader.error(
          node, "scenario.power-state", "'\(step.action)' needs a running VM, but it is off here",
          suggestion: "add '- start' before it")
      }
    case .wait:
      break
    }
  }
}
