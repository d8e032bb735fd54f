import HVHostModel

/// What a `whatif` figure lets a reader change in a scenario (issue 17 item 4): one setting at a
/// time, each a real re-run of the scenario with that setting, never a number typed in.
extension Scenario {
  public enum WhatIfParameter: String, Sendable, CaseIterable {
    /// `vm.ide-transfer`: how the guest moves data through the emulated IDE controller.
    case ideTransfer = "ide-transfer"
    /// `host.version`.
    case host
    /// The size of every `write-disk`/`read-disk` step.
    case size
    /// `vm.integration-services`: `all` or `none` — the emulated-versus-synthetic switch: a
    /// generation 1 VM's IDE disk goes through storvsc with them and through the emulated
    /// controller without them.
    case integrationServices = "integration-services"
    /// How long the guest stays hung: the `wait` right after the scenario's `hang-guest`.
    case hang

    /// The values a reader may choose, for error messages.
    public var choices: String {
      switch self {
      case .ideTransfer: IDETransferMode.allCases.map(\.rawValue).joined(separator: ", ")
      case .host: HostVersion.allCases.map(\.rawValue).joined(separator: ", ")
      case .size: "sizes such as 4KiB, 1MiB"
      case .integrationServices: "all, none"
      case .hang: "durations such as 1s, 30s, 2min"
      }
    }
  }

  /// The scenario with `parameter` set to `value` (as written in a scenario file), or why not.
  public func setting(_ parameter: WhatIfParameter, to value: String) -> Result<Scenario, WhatIfProblem> {
    var copy = self
    switch parameter {
    case .ideTransfer:
      guard let mode = IDETransferMode(rawValue: value) else {
        return .failure(.invalidValue(value, expected: parameter.choices))
      }
      guard vm.disk == .ide, vm.integrationServices == .none else {
        return .failure(.notApplicable("the scenario's disk is not the emulated IDE controller"))
      }
      copy.vm.ideTransfer = mode
    case .host:
      guard let host = HostVersion(rawValue: value) else {
        return .failure(.invalidValue(value, expected: parameter.choices))
      }
      copy.host = host
    case .size:
      guard case .success(let bytes) = Quantity.bytes(value), bytes > 0,
        bytes <= ScenarioParser.maximumTransferBytes
      else { return .failure(.invalidValue(value, expected: parameter.choices)) }
      guard let resized = resizingTransfers(to: bytes) else {
        return .failure(.notApplicable("the scenario has no write-disk or read-disk step"))
      }
      copy = resized
    case .integrationServices:
      switch value {
      case "all": copy.vm.integrationServices = .all
      case "none":
        guard vm.disk == .ide else {
          return .failure(.notApplicable("a SCSI disk needs the VMBus driver: no emulated path"))
        }
        guard vm.network != .synthetic else {
          return .failure(.notApplicable("the synthetic network adapter needs the VMBus driver"))
        }
        copy.vm.integrationServices = .none
      default: return .failure(.invalidValue(value, expected: parameter.choices))
      }
    case .hang:
      guard case .success(let nanoseconds) = Quantity.nanoseconds(value), nanoseconds > 0,
        nanoseconds <= ScenarioParser.maximumWaitNanoseconds
      else { return .failure(.invalidValue(value, expected: parameter.choices)) }
      guard let hang = steps.firstIndex(where: { $0.kind == .hangGuest }),
        hang + 1 < steps.count, case .wait = steps[hang + 1].kind
      else {
        return .failure(.notApplicable("the scenario has no hang-guest step followed by a wait"))
      }
      copy.steps[hang + 1].kind = .wait(nanoseconds: nanoseconds)
      copy.steps[hang + 1].argument = value
    }
    return .success(copy)
  }

  public enum WhatIfProblem: Error, Equatable {
    case invalidValue(String, expected: String)
    case notApplicable(String)
  }
}
