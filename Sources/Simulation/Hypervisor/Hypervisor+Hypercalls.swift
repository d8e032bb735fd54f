import HVHostModel
import HVSimKernel
import HVTrace

/// Entries into the hypervisor that the hypervisor handles itself: hypercalls, synthetic MSRs,
/// virtual interrupts (TLFS hypercall interface, fact sheet §1.5).
extension Hypervisor {
  /// A partition enters the hypervisor with a hypercall.
  package func hypercall(
    _ code: HypercallCode, from caller: ActorID, _ label: Phrase, details: [Detail] = [],
    status: HypercallStatus = .success, work: Int = 0, then next: @escaping Kernel.Continuation
  ) {
    kernel.count(.hypercalls)
    let result: [Detail] =
      status == .success
      ? []
      : [
        .text(
          "status",
          "\(status.identifier) (\(DetailValue.hexString(UInt64(status.rawValue), digits: 0)))")
      ]
    kernel.emit(
      .hypercall, caller, .hypervisor, label, message: code.identifier,
      details: [.hex("code", UInt64(code.rawValue), digits: 4)] + details + result,
      cost: costs.hypercall + work, then: next)
  }

  /// The guest writes a synthetic MSR; the hypervisor handles it without involving the root.
  /// Writing `HV_X64_MSR_HYPERCALL` enables hypercalls, `HV_X64_MSR_SINT2` unmasks VMBus's SINT.
  package func writeSyntheticMSR(
    _ msr: SyntheticMSR, from actor: ActorID, _ purpose: Phrase,
    then next: @escaping Kernel.Continuation
  ) {
    switch msr {
    case .hypercall: childPartition?.hypercallsEnabled = true
    case .sint2: childPartition?.synic.enable(SynIC.vmbusSINT)
    default: break
    }
    kernel.run(
      [
        { done in
          self.kernel.count(.trappedInstructions)
          self.kernel.emit(
            .vmExit, actor, .hypervisor, "WRMSR \(msr.identifier) traps: \(purpose)",
            details: [.hex("msr", UInt64(msr.rawValue), digits: 8)], cost: self.costs.vmExit,
            then: done)
        },
        { done in
          self.kernel.emit(
            .vmEntry, .hypervisor, actor, "the hypervisor handles the synthetic MSR itself; resume",
            cost: self.costs.vmEntry, then: done)
        },
      ], then: next)
  }

  /// vmwp.exe raises an emulated device's interrupt through VID and
  /// `HvCallAssertVirtualInterrupt` (fact sheet §2.1 step 11; use of the call is a model
  /// assumption). The call names a vector, a destination and an interrupt control, not an ISA IRQ
  /// (§9.7): the trace shows the vector the guest programmed for the IRQ (``ISAInterruptVector``).
  package func assertDeviceInterrupt(
    irq: Int, to driver: ActorID, then next: @escaping Kernel.Continuation
  ) {
    let partition = childPartitionID
    let vector = ISAInterruptVector.vector(forIRQ: irq)
    let vectorText = DetailValue.hexString(UInt64(vector), digits: 0)
    kernel.run(
      [
        { done in
          self.kernel.emit(
            .call, .vmwp, .vid, "raise IRQ \(irq) for the guest", cost: self.costs.userToKernel,
            then: done)
        },
        { done in
          self.hypercall(
            .assertVirtualInterrupt, from: .vid,
            "assert vector \(vectorText) (IRQ \(irq)) on the child's VP 0",
            details: [
              .hex("partition_id", partition, digits: 4), .hex("vector", UInt64(vector), digits: 2),
              .text("interrupt_control", "HV_X64_INTERRUPT_TYPE_FIXED, edge"),
              .int("target_vp", 0), .int("irq", irq),
            ], then: done)
        },
        { done in
          self.kernel.count(.interruptsDelivered)
          self.kernel.emit(
            .interrupt, .hypervisor, driver,
            "vector \(vectorText) (IRQ \(irq)) injected at the next VM entry",
            details: [.int("irq", irq)], cost: self.costs.interruptDelivery, then: done)
        },
      ], then: next)
  }
}
