import HVHostModel
import HVHypervisor
import HVSimKernel
import HVTrace

/// How VMBus moves things: control messages as SynIC messages, doorbells as SynIC events, data as
/// packets in shared-memory rings (fact sheet §0, §2.2, §3.1).
extension VMBus {
  /// Posts a VMBus control message: `HvCallPostMessage` (0x005C) by the sender, then the
  /// hypervisor copies it into the receiver's SynIC message slot for SINT2 (fact sheet §3.1, last
  /// paragraph). The root side using the same hypercall and SINT is a model assumption; the
  /// trace shows a connection id only for the guest's messages, whose ids the sources give.
  /// The direction is the message type's own (`isGuestToHost`), so no flow can post one backwards.
  package func postMessage(
    _ type: ChannelMessageType, _ label: Phrase, details: [Detail] = [],
    connectionID: UInt32? = nil, then next: @escaping Continuation
  ) {
    let fromGuest = type.isGuestToHost
    let sender: ActorID = fromGuest ? .vmbusGuest : .vmbusRoot
    let receiver: ActorID = fromGuest ? .vmbusRoot : .vmbusGuest
    let connection = connectionID ?? guest.messageConnectionID
    kernel.run(
      [
        { done in
          self.hypervisor.hypercall(
            .postMessage, from: sender, "post \(type.identifier) (\(type.rawValue))",
            details: fromGuest
              ? [.int("connection_id", Int(connection)), .int("msgtype", Int(type.rawValue))]
              : [.int("msgtype", Int(type.rawValue))], then: done)
        },
        { done in
          self.hypervisor.postSynICMessage(type.rawValue, toGuest: !fromGuest)
          self.kernel.emit(
            .vmbusMessage, .hypervisor, receiver, label, message: type.identifier,
            details: [.int("msgtype", Int(type.rawValue)), .int("sint", SynIC.vmbusSINT)] + details,
            cost: self.costs.synicMessage + self.costs.controlMessageHandling, then: done)
          self.hypervisor.consumeSynICMessage(toGuest: !fromGuest)
        },
      ], then: next)
  }

  /// Rings a channel's doorbell: `HvCallSignalEvent` (0x005D) with the channel's connection id,
  /// the hypervisor sets the relid's event flag in the receiver's SINT2 event page and interrupts
  /// it (fact sheet §2.2 steps 6b, 7 and 10).
  package func signalChannel(
    _ relid: UInt32, fromGuest: Bool, reason: Phrase, then next: @escaping Continuation
  ) {
    let sender: ActorID = fromGuest ? .vmbusGuest : .vmbusRoot
    let receiver: ActorID = fromGuest ? .vmbusRoot : .vmbusGuest
    let offer = channels[Int(relid) - 1].offer
    if fromGuest && offer.monitorAllocated {
      return signalThroughMonitorPage(offer, reason: reason, then: next)
    }
    // WS2008 (VMBus 0.13) hosts signal every channel through VMBUS_EVENT_CONNECTION_ID.
    let connection =
      guest.version == .ws2008 ? VMBusConnectionID.event : offer.connectionID
    kernel.run(
      [
        { done in
          self.hypervisor.hypercall(
            .signalEvent, from: sender,
            fromGuest ? "signal the host: \(reason)" : "signal the guest: \(reason)",
            details: [
              .hex("connection_id", UInt64(connection), digits: 4), .int("relid", Int(relid)),
            ], then: done)
        },
        { done in
          self.eventFlagInterrupt(
            relid, to: receiver, toGuest: !fromGuest, "SINT2 interrupt: event flag \(relid) set",
            then: done)
        },
      ], then: next)
  }

  /// The hypervisor sets channel `relid`'s flag in the receiver's SINT2 event page and interrupts
  /// it; `delay` is how long the signal waited before (the monitor page's scan window).
  private func eventFlagInterrupt(
    _ relid: UInt32, to receiver: ActorID, toGuest: Bool, _ label: Phrase,
    details extra: [Detail] = [], delay: Int = 0, then next: @escaping Continuation
  ) {
    let flag = Int(relid)
    hypervisor.raiseEventFlag(flag, toGuest: toGuest)
    kernel.emit(
      .interrupt, .hypervisor, receiver, label,
      details: [.int("sint", SynIC.vmbusSINT), .int("event_flag", flag)] + extra,
      cost: delay + costs.interruptDelivery, then: next)
    hypervisor.clearEventFlag(flag, toGuest: toGuest)
  }

  /// `vmbus_setevent` for a channel offered with `monitor_allocated`: the guest sets the relid's
  /// bit in the shared interrupt page and its monitor bit in `trigger_group[group].pending` of
  /// monitor page 1 (child → parent), a plain memory write with no VM exit. The hypervisor scans
  /// the page and signals the host after the monitor latency window (fact sheet §2.2 step 6a, §9.5).
  private func signalThroughMonitorPage(
    _ offer: ChannelOffer, reason: Phrase, then next: @escaping Continuation
  ) {
    let group = Int(offer.monitorID) / 32, bit = Int(offer.monitorID) % 32
    kernel.run(
      [
        { done in
          self.kernel.emit(
            .stateNote, .vmbusGuest, .vmbusGuest,
            "signal the host through the monitor page (\(reason)): set bit \(bit) of trigger_group[\(group)].pending in monitor page 1; no hypercall, no VM exit",
            details: [
              .int("relid", Int(offer.relid)), .int("monitorid", Int(offer.monitorID)),
              .int("monitor_grp", group), .int("monitor_bit", bit),
            ], cost: self.costs.componentWork, then: done)
        },
        { done in
          self.eventFlagInterrupt(
            offer.relid, to: .vmbusRoot, toGuest: false,
            "the monitor scan finds the bit within its latency window: SINT2 interrupt, event flag \(offer.relid) set",
            details: [.int("monitor_latency_ns", self.costs.monitorLatency)],
            delay: self.costs.monitorLatency, then: done)
        },
      ], then: next)
  }

  /// Writes `packet` into the sender's ring of channel `relid` and signals the reader when
  /// `hv_signal_on_write` says so (fact sheet §2.2 steps 4–5).
  /// - Parameters:
  ///   - message: the event's protocol message; the packet type by default (an IC packet names
  ///     its `ICMSGTYPE_*` instead, contract §3).
  package func sendPacket(
    _ packet: VMBusPacket, relid: UInt32, fromGuest: Bool, _ label: Phrase,
    message: String? = nil, operation: String? = nil, flags: String? = nil,
    details extra: [Detail] = [], then next: @escaping Continuation
  ) {
    let index = Int(relid) - 1
    let channel = channels[index]
    if channel.state != .opened || channel.hostState != .open {
      kernel.report(
        .packetOnClosedChannel,
        "packet \(packet.type.identifier) on relid \(relid) while the channel is \(channel.state.rawValue)/\(channel.hostState.rawValue)"
      )
    }
    guard var ring = channel.sendRing(fromGuest: fromGuest), let result = ring.write(packet) else {
      kernel.report(
        .ringFull, "no room in the ring of relid \(relid) for \(packet.ringBytes) bytes")
      next()
      return
    }
    if fromGuest { channels[index].outbound = ring } else { channels[index].inbound = ring }
    kernel.count(.ringPacketsWritten)
    kernel.count(.ringBytesWritten, result.bytes)
    let details: [Detail] =
      [
        .int("relid", Int(relid)), .int("trans_id", Int(packet.transactionID)),
        .hex("type", UInt64(packet.type.rawValue), digits: 1),
        .int("len8", packet.alignedLength / 8),
      ] + extra + [
        .int("prev_write_index", result.oldWriteIndex), .int("write_index", result.newWriteIndex),
        .int("read_index", ring.readIndex), .int("ring_bytes", result.bytes),
        .int("ring_size", ring.dataSize),
        .flag("signal", result.signal), .phrase("signal_rule", result.reason),
      ]
    kernel.emit(
      .ringPacket, fromGuest ? .vmbusGuest : .vmbusRoot, fromGuest ? .vmbusRoot : .vmbusGuest,
      label, message: message ?? packet.type.identifier, operation: operation, flags: flags,
      details: details, bytes: result.bytes,
      wire: { packet.wireImage(previousWriteIndex: result.oldWriteIndex) },
      cost: costs.ringWrite(bytes: result.bytes)
    ) {
      if result.signal {
        self.signalChannel(relid, fromGuest: fromGuest, reason: result.reason, then: next)
      } else {
        next()
      }
    }
  }

  /// The reader side takes the oldest packet from the ring written by the other side.
  package func receivePacket(relid: UInt32, fromGuestRing: Bool) -> RingBuffer.ReadResult? {
    let index = Int(relid) - 1
    guard var ring = channels[index].sendRing(fromGuest: fromGuestRing) else { return nil }
    let result = ring.read()
    if fromGuestRing { channels[index].outbound = ring } else { channels[index].inbound = ring }
    if result == nil { kernel.report(.emptyRingRead, "read from an empty ring on relid \(relid)") }
    return result
  }

  /// `hv_begin_read` / `hv_end_read` on the ring the other side writes.
  package func setReaderMask(relid: UInt32, ringFromGuest: Bool, draining: Bool) -> Int {
    let index = Int(relid) - 1
    guard var ring = channels[index].sendRing(fromGuest: ringFromGuest) else { return 0 }
    var left = 0
    if draining { ring.beginRead() } else { left = ring.endRead() }
    if ringFromGuest { channels[index].outbound = ring } else { channels[index].inbound = ring }
    return left
  }
}
