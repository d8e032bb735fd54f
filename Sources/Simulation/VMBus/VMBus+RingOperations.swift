import HVSimKernel

/// Named operations on a channel's rings for the components that use the channel: the only
/// ways they can change a ring besides writing and reading packets through the transport.
extension VMBus {
  /// The ring the given side writes into.
  package func ring(_ relid: UInt32, fromGuest: Bool) -> RingBuffer? {
    channel(relid).sendRing(fromGuest: fromGuest)
  }

  /// The writer found no room: it sets `pending_send_sz` and waits for the reader's signal
  /// (fact sheet §2.2 flow control).
  package func requestSpace(_ relid: UInt32, fromGuest: Bool, bytes: Int) {
    change(relid, fromGuest: fromGuest) { $0.requestSpace(bytes) }
  }

  /// A compressed repeat skipped `packets` writes that stay in the ring.
  package func fastForwardWrites(_ relid: UInt32, fromGuest: Bool, _ packets: [VMBusPacket]) {
    change(relid, fromGuest: fromGuest) { $0.fastForwardWrites(packets) }
  }

  /// A compressed repeat skipped `count` reads; returns the packets they took.
  package func fastForwardReads(_ relid: UInt32, fromGuest: Bool, _ count: Int) -> [VMBusPacket] {
    change(relid, fromGuest: fromGuest) { $0.fastForwardReads(count) } ?? []
  }

  /// A compressed repeat skipped `count` packets of `packetBytes` written and read again.
  package func fastForwardPassThrough(
    _ relid: UInt32, fromGuest: Bool, packetBytes: Int, count: Int
  ) {
    change(relid, fromGuest: fromGuest) {
      $0.fastForwardPassThrough(packetBytes: packetBytes, count: count)
    }
  }

  @discardableResult
  private func change<T>(_ relid: UInt32, fromGuest: Bool, _ body: (inout RingBuffer) -> T) -> T? {
    let index = Int(relid) - 1
    if fromGuest {
      guard channels[index].outbound != nil else { return nil }
      return body(&channels[index].outbound!)
    }
    guard channels[index].inbound != nil else { return nil }
    return body(&channels[index].inbound!)
  }
}
