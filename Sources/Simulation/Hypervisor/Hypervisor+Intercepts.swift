import HVHostModel
import HVSimKernel
import HVTrace

/// One guest I/O-port instruction that traps, as the intercept message describes it.
package struct IOPortAccess: Sendable, Hashable {
  package var port: UInt16
  package var isWrite: Bool
  /// Bytes moved between the guest register and the device model.
  package var bytes: Int
  /// The instruction as the trace shows it (`OUT 0x1F7 ← 0x30`, `REP OUTSW 0x1F0 (256 words)`).
  package var instruction: String
  /// For a `REP` string instruction, its repeat count: the intercept message's `access_info`
  /// then has `string_op` and `rep_prefix` set and RCX holds the count (fact sheet §9.1), and
  /// the device model emulates the whole instruction from this one intercept.
  package var repeatCount: Int?

  package init(
    port: UInt16, isWrite: Bool, bytes: Int, instruction: String, repeatCount: Int? = nil
  ) {
    self.port = port
    self.isWrite = isWrite
    self.bytes = bytes
    self.instruction = instruction
    self.repeatCount = repeatCount
  }
}

/// Trapped instructions whose handling leaves the hypervisor: the intercept message goes to the
/// root's VID and on to the VM's worker process (fact sheet §2.1 steps 2–6).
extension Hypervisor {
  /// One trapped I/O-port access: VM exit → `HVMSG_X64_IO_PORT_INTERCEPT` on the root's SINT0 →
  /// VID → the device model in vmwp.exe (user mode) → VID → `HvCallSetVpRegisters` (advance RIP,
  /// set RAX for an IN) → VM entry.
  ///
  /// Model assumptions: VID hands every intercept to the worker process (fact sheet §8 item 1) and
  /// completes it with HvCallSetVpRegisters (fact sheet §2.1 step 6, "model").
  /// - Parameters:
  ///   - device: the device model's name in the trace ("emulated IDE").
  ///   - emulationCost: what the device model's work costs.
  ///   - emulate: the device model applies the access and says what it did.
  package func interceptIOPort(
    _ access: IOPortAccess, from driver: ActorID, device: Phrase, emulationCost: Int,
    emulate: @escaping () -> Phrase, then next: @escaping Kernel.Continuation
  ) {
    var portDetails: [Detail] = [
      .hex("port", UInt64(access.port), digits: 3),
      .text("direction", access.isWrite ? "out" : "in"), .int("bytes", access.bytes),
    ]
    if let count = access.repeatCount {
      portDetails += [.int("string_op", 1), .int("rep_prefix", 1), .int("rcx", count)]
    }
    kernel.run(
      [
        { done in
          self.trapToWorkerProcess(
            from: driver, exit: "\(access.instruction) traps: VM exit", exitDetails: portDetails,
            message: "intercept message into the root's SINT0 slot",
            messageDetails: [.int("sint", 0)] + portDetails,
            handOff: "hand the intercept to the VM's worker process", then: done)
        },
        { done in
          let effect = emulate()
          self.kernel.emit(
            .call, .vmwp, .vid, "\(device): \(effect); complete the intercept",
            details: [.hex("port", UInt64(access.port), digits: 3)], bytes: access.bytes,
            cost: emulationCost + self.costs.userToKernel, then: done)
        },
        { done in
          let what: Phrase =
            access.isWrite ? "advance RIP past the OUT" : "put the value in RAX, advance RIP"
          self.hypercall(
            .setVpRegisters, from: .vid, "\(what); resume VP 0", details: [.int("vp_index", 0)],
            then: done)
        },
        { done in
          self.kernel.emit(
            .vmEntry, .hypervisor, driver, "resume the guest (VM entry)", cost: self.costs.vmEntry,
            then: done)
        },
      ], then: next)
  }

  /// The guest's write to the ACPI power-management register (S5 soft-off or a reset) traps and
  /// reaches the worker process, which ends the VM: no VM entry follows.
  package func interceptPowerManagementWrite(
    _ exitLabel: Phrase, from actor: ActorID, request: Phrase,
    then next: @escaping Kernel.Continuation
  ) {
    trapToWorkerProcess(
      from: actor, exit: exitLabel, exitDetails: [],
      message: "intercept message: the guest's ACPI power-management write", messageDetails: [],
      handOff: request, then: next)
  }

  /// What every trapped instruction handled in the root shares: the VM exit, the
  /// `HVMSG_X64_IO_PORT_INTERCEPT` message through the root's SINT0 slot, VID waking the worker
  /// process.
  private func trapToWorkerProcess(
    from actor: ActorID, exit: Phrase, exitDetails: [Detail], message: Phrase,
    messageDetails: [Detail], handOff: Phrase, then next: @escaping Kernel.Continuation
  ) {
    kernel.run(
      [
        { done in
          self.kernel.count(.trappedInstructions)
          self.kernel.emit(
            .vmExit, actor, .hypervisor, exit, details: exitDetails, cost: self.costs.vmExit,
            then: done)
        },
        { done in
          let type = HypervisorMessageType.x64IoPortIntercept
          _ = self.rootPartition.synic.post(type.rawValue, to: SynIC.interceptSINT)
          self.kernel.count(.interceptMessages)
          self.kernel.count(.interruptsDelivered)
          self.kernel.emit(
            .interceptMessage, .hypervisor, .vid, message, message: type.identifier,
            details: [.hex("message_type", UInt64(type.rawValue), digits: 8)] + messageDetails,
            cost: self.costs.synicMessage, then: done)
          _ = self.rootPartition.synic.consume(SynIC.interceptSINT)
        },
        { done in
          self.kernel.emit(
            .call, .vid, .vmwp, handOff, cost: self.costs.kernelToUserDispatch, then: done)
        },
      ], then: next)
  }
}
