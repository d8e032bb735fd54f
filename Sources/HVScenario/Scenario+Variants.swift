import HVSimulation

/// Variants of a scenario that a lesson's figure asks for (the `sweep` directive): the same file
/// with one parameter changed, run like any other scenario. Each variant is a real simulation run.
extension Scenario {
  /// The parameters a variant may change, as authors name them.
  public enum Parameter: String, Sendable, CaseIterable {
    /// The size of every `write-disk` and `read-disk` step.
    case size
    /// The frame count of every `send-packets` and `receive-packets` step.
    case frames
  }

  /// The steps a variant of `parameter` changes.
  public func steps(varying parameter: Parameter) -> [ScenarioStep] {
    switch parameter {
    case .size: return transferSteps
    case .frames:
      return steps.filter {
        switch $0.kind {
        case .sendPackets, .receivePackets: return true
        default: return false
        }
      }
    }
  }

  /// This scenario with `parameter` set to `value` in every step it applies to; nil when no step
  /// has it.
  public func varying(_ parameter: Parameter, to value: Int) -> Scenario? {
    switch parameter {
    case .size: return resizingTransfers(to: value)
    case .frames:
      guard !steps(varying: .frames).isEmpty else { return nil }
      var copy = self
      copy.steps = steps.map { step in
        var step = step
        switch step.kind {
        case .sendPackets(_, let bytes):
          step.kind = .sendPackets(count: value, bytes: bytes)
          step.argument = "count: \(value), size: \(Quantity.describeBytes(bytes))"
        case .receivePackets(_, let bytes):
          step.kind = .receivePackets(count: value, bytes: bytes)
          step.argument = "count: \(value), size: \(Quantity.describeBytes(bytes))"
        default: break
        }
        return step
      }
      return copy
    }
  }

  /// The steps a `size` variant changes.
  public var transferSteps: [ScenarioStep] {
    steps.filter {
      switch $0.kind {
      case .writeDisk, .readDisk: return true
      default: return false
      }
    }
  }

  /// This scenario with every disk transfer resized to `bytes`; nil when it has none.
  public func resizingTransfers(to bytes: Int) -> Scenario? {
    guard !transferSteps.isEmpty else { return nil }
    var copy = self
    copy.steps = steps.map { step in
      var step = step
      switch step.kind {
      case .writeDisk:
        step.kind = .writeDisk(bytes: bytes)
        step.argument = Quantity.describeBytes(bytes)
      case .readDisk:
        step.kind = .readDisk(bytes: bytes)
        step.argument = Quantity.describeBytes(bytes)
      default: break
      }
      return step
    }
    return copy
  }
}
