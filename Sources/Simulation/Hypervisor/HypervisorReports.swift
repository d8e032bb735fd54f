import HVHostModel
import HVSimKernel
import HVSimKernel

/// What the hypervisor counts of its own work. Tests compare these tallies with the counters
/// derived from the trace: two independent paths to the same numbers.
extension Tallies.Key {
  public static let hypercalls = Self("hypervisor.hypercalls")
  public static let trappedInstructions = Self("hypervisor.trapped-instructions")
  public static let interceptMessages = Self("hypervisor.intercept-messages")
  public static let vmbusMessagesDelivered = Self("hypervisor.vmbus-messages-delivered")
  public static let interruptsDelivered = Self("hypervisor.interrupts-delivered")
}

extension Violation.Kind {
  /// A SynIC message slot was still full, or the target partition is gone.
  public static let synicQueueFull = Self("hypervisor.synic-queue-full")
  /// A SINT holds more messages than its slot and queue allow.
  public static let synicOverflow = Self("hypervisor.synic-overflow")
}
