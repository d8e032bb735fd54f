import HVHostModel
import HVHypervisor
import HVSimKernel
import HVTrace
import HVVMBus

/// Disk I/O through storvsc → VMBus → storvsp (fact sheet §2.2 steps 1–12).
///
/// A transfer is split into SRBs of at most ``StorVSCModel/maxTransferBytes``. The guest submits up
/// to ``StorVSCModel/queueDepth`` SRBs back to back, then storvsp drains them, then the guest drains
/// the completions. Only the first packet of each batch finds an empty ring, so only it rings the
/// doorbell: the signalling rule of `hv_signal_on_write` at work. Model assumption: one root VP
/// serves the channel and serves the batch's requests one after the other.
extension Storage {
  func syntheticIO(isWrite: Bool, bytes: Int, lba: Int, then next: @escaping Continuation) {
    if rescinded {
      return kernel.emit(
        .stateNote, .storvsc, .storvsc,
        "\(isWrite ? "write" : "read")() of \(bytes) bytes fails: the disk's channel was rescinded (EIO)",
        cost: costs.kernelCall, then: next)
    }
    guard storvsc.phase == .ready, let relid = storvsc.relid else {
      kernel.report(.storageNotReady, "disk I/O before storvsc is ready")
      next()
      return
    }
    let requests = Self.splitIntoSRBs(isWrite: isWrite, bytes: bytes, lba: lba)
    let depth = StorVSCModel.queueDepth
    let full = requests.prefix { $0.byteCount == StorVSCModel.maxTransferBytes }.count
    let fullBatches = full / depth
    let remainder = Array(requests[(fullBatches * depth)...])
    let verb = isWrite ? "write" : "read"
    let sectorBytes = requests.reduce(0) { $0 + $1.sectors * 512 }
    kernel.run(
      [
        { done in
          self.kernel.emit(
            .call, .guestApp, .storvsc,
            "\(syscall: verb): \(Self.describe(bytes: bytes, sectorBytes: sectorBytes)) at LBA \(lba) → \(requests.count) SRB(s) of at most \(StorVSCModel.maxTransferBytes / 1024) KiB",
            details: [.int("bytes", bytes), .int("lba", lba), .int("srbs", requests.count)],
            cost: self.costs.userToKernel, then: done)
        },
        { done in
          self.kernel.loop(
            fullBatches,
            "for each batch of \(depth) SRBs of \(StorVSCModel.maxTransferBytes / 1024) KiB",
            timers: true,
            fastForward: { count in self.fastForwardBatches(count, relid: relid, depth: depth) },
            body: { index, iterationDone in
              let batch = Array(requests[(index * depth)..<((index + 1) * depth)])
              self.syntheticBatch(batch, relid: relid, then: iterationDone)
            }, then: done)
        },
        { done in
          guard !remainder.isEmpty else { return done() }
          self.syntheticBatch(remainder, relid: relid, then: done)
        },
        { done in
          self.kernel.emit(
            .return, .storvsc, .guestApp, "\(syscall: verb) returns: \(sectorBytes) bytes done",
            cost: self.costs.kernelToUser, then: done)
        },
      ], then: next)
  }

  static func splitIntoSRBs(isWrite: Bool, bytes: Int, lba: Int) -> [SCSIRequest] {
    let total = (bytes + 511) / 512 * 512
    var requests: [SCSIRequest] = []
    var offset = 0
    while offset < total {
      let size = min(StorVSCModel.maxTransferBytes, total - offset)
      requests.append(SCSIRequest(isWrite: isWrite, lba: lba + offset / 512, byteCount: size))
      offset += size
    }
    return requests
  }

  static func describe(bytes: Int, sectorBytes: Int) -> Phrase {
    bytes == sectorBytes ? "\(bytes) bytes" : "\(bytes) bytes (whole sectors: \(sectorBytes))"
  }

  /// One batch: submit all, storvsp serves all, the guest drains all completions.
  private func syntheticBatch(
    _ batch: [SCSIRequest], relid: UInt32, then next: @escaping Continuation
  ) {
    let firstID = storvsc.nextTransactionID
    kernel.run(
      [
        { done in self.submitSRB(batch[0], relid: relid, then: done) },
        { done in self.runs(of: batch, from: 1, relid: relid, phase: .submit, then: done) },
        { done in
          _ = self.vmbus.setReaderMask(relid: relid, ringFromGuest: true, draining: true)
          self.kernel.emit(
            .call, .vmbusRoot, .storvsp,
            "channel callback: hv_begin_read sets interrupt_mask = 1; \(batch.count) packet(s) to drain",
            details: [.int("relid", Int(relid)), .int("interrupt_mask", 1)],
            cost: self.costs.kernelCall + self.costs.vspProcessing, then: done)
        },
        { done in self.serveSRB(relid: relid, then: done) },
        { done in self.runs(of: batch, from: 1, relid: relid, phase: .serve, then: done) },
        { done in
          let left = self.vmbus.setReaderMask(relid: relid, ringFromGuest: true, draining: false)
          self.kernel.emit(
            .stateNote, .storvsp, .storvsp,
            "hv_end_read: interrupt_mask = 0; \(left) bytes raced in meanwhile",
            details: [.int("interrupt_mask", 0), .int("bytes_to_read", left)],
            cost: self.costs.componentWork, then: done)
        },
        { done in
          _ = self.vmbus.setReaderMask(relid: relid, ringFromGuest: false, draining: true)
          self.kernel.emit(
            .call, .vmbusGuest, .storvsc,
            "\(self.words.beginRead); \(batch.count) completion(s) to drain",
            details: [.int("relid", Int(relid)), .int("interrupt_mask", 1)],
            cost: self.costs.kernelCall, then: done)
        },
        { done in self.runs(of: batch, from: 0, relid: relid, phase: .complete, then: done) },
        { done in
          let left = self.vmbus.setReaderMask(relid: relid, ringFromGuest: false, draining: false)
          self.kernel.emit(
            .stateNote, .storvsc, .storvsc,
            "\(self.words.endRead); transaction ids \(firstID)…\(firstID + UInt64(batch.count) - 1) complete",
            details: [.int("interrupt_mask", 0), .int("bytes_to_read", left)],
            cost: self.costs.componentWork, then: done)
        },
      ], then: next)
  }

  private enum BatchPhase { case submit, serve, complete }

  /// Runs the phase for `batch[start...]`, one repeat group per run of equally sized SRBs.
  private func runs(
    of batch: [SCSIRequest], from start: Int, relid: UInt32, phase: BatchPhase,
    then next: @escaping Continuation
  ) {
    guard start < batch.count else { return next() }
    var end = start + 1
    while end < batch.count, batch[end].byteCount == batch[start].byteCount { end += 1 }
    let count = end - start
    let size = batch[start].byteCount
    let label: Phrase
    let body: (Int, @escaping Continuation) -> Void
    let fastForward: (Int) -> Void
    switch phase {
    case .submit:
      label = "for each further SRB of \(size) bytes"
      body = { index, done in self.submitSRB(batch[start + index], relid: relid, then: done) }
      fastForward = { skipped in
        let packets = batch[(start + 1)..<(start + 1 + skipped)].map { request in
          let packet = self.srbPacket(request, transactionID: self.storvsc.nextTransactionID)
          self.storvsc.pending.insert(self.storvsc.nextTransactionID)
          self.storvsc.nextTransactionID += 1
          return packet
        }
        self.vmbus.fastForwardWrites(relid, fromGuest: true, packets)
      }
    case .serve:
      label = "for each further SRB of \(size) bytes"
      body = { _, done in self.serveSRB(relid: relid, then: done) }
      fastForward = { skipped in
        let consumed = self.vmbus.fastForwardReads(relid, fromGuest: true, skipped)
        let completions = consumed.map { self.completionPacket(for: $0.transactionID) }
        self.vmbus.fastForwardWrites(relid, fromGuest: false, completions)
      }
    case .complete:
      label = "for each completion of an SRB of \(size) bytes"
      body = { _, done in self.receiveSRBCompletion(relid: relid, then: done) }
      fastForward = { skipped in
        let consumed = self.vmbus.fastForwardReads(relid, fromGuest: false, skipped)
        for packet in consumed { self.complete(packet.transactionID) }
      }
    }
    kernel.loop(count, label, fastForward: fastForward, body: body) {
      self.runs(of: batch, from: end, relid: relid, phase: phase, then: next)
    }
  }

  private func srbPacket(_ request: SCSIRequest, transactionID: UInt64) -> VMBusPacket {
    VMBusPacket(
      type: .dataUsingGPADirect, flags: VMBusPacket.completionRequested,
      transactionID: transactionID, pfnCount: request.pageCount,
      rangeByteCount: request.byteCount, payloadLength: vstorPacketSize,
      payload: .vstor(VStorPacket(operation: .executeSRB, request: request)))
  }

  private func completionPacket(for transactionID: UInt64) -> VMBusPacket {
    VMBusPacket(
      type: .completion, flags: 0, transactionID: transactionID, payloadLength: vstorPacketSize,
      payload: .vstor(VStorPacket(operation: .completeIO)))
  }

  /// storvsc puts one SRB on the ring: `VM_PKT_DATA_USING_GPA_DIRECT` listing the buffer's guest
  /// page frames (the data is not copied into the ring), completion requested.
  private func submitSRB(_ request: SCSIRequest, relid: UInt32, then next: @escaping Continuation) {
    let transactionID = storvsc.nextTransactionID
    storvsc.nextTransactionID += 1
    storvsc.pending.insert(transactionID)
    let packet = srbPacket(request, transactionID: transactionID)
    let command = "\(request.cdbName) LBA \(request.lba), \(request.byteCount) bytes"
    kernel.run(
      [
        { done in
          self.kernel.emit(
            .call, .storvsc, .vmbusGuest, "\(self.words.sendPacketWithPages): EXECUTE_SRB \(command)",
            operation: VStorOperation.executeSRB.identifier, cost: self.costs.kernelCall,
            then: done)
        },
        { done in
          self.vmbus.sendPacket(
            packet, relid: relid, fromGuest: true,
            "EXECUTE_SRB \(command) as GPA ranges of \(request.pageCount) guest page(s)",
            operation: VStorOperation.executeSRB.identifier,
            details: [
              .hex("cdb", UInt64(request.cdbOpcode), digits: 2), .int("lba", request.lba),
              .int("data_transfer_length", request.byteCount), .int("pfns", request.pageCount),
            ], then: done)
        },
      ], then: next)
  }

  /// storvsp takes one SRB, runs it through the root storage stack on the mapped guest pages, and
  /// answers with `VM_PKT_COMP` / `VSTOR_OPERATION_COMPLETE_IO`.
  private func serveSRB(relid: UInt32, then next: @escaping Continuation) {
    guard let read = vmbus.receivePacket(relid: relid, fromGuestRing: true),
      let vstor = read.packet.payload.vstor, let request = vstor.request
    else { return next() }
    let transactionID = read.packet.transactionID
    let verb: Phrase = request.isWrite ? "write" : "read"
    kernel.count(.vspRequestsServed)
    kernel.run(
      [
        { done in
          self.kernel.emit(
            .call, .storvsp, .storageStack,
            "trans_id \(transactionID): \(request.cdbName) → \(verb) \(request.byteCount) bytes at LBA \(request.lba) on the VHDX, straight from the guest's pages",
            operation: VStorOperation.executeSRB.identifier,
            details: [
              .int("trans_id", Int(transactionID)), .int("read_index", read.newReadIndex),
              .int("lba", request.lba), .int("bytes", request.byteCount),
            ], cost: self.costs.storageStack, then: done)
        },
        { done in
          self.diskAccess(
            isWrite: request.isWrite, bytes: request.byteCount, caller: .storvsp, then: done)
        },
        { done in
          self.kernel.emit(
            .call, .storvsp, .vmbusRoot,
            "vmbus_sendpacket(VM_PKT_COMP): trans_id \(transactionID) complete",
            operation: VStorOperation.completeIO.identifier, cost: self.costs.kernelCall,
            then: done)
        },
        { done in
          self.vmbus.sendPacket(
            self.completionPacket(for: transactionID), relid: relid, fromGuest: false,
            "COMPLETE_IO for trans_id \(transactionID): SRB_STATUS_SUCCESS",
            operation: VStorOperation.completeIO.identifier,
            details: [.hex("srb_status", 0x01, digits: 2)], then: done)
        },
      ], then: next)
  }

  /// The guest takes one completion off its inbound ring and finishes the matching request.
  private func receiveSRBCompletion(relid: UInt32, then next: @escaping Continuation) {
    guard let read = vmbus.receivePacket(relid: relid, fromGuestRing: false) else { return next() }
    let transactionID = read.packet.transactionID
    complete(transactionID)
    kernel.emit(
      .stateNote, .storvsc, .storvsc,
      "\(words.storvscCallback): trans_id \(transactionID) matches an outstanding SRB; request done",
      message: VMBusPacketType.completion.identifier,
      operation: VStorOperation.completeIO.identifier,
      details: [.int("trans_id", Int(transactionID)), .int("read_index", read.newReadIndex)],
      cost: costs.kernelCall, then: next)
  }

  /// Whole batches that were not executed: every SRB went out and came back, so both rings moved
  /// by the batch's bytes and storvsc's counters advanced.
  private func fastForwardBatches(_ count: Int, relid: UInt32, depth: Int) {
    let request = SCSIRequest(isWrite: true, lba: 0, byteCount: StorVSCModel.maxTransferBytes)
    let packetBytes = srbPacket(request, transactionID: 0).ringBytes
    let completionBytes = completionPacket(for: 0).ringBytes
    vmbus.fastForwardPassThrough(
      relid, fromGuest: true, packetBytes: packetBytes, count: count * depth)
    vmbus.fastForwardPassThrough(
      relid, fromGuest: false, packetBytes: completionBytes, count: count * depth)
    storvsc.nextTransactionID += UInt64(count * depth)
    storvsc.completed += count * depth
  }
}
