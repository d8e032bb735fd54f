/// A hypercall's result (`HV_STATUS_*`, TLFS; Linux `include/hyperv/hvgdk_mini.h`).
///
/// The model only shows the statuses a lesson meets: success, and the one a VMBus 5.x
/// `INITIATE_CONTACT` gets from a host that has no message connection 4 (fact sheet §9.3).
package enum HypercallStatus: UInt16, Sendable {
  case success = 0x0000
  case invalidConnectionID = 0x0012

  /// The TLFS name, e.g. `HV_STATUS_INVALID_CONNECTION_ID`.
  package var identifier: String {
    switch self {
    case .success: return "HV_STATUS_SUCCESS"
    case .invalidConnectionID: return "HV_STATUS_INVALID_CONNECTION_ID"
    }
  }
}

/// How Linux numbers the vectors of legacy ISA interrupts (`ISA_IRQ_VECTOR` in
/// `arch/x86/include/asm/irq_vectors.h`: 0x30 + IRQ), which a Linux guest programs into its
/// virtual I/O APIC. `HvCallAssertVirtualInterrupt` takes a vector, not an IRQ (fact sheet §9.7);
/// that the root's virtual I/O APIC does the IRQ → vector translation is a model assumption.
package enum ISAInterruptVector {
  package static let base = 0x30

  package static func vector(forIRQ irq: Int) -> Int { base + irq }
}
