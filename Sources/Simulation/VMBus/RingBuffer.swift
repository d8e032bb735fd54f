import HVTrace
import HVHostModel
import HVSimKernel

/// One direction of a VMBus channel: `struct hv_ring_buffer` in shared memory (fact sheet §2.2).
///
/// The header page holds `write_index` (producer), `read_index` (consumer), `interrupt_mask`
/// (consumer sets 1 while draining), `pending_send_sz` (a blocked producer's request) and
/// `feature_bits` (bit 0 `feat_pending_send_sz`); data starts at 4096. Indices are byte offsets into
/// the data area and wrap. A packet is 8-byte aligned and followed by an 8-byte trailer holding the
/// previous write index. Free space follows `hv_get_bytes_to_read/_write`; a write needs strictly
/// more free bytes than it writes (`hv_ringbuffer_write`), so a full ring is never mistaken for an
/// empty one.
package struct RingBuffer: Sendable, Hashable {
  package static let headerSize = 4096
  package static let trailerSize = 8

  /// Bytes of the data area (`ring_datasize`): the ring's pages minus the header page.
  package let dataSize: Int
  package private(set) var writeIndex: Int
  package private(set) var readIndex: Int
  package var interruptMask: UInt32 = 0
  package private(set) var pendingSendSize = 0
  package var supportsPendingSendSize = true
  /// Packets written and not yet read, oldest first.
  package private(set) var queued: [VMBusPacket] = []
  package private(set) var totalBytesWritten = 0
  package private(set) var totalBytesRead = 0
  package private(set) var packetsWritten = 0
  package private(set) var packetsRead = 0

  /// - Parameters:
  ///   - pages: pages of the whole ring, header page included (Linux `hv_ringbuffer_init`).
  ///   - startOffset: where both indices start (an empty ring after earlier traffic).
  package init(pages: Int, startOffset: Int = 0) {
    precondition(pages >= 2, "a ring needs a header page and data")
    dataSize = (pages - 1) * 4096
    precondition(startOffset % 8 == 0 && startOffset >= 0 && startOffset < dataSize)
    writeIndex = startOffset
    readIndex = startOffset
  }

  /// `hv_get_bytes_to_read`.
  package var bytesToRead: Int {
    writeIndex >= readIndex ? writeIndex - readIndex : dataSize - readIndex + writeIndex
  }

  /// `hv_get_bytes_to_write`.
  package var bytesToWrite: Int {
    writeIndex >= readIndex ? dataSize - (writeIndex - readIndex) : readIndex - writeIndex
  }

  package var isEmpty: Bool { writeIndex == readIndex }

  /// The outcome of a write, with the signalling decision of `hv_signal_on_write`.
  package struct WriteResult: Sendable, Hashable {
    package var oldWriteIndex: Int
    package var newWriteIndex: Int
    package var bytes: Int
    package var wrapped: Bool
    /// True when the writer must signal the reader.
    package var signal: Bool
    /// The reader's `interrupt_mask` at the time of the decision.
    package var readerMask: UInt32
    /// Why (not) signal, in the words of the rule.
    package var reason: Phrase
  }

  /// Writes `packet` (`hv_ringbuffer_write`).
  /// - Returns: nil when the ring has no room; the writer then sets ``pendingSendSize`` and waits.
  package mutating func write(_ packet: VMBusPacket) -> WriteResult? {
    let bytes = packet.ringBytes
    guard bytesToWrite > bytes else { return nil }
    let old = writeIndex
    writeIndex = (writeIndex + bytes) % dataSize
    queued.append(packet)
    totalBytesWritten += bytes
    packetsWritten += 1
    pendingSendSize = 0
    // hv_signal_on_write: no signal while the reader drains; otherwise only on empty → non-empty.
    let signal: Bool, reason: Phrase
    if interruptMask != 0 {
      (signal, reason) = (false, "reader is draining (interrupt_mask = 1)")
    } else if old == readIndex {
      (signal, reason) = (true, "ring was empty and the reader's interrupt_mask = 0")
    } else {
      (signal, reason) = (false, "ring was not empty: the reader has not caught up yet")
    }
    return WriteResult(
      oldWriteIndex: old, newWriteIndex: writeIndex, bytes: bytes,
      wrapped: old + bytes > dataSize, signal: signal, readerMask: interruptMask, reason: reason)
  }

  /// A writer that found no room asks to be signalled when `bytes` are free (`pending_send_sz`).
  package mutating func requestSpace(_ bytes: Int) {
    precondition(supportsPendingSendSize, "feat_pending_send_sz not negotiated")
    pendingSendSize = bytes
  }

  /// `hv_begin_read`: the reader masks interrupts while it drains.
  package mutating func beginRead() { interruptMask = 1 }

  /// The outcome of reading one packet.
  package struct ReadResult: Sendable, Hashable {
    package var packet: VMBusPacket
    package var oldReadIndex: Int
    package var newReadIndex: Int
    /// True when the read freed enough space for a blocked writer (`hv_pkt_iter_close`).
    package var signalWriter: Bool
  }

  /// Reads the oldest packet and advances `read_index`.
  package mutating func read() -> ReadResult? {
    guard !queued.isEmpty else { return nil }
    let packet = queued.removeFirst()
    let bytes = packet.ringBytes
    precondition(bytes <= bytesToRead, "the reader would pass the writer")
    let old = readIndex
    readIndex = (readIndex + bytes) % dataSize
    totalBytesRead += bytes
    packetsRead += 1
    var signalWriter = false
    if supportsPendingSendSize, pendingSendSize > 0 {
      let now = bytesToWrite
      signalWriter = now > pendingSendSize && now - bytes <= pendingSendSize
    }
    return ReadResult(
      packet: packet, oldReadIndex: old, newReadIndex: readIndex, signalWriter: signalWriter)
  }

  /// `hv_end_read`: unmask, then report what raced in meanwhile (the reader must drain it).
  package mutating func endRead() -> Int {
    interruptMask = 0
    return bytesToRead
  }

  /// Applies more writes without executing them: the compressed form of a repeat group.
  mutating func fastForwardWrites(_ packets: [VMBusPacket]) {
    guard !packets.isEmpty else { return }
    let bytes = packets.reduce(0) { $0 + $1.ringBytes }
    precondition(bytesToWrite > bytes, "a compressed write run must fit in the ring")
    queued.append(contentsOf: packets)
    writeIndex = (writeIndex + bytes) % dataSize
    totalBytesWritten += bytes
    packetsWritten += packets.count
    pendingSendSize = 0
  }

  /// Applies `count` packets of `packetBytes` each that were written and read back without
  /// executing them (whole compressed batches): both indices move, the ring stays as full as it was.
  mutating func fastForwardPassThrough(packetBytes: Int, count: Int) {
    guard count > 0 else { return }
    let bytes = packetBytes * count
    writeIndex = (writeIndex + bytes) % dataSize
    readIndex = (readIndex + bytes) % dataSize
    totalBytesWritten += bytes
    totalBytesRead += bytes
    packetsWritten += count
    packetsRead += count
  }

  /// Applies `count` more reads without executing them; returns the packets they consumed.
  @discardableResult
  mutating func fastForwardReads(_ count: Int) -> [VMBusPacket] {
    guard count > 0 else { return [] }
    precondition(queued.count >= count, "a compressed read run needs its packets")
    let consumed = Array(queued.prefix(count))
    queued.removeFirst(count)
    let bytes = consumed.reduce(0) { $0 + $1.ringBytes }
    readIndex = (readIndex + bytes) % dataSize
    totalBytesRead += bytes
    packetsRead += count
    return consumed
  }

  /// Problems with the header's invariants, empty when consistent (checked after every event).
  package func invariantViolations(name: String) -> [String] {
    var problems: [String] = []
    if writeIndex < 0 || writeIndex >= dataSize || writeIndex % 8 != 0 {
      problems.append("\(name): write_index \(writeIndex) outside the data area or unaligned")
    }
    if readIndex < 0 || readIndex >= dataSize || readIndex % 8 != 0 {
      problems.append("\(name): read_index \(readIndex) outside the data area or unaligned")
    }
    if bytesToWrite <= 0 { problems.append("\(name): no free space (\(bytesToWrite))") }
    if bytesToRead + bytesToWrite != dataSize {
      problems.append("\(name): free + used ≠ ring size")
    }
    if totalBytesWritten - totalBytesRead != bytesToRead {
      problems.append(
        "\(name): indices crossed (written \(totalBytesWritten) − read \(totalBytesRead) ≠ \(bytesToRead))"
      )
    }
    if queued.reduce(0, { $0 + $1.ringBytes }) != bytesToRead {
      problems.append("\(name): queued packets do not match bytes to read")
    }
    return problems
  }
}
