import HVHostModel
import HVHypervisor
import HVSimKernel
import HVTrace
import HVVMBus

/// The synthetic storage path: storvsc in the guest, storvsp in the root kernel, VMBus between
/// them (fact sheet §2.2). No worker process takes part.
extension Storage {
  /// `sizeof(struct vstor_packet) - vmscsi_size_delta` for the negotiated VMBus version.
  var vstorPacketSize: Int {
    let old = vmbus.guest.version.map { $0 <= .win7 } ?? false
    return VStorPacket.size - (old ? VStorPacket.win8ExtensionSize : 0)
  }

  /// `storvsc_channel_init`: BEGIN_INITIALIZATION → QUERY_PROTOCOL_VERSION (highest first) →
  /// QUERY_PROPERTIES → END_INITIALIZATION, each an inband packet answered by a completion
  /// (fact sheet §2.2, "Channel bring-up sequence"). The model VM has one virtual processor, so
  /// storvsc asks for no sub-channels.
  func storvscInitialize(relid: UInt32, then next: @escaping Continuation) {
    storvsc.phase = .initializing
    storvsc.relid = relid
    kernel.run(
      [
        { done in
          self.storvscRequest(
            VStorPacket(operation: .beginInitialization), relid: relid,
            "BEGIN_INITIALIZATION"
          ) { _ in done() }
        },
        { done in self.negotiateStorageProtocol(0, relid: relid, then: done) },
        { done in
          self.storvscRequest(
            VStorPacket(operation: .queryProperties), relid: relid,
            "QUERY_PROPERTIES (max_transfer_bytes)"
          ) { _ in done() }
        },
        { done in
          self.storvscRequest(
            VStorPacket(operation: .endInitialization), relid: relid, "END_INITIALIZATION"
          ) { _ in done() }
        },
      ]
    ) {
      self.storvsc.phase = .ready
      next()
    }
  }

  private func negotiateStorageProtocol(
    _ index: Int, relid: UInt32, then next: @escaping Continuation
  ) {
    let versions = StorageProtocolVersion.guestPreferenceOrder
    guard index < versions.count else {
      kernel.report(.noCommonStorageProtocol, "no common storage protocol version")
      next()
      return
    }
    let version = versions[index]
    storvscRequest(
      VStorPacket(operation: .queryProtocolVersion, version: version), relid: relid,
      "QUERY_PROTOCOL_VERSION \(version)"
    ) { status in
      if status == 0 {
        self.storvsc.protocolVersion = version
        next()
      } else {
        self.negotiateStorageProtocol(index + 1, relid: relid, then: next)
      }
    }
  }

  /// One inband request of the bring-up and its completion; passes the completion's status on.
  func storvscRequest(
    _ request: VStorPacket, relid: UInt32, _ what: String,
    then next: @escaping (UInt32) -> Void
  ) {
    let transactionID = storvsc.nextTransactionID
    storvsc.nextTransactionID += 1
    storvsc.pending.insert(transactionID)
    let packet = VMBusPacket(
      type: .dataInband, flags: VMBusPacket.completionRequested, transactionID: transactionID,
      payloadLength: vstorPacketSize, payload: .vstor(request))
    var status: UInt32 = 0
    var versionDetails: [Detail] = []
    if let version = request.version {
      versionDetails = [.hex("major_minor", UInt64(version.wireValue), digits: 4)]
    }
    kernel.run(
      [
        { done in
          self.kernel.emit(
            .call, .storvsc, .vmbusGuest, "\(self.words.sendPacket): \(what)",
            operation: request.operation.identifier, cost: self.costs.kernelCall, then: done)
        },
        { done in
          self.vmbus.sendPacket(
            packet, relid: relid, fromGuest: true, "storvsc request: \(what)",
            operation: request.operation.identifier, details: versionDetails, then: done)
        },
        { done in
          _ = self.vmbus.setReaderMask(relid: relid, ringFromGuest: true, draining: true)
          let read = self.vmbus.receivePacket(relid: relid, fromGuestRing: true)
          _ = self.vmbus.setReaderMask(relid: relid, ringFromGuest: true, draining: false)
          status = self.storvspHandle(request)
          self.kernel.emit(
            .call, .vmbusRoot, .storvsp, "channel callback: storvsp reads \(what)",
            operation: request.operation.identifier,
            details: [
              .int("trans_id", Int(transactionID)), .int("read_index", read?.newReadIndex ?? 0),
            ], cost: self.costs.vspProcessing, then: done)
        },
        { done in
          self.sendCompletion(
            for: transactionID, relid: relid, status: status, what: what, then: done)
        },
        { done in
          self.storvscReceiveCompletion(relid: relid, expected: transactionID, then: done)
        },
      ]
    ) { next(status) }
  }

  /// storvsp's answer to one bring-up request: the status of its COMPLETE_IO.
  private func storvspHandle(_ request: VStorPacket) -> UInt32 {
    switch request.operation {
    case .beginInitialization:
      storvsp.phase = .initializing
      return 0
    case .queryProtocolVersion:
      guard let version = request.version,
        version <= hostProtocol
      else { return StorVSCModel.versionRejectedStatus }
      storvsp.protocolVersion = version
      return 0
    case .endInitialization:
      storvsp.phase = .ready
      return 0
    default:
      return 0
    }
  }

  /// storvsp answers `transactionID` with `VM_PKT_COMP` carrying `VSTOR_OPERATION_COMPLETE_IO`.
  private func sendCompletion(
    for transactionID: UInt64, relid: UInt32, status: UInt32, what: String,
    then next: @escaping Continuation
  ) {
    let completion = VMBusPacket(
      type: .completion, flags: 0, transactionID: transactionID, payloadLength: vstorPacketSize,
      payload: .vstor(VStorPacket(operation: .completeIO, status: status)))
    let statusText: Phrase =
      status == 0
      ? "status 0" : "status \(DetailValue.hexString(UInt64(status), digits: 8)) (refused)"
    kernel.run(
      [
        { done in
          self.kernel.emit(
            .call, .storvsp, .vmbusRoot,
            "vmbus_sendpacket(VM_PKT_COMP): \(what) done, \(statusText)",
            operation: VStorOperation.completeIO.identifier, cost: self.costs.kernelCall,
            then: done)
        },
        { done in
          self.vmbus.sendPacket(
            completion, relid: relid, fromGuest: false, "storvsp completion: \(statusText)",
            operation: VStorOperation.completeIO.identifier,
            details: [.hex("status", UInt64(status), digits: 8)], then: done)
        },
      ], then: next)
  }

  /// The guest drains one completion and matches it with its request by `trans_id`.
  private func storvscReceiveCompletion(
    relid: UInt32, expected: UInt64, then next: @escaping Continuation
  ) {
    _ = vmbus.setReaderMask(relid: relid, ringFromGuest: false, draining: true)
    let read = vmbus.receivePacket(relid: relid, fromGuestRing: false)
    _ = vmbus.setReaderMask(relid: relid, ringFromGuest: false, draining: false)
    let transactionID = read?.packet.transactionID ?? 0
    complete(transactionID, expected: expected)
    kernel.emit(
      .call, .vmbusGuest, .storvsc, "channel callback: completion for trans_id \(transactionID)",
      message: VMBusPacketType.completion.identifier,
      operation: VStorOperation.completeIO.identifier,
      details: [
        .int("trans_id", Int(transactionID)), .int("read_index", read?.newReadIndex ?? 0),
      ], cost: costs.kernelCall, then: next)
  }

  /// Matches a completion with an outstanding request; anything else is a protocol violation.
  func complete(_ transactionID: UInt64, expected: UInt64? = nil) {
    if let expected, expected != transactionID {
      kernel.report(
        .completionOutOfOrder, "completion \(transactionID) arrived while \(expected) was expected")
    }
    if storvsc.pending.remove(transactionID) == nil {
      kernel.report(
        .unknownCompletion, "completion for unknown or already completed trans_id \(transactionID)")
    }
    storvsc.completed += 1
  }
}
