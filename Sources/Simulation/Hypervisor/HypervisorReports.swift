import HVHostModel
import HVSimKernel

/// What the hypervisor counts of its own work. Tests compare these tallies with the counters
/// derived from the trace: two independent paths to the same numbers.
extension Tallies.Key {
  package static let hypercalls = Self("hypervisor.hypercalls")
  package static let trappedInstructions = Self("hypervisor.trapped-instructions")
  package static let interceptMessages = Self("hypervisor.intercept-messages")
  package static let vmbusMessagesDelivered = Self("hypervisor.vmbus-messages-delivered")
  package static let interruptsDelivered = Self("hypervisor.interrupts-delivered")
}

extension Violation.Kind {
  /// A SynIC message slot was still full, or the target partition is gone.
  package static let synicQueueFull = Self("hypervisor.synic-queue-full")
  /// A SINT holds more messages than its slot and queue allow.
  package static let synicOverflow = Self("hypervisor.synic-overflow")
}
