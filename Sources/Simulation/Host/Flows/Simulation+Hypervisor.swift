import HVHostModel
import HVSimKernel
import HVTrace

/// Hops through the hypervisor: hypercalls, trapped instructions, intercept messages, interrupts.
extension Simulation {
  /// A partition enters the hypervisor with a hypercall (TLFS hypercall interface, fact sheet §1.5).
  func hypercall(
    _ code: HypercallCode, from caller: ActorID, _ label: String, details: [Detail] = [],
    work: Int = 0, then next: @escaping Continuation
  ) {
    kernel.count(.hypercalls)
    emit(
      .hypercall, caller, .hypervisor, label, message: code.identifier,
      details: [.hex("code", UInt64(code.rawValue), digits: 4)] + details,
      cost: costs.hypercall + work, then: next)
  }

  /// One trapped I/O-port access of the emulated disk path, fact sheet §2.1 steps 2–6:
  /// VM exit → `HVMSG_X64_IO_PORT_INTERCEPT` on the root's SINT0 → VID → vmwp.exe's IDE model
  /// (user mode) → VID → `HvCallSetVpRegisters` (advance RIP, set RAX for an IN) → VM entry.
  ///
  /// Model assumptions: VID hands every intercept to the worker process (fact sheet §8 item 1) and
  /// completes it with HvCallSetVpRegisters (fact sheet §2.1 step 6, "model").
  func trapPortAccess(_ access: PortAccess, from driver: ActorID, then next: @escaping Continuation) {
    let portDetails: [Detail] = [
      .hex("port", UInt64(access.port.rawValue), digits: 3),
      .text("direction", access.isWrite ? "out" : "in"), .int("bytes", access.bytes),
    ]
    run(
      [
        { done in
          self.kernel.count(.trappedInstructions)
          self.emit(
            .vmExit, driver, .hypervisor, "\(access.instruction) traps: VM exit",
            details: portDetails, cost: self.costs.vmExit, then: done)
        },
        { done in
          let type = HypervisorMessageType.x64IoPortIntercept
          _ = self.rootPartition.synic.post(type.rawValue, to: SynIC.interceptSINT)
          self.kernel.count(.interceptMessages)
          self.kernel.count(.interruptsDelivered)
          self.emit(
            .interceptMessage, .hypervisor, .vid, "intercept message into the root's SINT0 slot",
            message: type.identifier,
            details: [.hex("message_type", UInt64(type.rawValue), digits: 8), .int("sint", 0)]
              + portDetails, cost: self.costs.synicMessage, then: done)
          _ = self.rootPartition.synic.consume(SynIC.interceptSINT)
        },
        { done in
          self.emit(
            .call, .vid, .vmwp, "hand the intercept to the VM's worker process",
            cost: self.costs.kernelToUserDispatch, then: done)
        },
        { done in
          let effect = access.apply(&self.ide)
          self.kernel.count(.portAccessesEmulated)
          self.emit(
            .call, .vmwp, .vid, "emulated IDE: \(effect); complete the intercept",
            details: [.hex("port", UInt64(access.port.rawValue), digits: 3)], bytes: access.bytes,
            cost: self.costs.ideEmulation + self.costs.userToKernel, then: done)
        },
        { done in
          let what = access.isWrite ? "advance RIP past the OUT" : "put the value in RAX, advance RIP"
          self.hypercall(
            .setVpRegisters, from: .vid, "\(what); resume VP 0",
            details: [.int("vp_index", 0)], then: done)
        },
        { done in
          self.emit(
            .vmEntry, .hypervisor, driver, "resume the guest (VM entry)",
            cost: self.costs.vmEntry, then: done)
        },
      ], then: next)
  }

  /// The guest writes a synthetic MSR; the hypervisor handles it without involving the root.
  func writeSyntheticMSR(
    _ msr: SyntheticMSR, from actor: ActorID, _ purpose: String, then next: @escaping Continuation
  ) {
    run(
      [
        { done in
          self.kernel.count(.trappedInstructions)
          self.emit(
            .vmExit, actor, .hypervisor, "WRMSR \(msr.identifier) traps: \(purpose)",
            details: [.hex("msr", UInt64(msr.rawValue), digits: 8)], cost: self.costs.vmExit,
            then: done)
        },
        { done in
          self.emit(
            .vmEntry, .hypervisor, actor, "the hypervisor handles the synthetic MSR itself; resume",
            cost: self.costs.vmEntry, then: done)
        },
      ], then: next)
  }

  /// vmwp.exe raises the emulated IDE interrupt (IRQ 14) through VID and
  /// `HvCallAssertVirtualInterrupt` (fact sheet §2.1 step 11; use of the call is a model assumption).
  func raiseIDEInterrupt(to driver: ActorID, then next: @escaping Continuation) {
    let partition = childPartition?.id ?? 0
    run(
      [
        { done in
          self.emit(
            .call, .vmwp, .vid, "raise IRQ \(ATAModel.irq) for the guest",
            cost: self.costs.userToKernel, then: done)
        },
        { done in
          self.hypercall(
            .assertVirtualInterrupt, from: .vid, "assert IRQ \(ATAModel.irq) on the child's VP 0",
            details: [.int("irq", ATAModel.irq), .hex("partition_id", partition, digits: 4)],
            then: done)
        },
        { done in
          self.kernel.count(.interruptsDelivered)
          self.emit(
            .interrupt, .hypervisor, driver, "IRQ \(ATAModel.irq) injected at the next VM entry",
            details: [.int("irq", ATAModel.irq)], cost: self.costs.interruptDelivery, then: done)
        },
      ], then: next)
  }
}

/// One guest I/O-port instruction against the emulated IDE controller.
struct PortAccess {
  var port: ATAPort
  var isWrite: Bool
  var value: Int
  /// Bytes moved between the guest register and the device model.
  var bytes: Int
  var instruction: String

  static func out(_ port: ATAPort, _ value: Int) -> PortAccess {
    PortAccess(
      port: port, isWrite: true, value: value, bytes: 1,
      instruction: "OUT 0x\(String(port.rawValue, radix: 16, uppercase: true)) ← "
        + DetailValue.hexString(UInt64(value), digits: 2))
  }

  static func `in`(_ port: ATAPort) -> PortAccess {
    PortAccess(
      port: port, isWrite: false, value: 0, bytes: 1,
      instruction: "IN 0x\(String(port.rawValue, radix: 16, uppercase: true))")
  }

  /// One data-port word, or a whole `REP OUTSW`/`REP INSW` string when the string traps once.
  static func data(isWrite: Bool, words: Int) -> PortAccess {
    let name = words == 1 ? (isWrite ? "OUTSW" : "INSW") : (isWrite ? "REP OUTSW" : "REP INSW")
    return PortAccess(
      port: .data, isWrite: isWrite, value: words, bytes: 2 * words,
      instruction: "\(name) 0x1F0" + (words == 1 ? "" : " (\(words) words)"))
  }

  /// Applies the access to the controller; returns what the device model did.
  func apply(_ ide: inout EmulatedIDEController) -> String {
    if port == .data {
      if isWrite {
        ide.acceptWords(value)
        return "\(bytes) bytes into the sector buffer (\(ide.bufferFill) of 512)"
      }
      let before = ide.bufferFill
      ide.provideWords(value)
      return "\(bytes) bytes out of the sector buffer (\(ATAModel.sectorSize - before + bytes) of 512)"
    }
    if isWrite {
      ide.write(port, value: value)
      if port == .statusCommand, let command = ATACommand(rawValue: UInt8(value)) {
        return "command \(DetailValue.hexString(UInt64(value), digits: 2)) \(command.name) accepted"
      }
      return "\(port.registerName) = \(DetailValue.hexString(UInt64(value), digits: 2))"
    }
    let status = ide.read(port)
    return "status \(DetailValue.hexString(UInt64(status), digits: 2)) (\(Self.describe(status: status)))"
  }

  static func describe(status: Int) -> String {
    var bits: [String] = []
    if status & Int(ATAStatus.busy) != 0 { bits.append("BSY") }
    if status & Int(ATAStatus.ready) != 0 { bits.append("DRDY") }
    if status & Int(ATAStatus.dataRequest) != 0 { bits.append("DRQ") }
    if status & Int(ATAStatus.error) != 0 { bits.append("ERR") }
    return bits.isEmpty ? "clear" : bits.joined(separator: " ")
  }
}
