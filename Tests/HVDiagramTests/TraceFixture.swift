import HVTrace

/// A small hand-written trace with every shape a diagram draws: calls and returns across the
/// user/kernel line, a VM exit and entry, an intercept message, a hypercall, nested repeat groups,
/// a VMBus message, a ring packet, an interrupt, a self message, a state note and a log note.
enum TraceFixture {
  static let actors = [
    Actor(id: "guest-app", name: "Guest application", partition: .child, mode: .user),
    Actor(id: "ata-driver", name: "ATA driver (atapi)", partition: .child, mode: .kernel),
    Actor(id: "hypervisor", name: "Hypervisor", partition: .hypervisor, mode: .hypervisor),
    Actor(
      id: "vid", name: "Virtualization Infrastructure Driver (VID)", partition: .root, mode: .kernel
    ),
    Actor(id: "vmwp", name: "VM worker process (vmwp.exe)", partition: .root, mode: .user),
    Actor(id: "disk", name: "Physical disk", partition: .hardware, mode: .hardware),
  ]

  static func trace(sectors: Int = 20, words: Int = 256) -> Trace {
    var seq = 0
    var time = 0
    func event(
      _ from: String, _ to: String, _ kind: EventKind, _ label: String, message: String? = nil,
      operation: String? = nil, step: Int = 1
    ) -> TraceEntry {
      seq += 1
      time += 100
      return .event(
        TraceEvent(
          seq: seq, time: time, duration: 100, step: step, from: from, to: to, kind: kind,
          label: .verbatim(label), message: message, operation: operation,
          switchesMode: (from == "guest-app") != (to == "guest-app")
            && (from == "guest-app" || to == "guest-app")))
    }
    let word = [
      event("ata-driver", "hypervisor", .vmExit, "OUT 0x1F0 traps"),
      event(
        "hypervisor", "vid", .interceptMessage, "intercept on SINT0",
        message: "HVMSG_X64_IO_PORT_INTERCEPT"),
      event("vid", "vmwp", .call, "dispatch to the emulated IDE controller"),
      event("vmwp", "vid", .return, "emulation done"),
      event(
        "vid", "hypervisor", .hypercall, "resume the virtual processor",
        message: "HvCallSetVpRegisters"),
      event("hypervisor", "ata-driver", .vmEntry, "VM entry"),
    ]
    let sector: [TraceEntry] = [
      .group(
        RepeatGroup(
          seq: 0, time: 0, step: 1, count: words, label: "one 16-bit word through the data port",
          entries: word)),
      event("vmwp", "disk", .call, "write the sector to the VHD"),
      event("disk", "vmwp", .return, "done"),
      event("vmwp", "ata-driver", .interrupt, "IRQ 14", message: "HvCallAssertVirtualInterrupt"),
    ]
    let write = TraceStep(
      index: 1, action: "write-disk", argument: "10 KiB", time: 0,
      entries: [
        event("guest-app", "ata-driver", .call, "WriteFile(10 KiB)"),
        .group(
          RepeatGroup(
            seq: 0, time: 0, step: 1, count: sectors, label: "one 512-byte sector", entries: sector)
        ),
        event("ata-driver", "guest-app", .return, "WriteFile returns"),
      ])
    let second = TraceStep(
      index: 2, action: "wait", argument: "2 s", time: time,
      entries: [
        event("vmwp", "vmwp", .call, "timer fires", step: 2),
        event("vid", "vid", .stateNote, "partition state: Running", step: 2),
        event("vmwp", "vid", .vmbusMessage, "offer", message: "CHANNELMSG_OFFERCHANNEL", step: 2),
        event(
          "vid", "ata-driver", .ringPacket, "completion packet", message: "VM_PKT_COMP",
          operation: "VSTOR_OPERATION_COMPLETE_IO", step: 2),
        event(
          "vmwp", "vmwp", .logNote,
          "Heartbeat: the guest answered again after a long pause in contact", step: 2),
      ])
    return Trace(
      scenario: "fixture", seed: 1, actors: actors, steps: [write, second], integrationServices: [],
      vm: VMStatus(name: "VM01", state: "Running"), hostLog: [])
  }
}
