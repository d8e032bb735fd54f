import HVHostModel
import HVHypervisor
import HVIntegrationServices
import HVNetwork
import HVSimKernel
import HVStorage
import HVTrace
import HVVMBus

/// Power-on and power-off.
extension Power {
  /// `Start-VM`: VMMS creates the partition through VID hypercalls and starts the worker process,
  /// which creates the VP, maps memory, installs the IDE port intercepts and starts the VP; the
  /// firmware loads the OS; an enlightened guest then brings VMBus up and opens its disk channel
  /// (fact sheet §1.1, §1.2, §3.2). Which hypercall each component issues is a model assumption
  /// (fact sheet §1.5).
  /// - Parameter reason: the first note, when the power-on is not a `Start-VM` (a reboot).
  package func powerOn(reason: Phrase? = nil, then next: @escaping Continuation) {
    if state != .off {
      kernel.report(.stepInWrongPowerState, "start while the VM is \(state.rawValue)")
    }
    state = .starting
    let partitionID = hypervisor.drawPartitionID()
    var actions: [Action] = [
      { done in
        self.ics.partitionStarted()
        self.kernel.emit(
          .stateNote, .vmms, .vmms, reason ?? .verbatim("Start-VM '\(self.vmName)'"),
          cost: self.costs.componentWork, then: done)
      },
      { done in
        self.kernel.emit(
          .call, .vmms, .vid, "create a partition for '\(self.vmName)'",
          cost: self.costs.userToKernel, then: done)
      },
      { done in self.hypervisor.createChildPartition(id: partitionID, restoring: false, then: done)
      },
      { done in
        self.kernel.emit(
          .return, .vid, .vmms,
          "partition \(DetailValue.hexString(partitionID, digits: 4)) created",
          cost: self.costs.kernelToUser, then: done)
      },
      { done in self.startWorkerProcess(then: done) },
      { done in
        self.kernel.emit(
          .call, .vmwp, .vid, "create VP 0, map 1 GiB of guest RAM, set up the virtual devices",
          cost: self.costs.userToKernel, then: done)
      },
      { done in self.createVPAndMapMemory(then: done) },
      { done in
        self.hypervisor.hypercall(
          .createPort, from: .vid, "create the VMBus message port (connection id 1)",
          details: [.int("port_type", 1), .int("connection_id", Int(VMBusConnectionID.message))],
          then: done)
      },
      { done in
        self.hypervisor.hypercall(
          .createPort, from: .vid, "create the VMBus event port (connection id 2)",
          details: [.int("port_type", 2), .int("connection_id", Int(VMBusConnectionID.event))],
          then: done)
      },
    ]
    if generation == .one {
      actions.append { done in
        let (ranges, label, ports) = self.storage.emulatedControllerIntercepts
        let nic = self.network.emulatedAdapterPorts
        self.hypervisor.installPortIntercepts(
          ranges + nic,
          nic.isEmpty ? label : label + ", and 0xEC00–0xEC7F (emulated DEC 21140)",
          details: [.text("ports", nic.isEmpty ? ports : ports + ",0xEC00-0xEC7F")], then: done)
      }
    }
    actions += [
      { done in
        self.hypervisor.hypercall(
          .setVpRegisters, from: .vid, "VP 0 registers = reset state (CS:IP F000:FFF0)",
          details: [.int("vp_index", 0)], then: done)
      },
      { done in
        self.hypervisor.markChildRunning()
        self.state = .running
        self.kernel.log(
          source: "Hyper-V-Worker",
          message: "'\(self.vmName)' started successfully.")
        self.kernel.emit(
          .vmEntry, .hypervisor, .guestFirmware, "VP 0 enters the guest at the reset vector",
          cost: self.costs.vmEntry, then: done)
      },
      { done in self.firmwareBoot(then: done) },
      { done in
        self.ics.guestKernelBoots()
        self.kernel.emit(
          .call, .guestFirmware, .guestKernel, "jump to the OS loader; the guest kernel boots",
          cost: self.costs.guestKernelBoot, then: done)
      },
      { done in self.loadGuestDrivers(then: done) },
    ]
    kernel.run(actions, then: next)
  }

  private func firmwareBoot(then next: @escaping Continuation) {
    guard generation == .one else {
      kernel.emit(
        .stateNote, .guestFirmware, .guestFirmware,
        "UEFI firmware loads the OS loader from the SCSI disk (its own VMBus client, not modelled)",
        cost: costs.firmwarePOST, then: next)
      return
    }
    kernel.run(
      [
        { done in
          self.kernel.emit(
            .stateNote, .guestFirmware, .guestFirmware, "BIOS power-on self test",
            cost: self.costs.firmwarePOST, then: done)
        },
        { done in
          self.kernel.emit(
            .stateNote, .guestFirmware, .guestFirmware,
            "INT 13h: read the boot sector (LBA 0) from the IDE disk, through the emulated controller",
            cost: self.costs.componentWork, then: done)
        },
        { done in
          self.storage.emulatedIO(
            isWrite: false, sectors: 1, lba: 0, driver: .guestFirmware, then: done)
        },
      ], then: next)
  }

  private func loadGuestDrivers(then next: @escaping Continuation) {
    guard guestHasIntegrationServices else {
      kernel.emit(
        .call, .guestKernel, .ataDriver,
        "load \(words.legacyATADriver) for the emulated IDE controller (no Integration Services)",
        cost: costs.kernelCall
      ) { self.network.initializeTulip(then: next) }
      return
    }
    kernel.run(
      [
        { done in
          self.kernel.emit(
            .call, .guestKernel, .vmbusGuest, "load \(self.words.vmbusDriver)", cost: self.costs.kernelCall,
            then: done)
        },
        { done in
          self.hypervisor.writeSyntheticMSR(
            .guestOSID, from: .vmbusGuest, "identify the guest OS", then: done)
        },
        { done in
          self.hypervisor.writeSyntheticMSR(
            .hypercall, from: .vmbusGuest, "enable the hypercall page", then: done)
        },
        { done in
          self.hypervisor.writeSyntheticMSR(
            .simp, from: .vmbusGuest, "place the SynIC message page", then: done)
        },
        { done in
          self.hypervisor.writeSyntheticMSR(
            .siefp, from: .vmbusGuest, "place the SynIC event-flags page", then: done)
        },
        { done in
          self.hypervisor.writeSyntheticMSR(
            .sint2, from: .vmbusGuest, "unmask SINT2 for VMBus", then: done)
        },
        { done in
          self.hypervisor.writeSyntheticMSR(
            .scontrol, from: .vmbusGuest, "enable the SynIC", then: done)
        },
        { done in self.vmbus.vmbusConnect(then: done) },
        { done in self.requestOffers(then: done) },
        { done in self.storage.attachSyntheticDisk(then: done) },
        { done in self.network.attachNetVSC(then: done) },
        { done in self.network.initializeTulip(then: done) },
        { done in self.ics.openIntegrationServices(then: done) },
        { done in self.noteInputAndVideoChannels(then: done) },
      ], then: next)
  }

  /// The synthetic mouse, keyboard and video channels are offered to every VM (see
  /// ``offeredDevices``); a guest's input and video drivers open them with protocols of their own
  /// (Linux `hid-hyperv`, `hyperv-keyboard`, `hyperv_drm`), which the model does not follow: it
  /// says so once, so a learner does not take them for unused.
  private func noteInputAndVideoChannels(then next: @escaping Continuation) {
    let relids = vmbus.channels.filter { [.mouse, .keyboard, .video].contains($0.offer.deviceClass) }
      .map { String($0.offer.relid) }
    guard !relids.isEmpty else { return next() }
    kernel.emit(
      .stateNote, .vmbusGuest, .vmbusGuest,
      "relids \(relids.joined(separator: ", ")) (synthetic mouse, keyboard, video): their drivers open them with protocols of their own, which this model leaves out",
      cost: costs.componentWork, then: next)
  }

  /// `Stop-VM -TurnOff`: the worker process stops the VP and the partition is deleted; the guest
  /// gets no chance to react, so VMBus is not unloaded.
  package func turnOff(then next: @escaping Continuation) {
    if state != .running {
      kernel.report(.stepInWrongPowerState, "turn-off while the VM is \(state.rawValue)")
    }
    kernel.run(
      [
        { done in
          self.kernel.emit(
            .stateNote, .vmms, .vmms, "Stop-VM -TurnOff '\(self.vmName)'",
            cost: self.costs.componentWork, then: done)
        },
        { done in
          self.kernel.emit(
            .call, .vmms, .vmwp, "power off the VM", cost: self.costs.componentWork, then: done)
        },
      ]
    ) { self.powerDown(log: "'\(self.vmName)' was turned off.", then: next) }
  }

  /// The worker process stops the VP, deletes the partition and exits; the VM is off.
  func powerDown(log message: Phrase, then next: @escaping Continuation) {
    let partitionID = hypervisor.childPartitionID
    kernel.run(
      [
        { done in
          self.kernel.emit(
            .call, .vmwp, .vid, "stop VP 0 and delete the partition", cost: self.costs.userToKernel,
            then: done)
        },
        { done in
          self.hypervisor.deleteChildPartition(
            "delete partition \(DetailValue.hexString(partitionID, digits: 4))", then: done)
        },
        { done in
          self.resetGuestState()
          self.kernel.log(source: "Hyper-V-Worker", message: message)
          self.kernel.emit(
            .return, .vmwp, .vmms, "vmwp.exe exits; the VM is off", cost: self.costs.componentWork,
            then: done)
        },
      ], then: next)
  }

  /// Everything that lived in the partition is gone; the host's settings, the guest's disk (its
  /// files, its stored KVP pools) and the clock's drift remain.
  private func resetGuestState() {
    state = .off
    hypervisor.forgetChildPartition()
    vmbus.reset()
    storage.reset()
    network.reset()
    ics.reset()
  }
}
