import HVTrace

/// A small hand-built trace: a call, a repeat group of 3 with a nested group of 2, a return.
enum Fixtures {
  static let actors = [
    Actor(id: "app", name: "App", partition: .child, mode: .user),
    Actor(id: "driver", name: "Driver", partition: .child, mode: .kernel),
    Actor(id: "hypervisor", name: "Hypervisor", partition: .hypervisor, mode: .hypervisor),
    Actor(id: "worker", name: "Worker", partition: .root, mode: .user),
  ]

  static func recorded() -> Trace {
    let recorder = TraceRecorder(actors: actors)
    recorder.beginStep(index: 1, action: "write-disk", argument: "1 KiB", time: 0)
    recorder.record(
      time: 0, duration: 100, from: "app", to: "driver", kind: .call, label: "write()")
    recorder.beginGroup(label: "for each sector", time: 100)
    recorder.record(
      time: 100, duration: 10, from: "driver", to: "hypervisor", kind: .vmExit, label: "OUT traps",
      details: [.hex("port", 0x1F0, digits: 4)], bytesCopied: 2)
    recorder.beginGroup(label: "for each word", time: 110)
    recorder.record(
      time: 110, duration: 5, from: "hypervisor", to: "worker", kind: .interceptMessage,
      label: "intercept", message: "HVMSG_X64_IO_PORT_INTERCEPT")
    recorder.endGroup(count: 2)
    recorder.record(
      time: 120, duration: 20, from: "worker", to: "hypervisor", kind: .hypercall,
      label: "resume", message: "HvCallSetVpRegisters")
    recorder.endGroup(count: 3)
    recorder.record(
      time: 220, duration: 50, from: "driver", to: "app", kind: .return, label: "done")
    recorder.log(time: 270, source: "test", message: "finished \"ok\"")
    recorder.endStep()
    return recorder.finish(
      scenario: "fixture", seed: 7,
      integrationServices: [
        IntegrationServiceStatus(name: "Heartbeat", enabled: true, status: "OK")
      ],
      vm: VMStatus(name: "VM01", state: "Running"), configuration: [.text("host", "2012R2")])
  }
}
