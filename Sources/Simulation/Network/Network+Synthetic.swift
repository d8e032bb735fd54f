import HVHostModel
import HVSimKernel
import HVTrace
import HVVMBus

/// Frames on the synthetic adapter (Linux `netvsc_send`, `netvsc_receive`; fact sources in
/// `docs/SIMULATION.md`, "Network").
///
/// Send: netvsc copies each frame with its 44-byte RNDIS header into a 6144-byte section of the
/// send buffer, packing as many as fit (at most 8, `max_pkt`), and sends one
/// `NVSP_MSG1_TYPE_SEND_RNDIS_PKT` per section as `VM_PKT_DATA_INBAND`: the frames are not in
/// the ring, only the section's number. Up to ``sendWindow`` messages go out back to back before
/// the switch drains them, so only the first of a batch finds the ring empty and signals.
///
/// Receive: the switch copies each frame into a section of the guest's receive buffer and
/// indicates up to ``receiveBatch`` of them in one `VM_PKT_DATA_USING_XFER_PAGES` (one range
/// per frame); netvsc hands them up and answers `VM_PKT_COMP` with
/// `NVSP_MSG1_TYPE_SEND_RNDIS_PKT_COMPLETE`.
extension Network {
  /// Messages netvsc writes before the switch drains them. **Model assumption**, like storvsc's
  /// queue depth: Linux stops its queue only below 10 % free ring space.
  package static let sendWindow = 32
  /// Frames per transfer-page packet. **Model assumption**: Windows' batching is not public
  /// (Microsoft's OpenVMM NetVSP allows up to 375).
  package static let receiveBatch = 32

  /// Frames one send-buffer section holds: `(bytes + 44)` rounded up to 8, at most 8 frames.
  static func framesPerSection(_ bytes: Int) -> Int {
    let slot =
      (bytes + RNDIS.packetHeaderSize + RNDIS.packetAlignment - 1)
      / RNDIS.packetAlignment * RNDIS.packetAlignment
    return max(1, min(RNDIS.maxPacketsPerMessage, NetVSCBuffers.sendSectionBytes / slot))
  }

  func syntheticSend(count: Int, bytes: Int, then next: @escaping Continuation) {
    guard netvsc.phase == .ready, let relid = netvsc.relid else {
      return notReady("send", then: next)
    }
    let perSection = Self.framesPerSection(bytes)
    let messages = (count + perSection - 1) / perSection
    let lastFrames = count - (messages - 1) * perSection
    let fullBatches =
      lastFrames == perSection ? messages / Self.sendWindow : (messages - 1) / Self.sendWindow
    kernel.run(
      [
        { done in
          self.kernel.emit(
            .call, .guestApp, .netvsc,
            "send \(count) frame(s) of \(bytes) bytes: \(perSection) per send-buffer section → \(messages) NVSP message(s)",
            details: [.int("frames", count), .int("bytes", bytes), .int("messages", messages)],
            cost: self.costs.userToKernel, then: done)
        },
        { done in
          self.kernel.loop(
            fullBatches, "for each batch of \(Self.sendWindow) messages of \(perSection) frame(s)",
            timers: true,
            fastForward: { skipped in
              self.fastForwardSends(skipped * Self.sendWindow, perSection, bytes, relid: relid)
            },
            body: { _, iterationDone in
              self.sendBatch(
                Array(repeating: perSection, count: Self.sendWindow), bytes: bytes, relid: relid,
                then: iterationDone)
            }, then: done)
        },
        { done in
          let rest = messages - fullBatches * Self.sendWindow
          guard rest > 0 else { return done() }
          let frames = Array(repeating: perSection, count: rest - 1) + [lastFrames]
          self.sendBatch(frames, bytes: bytes, relid: relid, then: done)
        },
      ]
    ) {
      self.netvsc.framesSent += count
      self.kernel.count(.framesSent, count)
      next()
    }
  }

  private func sendPacket(frames: Int, section: Int, bytes: Int, transactionID: UInt64)
    -> VMBusPacket
  {
    VMBusPacket(
      type: .dataInband, flags: VMBusPacket.completionRequested, transactionID: transactionID,
      payloadLength: (netvsc.version ?? .v61).messageSize,
      payload: .nvsp(NVSPMessage(.rndisData(section: section, bytes: bytes), frames: frames)))
  }

  private func sendCompletion(transactionID: UInt64) -> VMBusPacket {
    VMBusPacket(
      type: .completion, flags: 0, transactionID: transactionID,
      payloadLength: (netvsc.version ?? .v61).messageSize,
      payload: .nvsp(NVSPMessage(.rndisComplete)))
  }

  /// One batch: netvsc writes every message, the switch drains and forwards them, then netvsc
  /// drains the completions. `frames[i]` frames travel in message `i`; all but the last carry
  /// the same number. Only the first packet each way finds its ring empty and signals; the
  /// others are compressed repeats.
  private func sendBatch(
    _ frames: [Int], bytes: Int, relid: UInt32, then next: @escaping Continuation
  ) {
    let total = frames.reduce(0, +)
    let uniform = frames.count - 1
    let last = frames[frames.count - 1]
    kernel.run(
      [
        { done in
          guard uniform > 0 else { return done() }
          self.writeSendMessage(frames: frames[0], bytes: bytes, index: 0, relid: relid, then: done)
        },
        { done in
          self.kernel.loop(
            max(0, uniform - 1), "for each further message of \(frames[0]) frame(s)",
            fastForward: { skipped in
              // The skipped messages are the loop's later ones: sections 2… of the batch.
              let packets = (0..<skipped).map { offset in
                let id = self.netvsc.nextTransactionID
                self.netvsc.nextTransactionID += 1
                return self.sendPacket(
                  frames: frames[0], section: uniform - skipped + offset,
                  bytes: frames[0] * (bytes + RNDIS.packetHeaderSize), transactionID: id)
              }
              self.vmbus.fastForwardWrites(relid, fromGuest: true, packets)
            },
            body: { index, iterationDone in
              self.writeSendMessage(
                frames: frames[0], bytes: bytes, index: index + 1, relid: relid,
                then: iterationDone)
            }, then: done)
        },
        { done in
          self.writeSendMessage(
            frames: last, bytes: bytes, index: frames.count - 1, relid: relid, then: done)
        },
        { done in
          _ = self.vmbus.setReaderMask(relid: relid, ringFromGuest: true, draining: true)
          self.kernel.emit(
            .call, .vmbusRoot, .vmswitch,
            "channel callback: hv_begin_read; \(frames.count) NVSP message(s) to drain",
            details: [.int("relid", Int(relid)), .int("interrupt_mask", 1)],
            cost: self.costs.kernelCall, then: done)
        },
        { done in
          self.kernel.loop(
            frames.count, "for each message",
            fastForward: { skipped in
              let read = self.vmbus.fastForwardReads(relid, fromGuest: true, skipped)
              self.toComplete += read.map(\.transactionID)
            },
            body: { _, iterationDone in self.serveSendMessage(relid: relid, then: iterationDone) },
            then: done)
        },
        { done in
          _ = self.vmbus.setReaderMask(relid: relid, ringFromGuest: true, draining: false)
          self.kernel.count(.vswitchFrames, total)
          self.kernel.emit(
            .call, .vmswitch, .vmswitch,
            "vmswitch forwards \(total) frame(s) to the external port (MAC and VLAN lookup, extensions)",
            details: [.int("frames", total)], cost: total * self.costs.vswitchPerFrame, then: done)
        },
        { done in self.wire(total, bytes: bytes, sending: true, then: done) },
        { done in self.completeSend(relid: relid, then: done) },
        { done in
          self.kernel.loop(
            frames.count - 1, "for each further completion",
            fastForward: { skipped in
              let ids = self.toComplete.prefix(skipped)
              self.toComplete.removeFirst(ids.count)
              self.vmbus.fastForwardWrites(
                relid, fromGuest: false, ids.map { self.sendCompletion(transactionID: $0) })
            },
            body: { _, iterationDone in self.completeSend(relid: relid, then: iterationDone) },
            then: done)
        },
        { done in
          _ = self.vmbus.setReaderMask(relid: relid, ringFromGuest: false, draining: true)
          let reads = frames.map { _ in self.vmbus.receivePacket(relid: relid, fromGuestRing: false)
          }
          let left = self.vmbus.setReaderMask(relid: relid, ringFromGuest: false, draining: false)
          self.kernel.emit(
            .call, .vmbusGuest, .netvsc,
            "\(self.words.netvscSendComplete): \(frames.count) send completion(s); their sections are free again",
            message: VMBusPacketType.completion.identifier,
            operation: NVSPMessageType.sendRNDISPacketComplete.identifier,
            details: [
              .int("completions", reads.compactMap { $0 }.count), .int("bytes_to_read", left),
            ], cost: self.costs.kernelCall * frames.count, then: done)
        },
      ], then: next)
  }

  /// The switch completes the oldest message it read.
  private func completeSend(relid: UInt32, then next: @escaping Continuation) {
    let id = toComplete.isEmpty ? 0 : toComplete.removeFirst()
    vmbus.sendPacket(
      sendCompletion(transactionID: id), relid: relid, fromGuest: false,
      "NetVSP completes trans_id \(id): NVSP_STAT_SUCCESS",
      operation: NVSPMessageType.sendRNDISPacketComplete.identifier,
      details: [.int("status", 1)], then: next)
  }

  private func writeSendMessage(
    frames: Int, bytes: Int, index: Int, relid: UInt32, then next: @escaping Continuation
  ) {
    let id = netvsc.nextTransactionID
    netvsc.nextTransactionID += 1
    let copied = frames * (bytes + RNDIS.packetHeaderSize)
    kernel.run(
      [
        { done in
          self.kernel.emit(
            .call, .netvsc, .vmbusGuest,
            "\(self.words.netvscSend): copy \(frames) frame(s) with RNDIS headers into send section \(index)",
            operation: NVSPMessageType.sendRNDISPacket.identifier,
            details: [
              .int("send_buf_section_index", index), .int("send_buf_section_size", copied),
            ],
            bytes: copied, cost: self.costs.kernelCall + self.costs.copy(bytes: copied),
            then: done)
        },
        { done in
          self.vmbus.sendPacket(
            self.sendPacket(frames: frames, section: index, bytes: copied, transactionID: id),
            relid: relid, fromGuest: true,
            "SEND_RNDIS_PKT: \(frames) frame(s) in send section \(index)",
            operation: NVSPMessageType.sendRNDISPacket.identifier,
            details: [
              .int("channel_type", 0), .int("send_buf_section_index", index),
              .int("send_buf_section_size", copied),
            ], then: done)
        },
      ], then: next)
  }

  private func serveSendMessage(relid: UInt32, then next: @escaping Continuation) {
    let read = vmbus.receivePacket(relid: relid, fromGuestRing: true)
    let frames = read?.packet.payload.nvsp?.frames ?? 0
    if let id = read?.packet.transactionID { toComplete.append(id) }
    kernel.emit(
      .call, .vmswitch, .vmswitch,
      "NetVSP reads SEND_RNDIS_PKT trans_id \(read?.packet.transactionID ?? 0): \(frames) frame(s) from the mapped send section",
      operation: NVSPMessageType.sendRNDISPacket.identifier,
      details: [.int("read_index", read?.newReadIndex ?? 0), .int("frames", frames)],
      cost: costs.vspProcessing, then: next)
  }

  /// Skipped whole batches: each message went out and its completion came back.
  private func fastForwardSends(_ messages: Int, _ perSection: Int, _ bytes: Int, relid: UInt32) {
    let request = sendPacket(frames: perSection, section: 0, bytes: 0, transactionID: 0).ringBytes
    let completion = sendCompletion(transactionID: 0).ringBytes
    vmbus.fastForwardPassThrough(relid, fromGuest: true, packetBytes: request, count: messages)
    vmbus.fastForwardPassThrough(relid, fromGuest: false, packetBytes: completion, count: messages)
    netvsc.nextTransactionID += UInt64(messages)
  }

  func syntheticReceive(count: Int, bytes: Int, then next: @escaping Continuation) {
    guard netvsc.phase == .ready, let relid = netvsc.relid else {
      return notReady("receive", then: next)
    }
    let packets = (count + Self.receiveBatch - 1) / Self.receiveBatch
    let lastFrames = count - (packets - 1) * Self.receiveBatch
    let full = lastFrames == Self.receiveBatch ? packets : packets - 1
    kernel.run(
      [
        { done in self.wire(count, bytes: bytes, sending: false, then: done) },
        { done in
          self.kernel.loop(
            full, "for each transfer-page packet of \(Self.receiveBatch) frames", timers: true,
            fastForward: { skipped in
              self.fastForwardReceives(skipped, frames: Self.receiveBatch, relid: relid)
            },
            body: { _, iterationDone in
              self.receiveBatch(Self.receiveBatch, bytes: bytes, relid: relid, then: iterationDone)
            }, then: done)
        },
        { done in
          guard full < packets else { return done() }
          self.receiveBatch(lastFrames, bytes: bytes, relid: relid, then: done)
        },
      ]
    ) {
      self.netvsc.framesReceived += count
      self.kernel.count(.framesReceived, count)
      next()
    }
  }

  private func transferPagePacket(frames: Int, bytes: Int, transactionID: UInt64) -> VMBusPacket {
    VMBusPacket(
      type: .dataUsingTransferPages, flags: VMBusPacket.completionRequested,
      transactionID: transactionID, pfnCount: frames,
      rangeByteCount: bytes + RNDIS.packetHeaderSize,
      transferPageSet: UInt16(NetVSCBuffers.receiveBufferID),
      rangeStride: NetVSCBuffers.receiveSectionBytes,
      payloadLength: (netvsc.version ?? .v61).messageSize,
      payload: .nvsp(NVSPMessage(.rndisReceive, frames: frames)))
  }

  private func receiveCompletion(transactionID: UInt64) -> VMBusPacket {
    VMBusPacket(
      type: .completion, flags: 0, transactionID: transactionID, payloadLength: 8,
      payload: .nvsp(NVSPMessage(.rndisComplete)))
  }

  /// The switch indicates `frames` frames in one transfer-page packet; netvsc delivers them and
  /// completes the packet, which frees the receive sections.
  private func receiveBatch(
    _ frames: Int, bytes: Int, relid: UInt32, then next: @escaping Continuation
  ) {
    let id = nextSwitchTransactionID
    nextSwitchTransactionID += 1
    let copied = frames * (bytes + RNDIS.packetHeaderSize)
    kernel.run(
      [
        { done in
          self.kernel.count(.vswitchFrames, frames)
          self.kernel.emit(
            .call, .vmswitch, .vmswitch,
            "vmswitch: \(frames) frame(s) for this port; copy each with its RNDIS header into a receive-buffer section",
            details: [
              .int("frames", frames), .int("section_size", NetVSCBuffers.receiveSectionBytes),
            ],
            bytes: copied,
            cost: frames * self.costs.vswitchPerFrame + self.costs.copy(bytes: copied), then: done)
        },
        { done in
          self.vmbus.sendPacket(
            self.transferPagePacket(frames: frames, bytes: bytes, transactionID: id), relid: relid,
            fromGuest: false,
            "SEND_RNDIS_PKT: \(frames) frame(s) as ranges of transfer page set \(DetailValue.hexString(UInt64(NetVSCBuffers.receiveBufferID), digits: 0))",
            operation: NVSPMessageType.sendRNDISPacket.identifier,
            details: [
              .hex("xfer_pageset_id", UInt64(NetVSCBuffers.receiveBufferID), digits: 4),
              .int("range_cnt", frames),
            ], then: done)
        },
        { done in
          _ = self.vmbus.setReaderMask(relid: relid, ringFromGuest: false, draining: true)
          let read = self.vmbus.receivePacket(relid: relid, fromGuestRing: false)
          self.kernel.emit(
            .call, .vmbusGuest, .netvsc,
            "\(self.words.netvscIndicateReceive): \(frames) RNDIS packet(s) from the receive buffer up the network stack",
            operation: NVSPMessageType.sendRNDISPacket.identifier,
            details: [.int("read_index", read?.newReadIndex ?? 0), .int("frames", frames)],
            cost: self.costs.kernelCall * frames, then: done)
        },
        { done in
          self.vmbus.sendPacket(
            self.receiveCompletion(transactionID: id), relid: relid, fromGuest: true,
            "RNDIS_PKT_COMPLETE for trans_id \(id): the sections may be reused",
            operation: NVSPMessageType.sendRNDISPacketComplete.identifier,
            details: [.int("status", 1)], then: done)
        },
        { done in
          _ = self.vmbus.setReaderMask(relid: relid, ringFromGuest: false, draining: false)
          _ = self.vmbus.setReaderMask(relid: relid, ringFromGuest: true, draining: true)
          let read = self.vmbus.receivePacket(relid: relid, fromGuestRing: true)
          _ = self.vmbus.setReaderMask(relid: relid, ringFromGuest: true, draining: false)
          self.kernel.emit(
            .stateNote, .vmswitch, .vmswitch,
            "the switch takes the completion: \(frames) receive section(s) free",
            details: [.int("read_index", read?.newReadIndex ?? 0)],
            cost: self.costs.componentWork, then: done)
        },
      ], then: next)
  }

  private func fastForwardReceives(_ packets: Int, frames: Int, relid: UInt32) {
    let indication = transferPagePacket(frames: frames, bytes: 0, transactionID: 0).ringBytes
    let completion = receiveCompletion(transactionID: 0).ringBytes
    vmbus.fastForwardPassThrough(relid, fromGuest: false, packetBytes: indication, count: packets)
    vmbus.fastForwardPassThrough(relid, fromGuest: true, packetBytes: completion, count: packets)
    nextSwitchTransactionID += UInt64(packets)
  }
}
