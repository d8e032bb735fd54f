import HVSimulation

/// Variants of a scenario that a lesson's figure asks for (the `sweep` directive): the same file
/// with one parameter changed, run like any other scenario. Each variant is a real simulation run.
extension Scenario {
  /// The parameters a variant may change, as authors name them.
  public enum Parameter: String, Sendable, CaseIterable {
    /// The size of every `write-disk` and `read-disk` step.
    case size
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
