import HVDiagnostics
import HVHostModel
import HVIntegrationServices
import HVSimulation
import Yams

/// The steps that drive the Integration Services and the faults (contract §1): their values, with
/// positions, suggestions and every error reported.
extension ScenarioParser {
  static let kvpPools: [String] = ["external", "guest", "auto", "auto-external"]
  /// The pools the host writes: the guest and auto pools are the guest's own (fact sheet §4.7).
  static let writableKVPPools: [String] = ["external", "auto-external"]
  static let deviceNames = ["ide", "scsi"]

  /// A checked value of one option of a mapping-valued step.
  struct Option {
    var node: Node
    var text: String
  }

  static func readServiceStep(
    _ name: String, value: Node?, item: Node, context: StepContext, reader: YAMLReader
  ) -> (kind: SimulationStep, argument: String)? {
    switch name {
    case "shutdown": return readShutdown(value, reader: reader)
    case "kvp-set", "kvp-get", "kvp-delete", "kvp-enumerate":
      return readKVP(name, value, item: item, reader: reader)
    case "copy-file": return readCopyFile(value, item: item, guest: context.vm.guest, reader: reader)
    case "send-packets", "receive-packets":
      return readPackets(name, value, item: item, reader: reader)
    case "enable-service", "disable-service":
      guard let service = serviceName(name, value, item: item, context: context, reader: reader)
      else { return nil }
      return (
        name == "enable-service" ? .enableService(service) : .disableService(service),
        service.rawValue
      )
    default:  // rescind-channel
      return readRescind(value, item: item, context: context, reader: reader)
    }
  }

  /// The options of a step written as a mapping: unknown keys reported with a suggestion, missing
  /// required keys reported at the mapping, values that are not single scalars reported.
  static func options(
    _ node: Node?, step: String, keys: [String], required: [String], example: String, item: Node,
    reader: YAMLReader
  ) -> [String: Option]? {
    guard let node else {
      reader.error(
        item, .scenarioStepValue, "'\(step)' needs a value, e.g. '- \(step): \(example)'")
      return nil
    }
    guard case .mapping = node else {
      reader.error(
        node, .scenarioStepValue, "'\(step)' takes a mapping of options",
        suggestion: "write it as '- \(step): \(example)'")
      return nil
    }
    guard let entries = reader.mapping(node, "the value of '\(step)'") else { return nil }
    reader.rejectUnknownKeys(entries, allowed: keys, in: "'\(step)'")
    var result: [String: Option] = [:]
    for entry in entries where keys.contains(entry.key) {
      if let text = reader.scalar(entry.value, "\(step) \(entry.key)") {
        result[entry.key] = Option(node: entry.value, text: text)
      }
    }
    for key in required where !entries.contains(where: { $0.key == key }) {
      reader.error(
        node, .scenarioMissingKey, "'\(step)' needs the key '\(key)'",
        suggestion: "e.g. '- \(step): \(example)'")
    }
    return result
  }

  /// `true` or `false`; anything else is an error (never a silent default).
  static func bool(_ option: Option?, _ key: String, reader: YAMLReader) -> Bool? {
    guard let option else { return false }
    switch option.text {
    case "true": return true
    case "false": return false
    default:
      reader.error(
        option.node, .scenarioInvalidValue, "'\(key)' must be true or false, not '\(option.text)'",
        suggestion: Suggestion.didYouMean(option.text, in: ["true", "false"]))
      return nil
    }
  }

  /// `- shutdown` or `- shutdown: {mode: shutdown | reboot | hibernate, force: bool}`.
  private static func readShutdown(_ value: Node?, reader: YAMLReader) -> (
    kind: SimulationStep, argument: String
  )? {
    guard let value else { return (.shutdown(ShutdownRequest()), "") }
    let example = "{mode: reboot, force: true}"
    guard
      let options = options(
        value, step: "shutdown", keys: ["mode", "force"], required: [], example: example,
        item: value, reader: reader)
    else { return nil }
    var mode = ShutdownMode.shutdown
    if let option = options["mode"] {
      guard
        let text = reader.choice(
          option.node, "shutdown mode", ShutdownMode.allCases.map(\.rawValue)),
        let parsed = ShutdownMode(rawValue: text)
      else { return nil }
      mode = parsed
    }
    guard let force = bool(options["force"], "force", reader: reader) else { return nil }
    let argument = ["mode: \(mode.rawValue)"] + (options["force"] == nil ? [] : ["force: \(force)"])
    return (.shutdown(ShutdownRequest(mode: mode, force: force)), argument.joined(separator: ", "))
  }

  /// `kvp-set {pool, key, value}`, `kvp-get` / `kvp-delete {pool, key}`, `kvp-enumerate {pool}`.
  private static func readKVP(
    _ step: String, _ value: Node?, item: Node, reader: YAMLReader
  ) -> (kind: SimulationStep, argument: String)? {
    let operation: KVPOperation
    let keys: [String]
    let example: String
    switch step {
    case "kvp-set":
      (operation, keys, example) = (
        .set, ["pool", "key", "value"], "{pool: external, key: Owner, value: Alice}"
      )
    case "kvp-get":
      (operation, keys, example) = (.get, ["pool", "key"], "{pool: auto, key: OSName}")
    case "kvp-delete":
      (operation, keys, example) = (.delete, ["pool", "key"], "{pool: external, key: Owner}")
    default: (operation, keys, example) = (.enumerate, ["pool"], "{pool: auto}")
    }
    guard
      let options = options(
        value, step: step, keys: keys, required: keys, example: example, item: item, reader: reader)
    else { return nil }
    var valid = keys.allSatisfy { options[$0] != nil }
    var pool = KVPPool.external
    if let option = options["pool"] {
      if let text = reader.choice(option.node, "KVP pool", kvpPools),
        let parsed = KVPPool.allCases.first(where: { $0.scenarioName == text })
      {
        pool = parsed
        if operation == .set || operation == .delete, !writableKVPPools.contains(text) {
          reader.error(
            option.node, .scenarioInvalidValue,
            "'\(step)' changes only the pools the host writes, not '\(text)' (the guest and auto pools are the guest's own)",
            suggestion: "expected one of: "
              + writableKVPPools.map { "'\($0)'" }.joined(separator: ", "))
          valid = false
        }
      } else {
        valid = false
      }
    }
    if let key = options["key"], key.text.isEmpty {
      reader.error(key.node, .scenarioInvalidValue, "the KVP key is empty")
      valid = false
    }
    guard valid else { return nil }
    let key = options["key"]?.text ?? ""
    let text = options["value"]?.text ?? ""
    var argument = ["pool: \(pool.scenarioName)"]
    if operation != .enumerate { argument.append("key: \(key)") }
    if operation == .set {
      argument.append("value: \(text.count <= 40 ? text : String(text.prefix(37)) + "…")")
    }
    return (
      .kvp(KVPRequest(operation: operation, pool: pool, key: key, value: text)),
      argument.joined(separator: ", ")
    )
  }

  /// The Ethernet frame sizes the network steps accept: 60 bytes (the minimum without the FCS) to
  /// 1514 (a 1500-byte MTU plus the 14-byte header); at most 1,000,000 frames per step.
  static let frameSizes = 60...1514
  public static let maximumFrames = 1_000_000

  /// `send-packets {count, size}` / `receive-packets {count, size}`.
  private static func readPackets(_ name: String, _ value: Node?, item: Node, reader: YAMLReader)
    -> (kind: SimulationStep, argument: String)?
  {
    guard
      let options = options(
        value, step: name, keys: ["count", "size"], required: ["count", "size"],
        example: "{count: 100, size: 1514 B}", item: item, reader: reader)
    else { return nil }
    var count: Int?
    if let option = options["count"] {
      if let number = Int(option.text), (1...maximumFrames).contains(number) {
        count = number
      } else {
        reader.error(
          option.node, .scenarioInvalidValue,
          "count must be a whole number of frames from 1 to 1,000,000, not '\(option.text)'")
      }
    }
    var bytes: Int?
    if let option = options["size"],
      let parsed = size(option.text, node: option.node, reader: reader)
    {
      if frameSizes.contains(parsed) {
        bytes = parsed
      } else {
        reader.error(
          option.node, .scenarioInvalidSize,
          "a frame is 60 to 1514 bytes (Ethernet without the FCS), not \(parsed)",
          suggestion: parsed > frameSizes.upperBound ? "use size: 1514 B" : "use size: 60 B")
      }
    }
    guard let count, let bytes, let sizeText = options["size"]?.text else { return nil }
    let kind: SimulationStep =
      name == "send-packets"
      ? .sendPackets(count: count, bytes: bytes) : .receivePackets(count: count, bytes: bytes)
    return (kind, "count: \(count), size: \(sizeText)")
  }

  /// `copy-file {source, destination, size, create-full-path, force}`.
  private static func readCopyFile(
    _ value: Node?, item: Node, guest: GuestOS, reader: YAMLReader
  ) -> (
    kind: SimulationStep, argument: String
  )? {
    let keys = ["source", "destination", "size", "create-full-path", "force"]
    let required = ["source", "destination", "size"]
    let example =
      guest.isWindows
      ? "{source: 'D:\\Tools\\setup.ps1', destination: 'C:\\Temp\\setup.ps1', size: 64 KiB}"
      : "{source: 'C:\\Tools\\setup.sh', destination: /tmp/setup.sh, size: 64 KiB}"
    guard
      let options = options(
        value, step: "copy-file", keys: keys, required: required, example: example, item: item,
        reader: reader)
    else { return nil }
    var valid = required.allSatisfy { options[$0] != nil }
    if let source = options["source"], source.text.isEmpty {
      reader.error(source.node, .scenarioInvalidValue, "the source path is empty")
      valid = false
    }
    if let destination = options["destination"] {
      let problems = GuestPathRules.problems(destination.text, in: guest)
      for problem in problems {
        reader.error(
          destination.node, .scenarioInvalidValue, problem.message, suggestion: problem.suggestion)
      }
      if !problems.isEmpty { valid = false }
    }
    var bytes = 0
    if let option = options["size"] {
      if let parsed = size(option.text, node: option.node, reader: reader) {
        bytes = parsed
      } else {
        valid = false
      }
    }
    let createFullPath = bool(options["create-full-path"], "create-full-path", reader: reader)
    let force = bool(options["force"], "force", reader: reader)
    guard valid, let createFullPath, let force, let source = options["source"]?.text,
      let destination = options["destination"]?.text, let sizeText = options["size"]?.text
    else { return nil }
    var argument = ["source: \(source)", "destination: \(destination)", "size: \(sizeText)"]
    if createFullPath { argument.append("create-full-path: true") }
    if force { argument.append("force: true") }
    let request = CopyFileRequest(
      source: source, destination: destination, size: bytes, createFullPath: createFullPath,
      force: force)
    return (.copyFile(request), argument.joined(separator: ", "))
  }

  /// The service an `enable-service` / `disable-service` names.
  private static func serviceName(
    _ step: String, _ value: Node?, item: Node, context: StepContext, reader: YAMLReader
  ) -> IntegrationService? {
    let names = IntegrationService.allCases.map(\.rawValue)
    guard let value else {
      reader.error(
        item, .scenarioStepValue, "'\(step)' needs a service name, e.g. '- \(step): time-sync'")
      return nil
    }
    guard let text = reader.choice(value, "integration service", names),
      let service = IntegrationService(rawValue: text)
    else { return nil }
    guard context.host.offeredServices.contains(service) else {
      reader.error(
        value, .scenarioIncompatible,
        "a \(context.host.rawValue) host does not offer '\(text)' (it exists from 2012R2)")
      return nil
    }
    return service
  }

  /// `rescind-channel: <service | ide | scsi>`.
  private static func readRescind(
    _ value: Node?, item: Node, context: StepContext, reader: YAMLReader
  ) -> (kind: SimulationStep, argument: String)? {
    let names = IntegrationService.allCases.map(\.rawValue) + deviceNames
    guard let value else {
      reader.error(
        item, .scenarioStepValue,
        "'rescind-channel' needs a service or device name, e.g. '- rescind-channel: heartbeat'")
      return nil
    }
    guard let text = reader.choice(value, "service or device", names) else { return nil }
    if let service = IntegrationService(rawValue: text) {
      guard context.host.offeredServices.contains(service) else {
        reader.error(
          value, .scenarioIncompatible,
          "a \(context.host.rawValue) host does not offer '\(text)' (it exists from 2012R2)")
        return nil
      }
      return (.rescindChannel(.service(service)), text)
    }
    guard text == context.vm.disk.rawValue else {
      reader.error(
        value, .scenarioIncompatible,
        "this VM's disk controller is '\(context.vm.disk.rawValue)', not '\(text)'",
        suggestion: "did you mean '\(context.vm.disk.rawValue)'?")
      return nil
    }
    return (.rescindChannel(.disk), text)
  }
}
