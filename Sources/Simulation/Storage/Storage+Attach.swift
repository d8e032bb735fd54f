import HVHostModel
import HVHypervisor
import HVSimKernel
import HVVMBus

extension Storage {
  /// The guest's VMBus driver found the disk controller's offer: storvsc binds it, opens the
  /// channel with its rings and initializes the protocol (fact sheet §2.2, "Channel bring-up").
  package func attachSyntheticDisk(then next: @escaping Continuation) {
    let ringPages = StorVSCModel.ringPages
    let relid =
      vmbus.channels.firstIndex { $0.offer.deviceClass == .ide || $0.offer.deviceClass == .scsi }
      .map { UInt32($0 + 1) } ?? 1
    let device = vmbus.channel(relid).offer.deviceClass
    vmbus.bindDriver(relid: relid)
    kernel.emit(
      .call, .vmbusGuest, .storvsc,
      "probe: class {\(device.classID)} (\(device.displayName)) binds \(words.isWindows ? "storvsc.sys" : "storvsc")",
      details: [.int("relid", Int(relid)), .text("if_type", device.classID.description)],
      cost: costs.kernelCall
    ) {
      self.kernel.emit(
        .call, .storvsc, .vmbusGuest,
        "\(self.words.openChannel): \(ringPages)-page send and receive rings (\(ringPages * 4) KiB each)",
        details: [.int("relid", Int(relid)), .int("ring_pages", ringPages)],
        cost: self.costs.kernelCall
      ) {
        self.vmbus.openChannel(relid: relid, ringPages: ringPages) {
          self.storvscInitialize(relid: relid, then: next)
        }
      }
    }
  }

  /// The host withdraws the disk controller's channel (a fault): RESCIND → RELID_RELEASED, and
  /// storvsc lets go of the disk; further I/O fails.
  package func rescindDisk(vmName: String, then next: @escaping Continuation) {
    guard let relid = storvsc.relid, !vmbus.channel(relid).rescinded else { return next() }
    kernel.log(
      source: "Hyper-V-VMMS",
      message: "The disk controller of '\(vmName)' was removed (channel rescinded).")
    kernel.emit(
      .stateNote, .vmms, .vmms,
      "fault: the host rescinds the disk controller's channel (relid \(relid))",
      cost: costs.componentWork
    ) {
      self.vmbus.rescindChannel(relid: relid) {
        self.rescinded = true
        self.storvsc.phase = .unbound
        self.kernel.emit(
          .stateNote, .storvsc, .storvsc, "storvsc: the disk is gone; further I/O fails",
          cost: self.costs.componentWork, then: next)
      }
    }
  }
}
