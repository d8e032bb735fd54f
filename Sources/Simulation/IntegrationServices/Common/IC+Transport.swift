import HVHostModel
import HVSimKernel
import HVStorage
import HVTrace
import HVVMBus

/// How an Integration Service message travels (fact sheet §4.2–4.3): the host component writes a
/// request into the channel's host→guest ring (`VM_PKT_DATA_INBAND`, 28-byte header, icflags
/// TRANSACTION|REQUEST); the guest's `hv_utils` callback reads it and answers in the same buffer
/// with TRANSACTION|RESPONSE and a status; the host reads the answer.
extension IntegrationServices {
  /// What became of a request.
  enum ICOutcome {
    /// The guest answered.
    case answered(ICMessage)
    /// Written, but the guest is hung: the request waits in the ring.
    case unanswered
    /// The ring had no room: the host set `pending_send_sz` and waits for the guest's signal.
    case blocked
  }

  /// A new request from the host: the next `requestid`, its low byte as `ictransaction_id`.
  func makeRequest(
    _ service: IntegrationService, type: ICMessageType, payload: ICPayload, size: Int
  ) -> (message: ICMessage, requestID: UInt64) {
    let requestID = ic(service).nextRequestID
    updateIC(service) { $0.nextRequestID += 1 }
    return (
      requestMessage(service, type: type, payload: payload, size: size, requestID: requestID),
      requestID
    )
  }

  /// The host's request with `requestID` (pure: compressed repeats rebuild the packets they skip).
  func requestMessage(
    _ service: IntegrationService, type: ICMessageType, payload: ICPayload, size: Int,
    requestID: UInt64
  ) -> ICMessage {
    let (framework, version) = ic(service).headerVersions(host: hostVersion)
    let header = ICMessageHeader(
      frameworkVersion: framework, messageType: type, messageVersion: version, messageSize: size,
      transactionID: UInt8(truncatingIfNeeded: requestID), flags: .hostRequest)
    return ICMessage(header: header, payload: payload)
  }

  /// The ring packet of an IC message.
  func icPacket(_ message: ICMessage, requestID: UInt64) -> VMBusPacket {
    VMBusPacket(
      type: .dataInband, flags: 0, transactionID: requestID, payloadLength: message.length,
      payload: .ic(message))
  }

  /// The header fields the trace shows for an IC packet.
  func icDetails(_ message: ICMessage) -> [Detail] {
    var details: [Detail] = [
      .int("icmsgtype", Int(message.header.messageType.rawValue)),
      .text("icflags", "\(message.header.flags.rawValue) (\(message.header.flags))"),
      .int("ictransaction_id", Int(message.header.transactionID)),
      .int("icmsgsize", message.header.messageSize),
    ]
    if message.header.flags.contains(.response) {
      details.append(.text("status", message.header.status.text))
    }
    return details
  }

  /// One request and, unless the guest is hung, its answer.
  func icTransaction(
    _ service: IntegrationService, type: ICMessageType, payload: ICPayload, size: Int,
    _ what: Phrase, operation: String? = nil, flags: String? = nil, details: [Detail] = [],
    handler: @escaping ICGuestHandler, then next: @escaping (ICOutcome) -> Void
  ) {
    let (message, requestID) = makeRequest(service, type: type, payload: payload, size: size)
    kernel.emit(
      .call, service.hostActor, .vmbusRoot, "send \(type.identifier): \(what)",
      cost: costs.userToKernel
    ) {
      self.icHostWrite(
        service, message, requestID: requestID, what, operation: operation, flags: flags,
        details: details
      ) { written in
        guard written else { return next(.blocked) }
        guard !self.guestHung else { return next(.unanswered) }
        self.icGuestAnswer(service, handler: handler) { _ in
          self.icHostRead(service) { answer in next(answer.map { .answered($0) } ?? .unanswered) }
        }
      }
    }
  }

  /// Writes a host request into the host→guest ring, or, when it does not fit, sets
  /// `pending_send_sz` and parks it in ``ICServiceState/blocked`` (fact sheet §2.2 flow control).
  func icHostWrite(
    _ service: IntegrationService, _ message: ICMessage, requestID: UInt64, _ what: Phrase,
    operation: String?, flags: String?, details: [Detail], then next: @escaping (Bool) -> Void
  ) {
    guard let relid = ic(service).relid, let ring = bus.ring(relid, fromGuest: false) else {
      kernel.report(
        .icRequestWithoutChannel, "\(service.rawValue): a request without an open channel")
      return next(false)
    }
    let packet = icPacket(message, requestID: requestID)
    guard ring.bytesToWrite > packet.ringBytes else {
      bus.requestSpace(relid, fromGuest: false, bytes: packet.ringBytes)
      let ring = bus.ring(relid, fromGuest: false) ?? ring
      updateIC(service) {
        $0.blocked = BlockedWrite(
          message: message, requestID: requestID, label: what, details: details)
      }
      kernel.emit(
        .stateNote, .vmbusRoot, .vmbusRoot,
        "the ring of relid \(relid) is full (\(ring.bytesToWrite) bytes free, \(packet.ringBytes) needed): set pending_send_sz = \(packet.ringBytes) and wait for the guest's signal",
        message: message.header.messageType.identifier,
        details: [
          .int("relid", Int(relid)), .int("pending_send_sz", packet.ringBytes),
          .int("bytes_to_write", ring.bytesToWrite), .int("write_index", ring.writeIndex),
          .int("read_index", ring.readIndex),
        ], cost: costs.componentWork
      ) { next(false) }
      return
    }
    let signals = ring.isEmpty && ring.interruptMask == 0
    bus.sendPacket(
      packet, relid: relid, fromGuest: false,
      "\(message.header.messageType.identifier) request: \(what)",
      message: message.header.messageType.identifier, operation: operation, flags: flags,
      details: icDetails(message) + details
    ) {
      guard self.guestHung, signals else { return next(true) }
      self.kernel.emit(
        .stateNote, .vmbusGuest, .vmbusGuest,
        "the guest is hung: nothing services the interrupt, the message stays in the ring",
        details: [.int("relid", Int(relid))], cost: self.costs.componentWork
      ) { next(true) }
    }
  }

  /// The guest's callback reads the oldest request, lets `handler` work, and answers in the same
  /// buffer. Reading may free the space a blocked host writer waits for: the guest then signals
  /// it and the host writes its parked message.
  ///
  /// Util channels are read in `HV_CALL_DIRECT` mode (`hv_util.c` `util_probe`, fact sheet §9.6):
  /// the callback runs straight from the interrupt, without `hv_begin_read`, so the guest's
  /// `interrupt_mask` on this ring stays 0 and the host's signalling follows the empty-ring rule
  /// alone.
  func icGuestAnswer(
    _ service: IntegrationService, handler: @escaping ICGuestHandler,
    then next: @escaping (ICMessage?) -> Void
  ) {
    guard let relid = ic(service).relid else { return next(nil) }
    let read = bus.receivePacket(relid: relid, fromGuestRing: false)
    guard let read, let request = read.packet.payload.ic else { return next(nil) }
    let actor = service.guestActor
    kernel.run(
      [
        { done in
          self.kernel.emit(
            .call, .vmbusGuest, actor,
            self.guestOS.isWindows
              ? "\(service.windowsServiceName) reads \(request.header.messageType.identifier) (trans_id \(read.packet.transactionID)) from its channel (user mode)"
              : "\(service.linuxCallback): vmbus_recvpacket() gets \(request.header.messageType.identifier) (trans_id \(read.packet.transactionID))",
            details: [.int("relid", Int(relid)), .int("read_index", read.newReadIndex)],
            cost: self.guestOS.isWindows ? self.costs.kernelToUser : self.costs.kernelCall,
            then: done)
        },
        { done in
          guard read.signalWriter else { return done() }
          self.wakeBlockedWriter(service, then: done)
        },
      ]
    ) {
      handler(request) { answer in
        self.icGuestSend(service, answer, requestID: read.packet.transactionID) { next(answer) }
      }
    }
  }

  /// The guest writes its answer into the guest→host ring.
  func icGuestSend(
    _ service: IntegrationService, _ answer: ICMessage, requestID: UInt64,
    then next: @escaping Continuation
  ) {
    guard let relid = ic(service).relid else { return next() }
    let type = answer.header.messageType
    kernel.emit(
      .call, service.guestActor, .vmbusGuest,
      words.isWindows
        ? "write the answer to the channel: the same buffer back, icflags TRANSACTION|RESPONSE, \(answer.header.status.identifier)"
        : "vmbus_sendpacket(): the same buffer back, icflags TRANSACTION|RESPONSE, \(answer.header.status.identifier)",
      cost: guestOS.isWindows ? costs.icHandling + costs.userToKernel : costs.icHandling
    ) {
      self.bus.sendPacket(
        self.icPacket(answer, requestID: requestID), relid: relid, fromGuest: true,
        "\(type.identifier) answer: \(answer.header.status.text)", message: type.identifier,
        operation: Self.operation(of: answer), flags: Self.flags(of: answer),
        details: self.icDetails(answer), then: next)
    }
  }

  /// The host reads the oldest answer from the guest→host ring.
  func icHostRead(_ service: IntegrationService, then next: @escaping (ICMessage?) -> Void) {
    guard let relid = ic(service).relid else { return next(nil) }
    let ownsMask = bus.ring(relid, fromGuest: true)?.interruptMask == 0
    if ownsMask { _ = bus.setReaderMask(relid: relid, ringFromGuest: true, draining: true) }
    let read = bus.receivePacket(relid: relid, fromGuestRing: true)
    if ownsMask { _ = bus.setReaderMask(relid: relid, ringFromGuest: true, draining: false) }
    guard let read, let answer = read.packet.payload.ic else { return next(nil) }
    kernel.emit(
      .call, .vmbusRoot, service.hostActor,
      "the answer to trans_id \(read.packet.transactionID) arrives: \(answer.header.status.text)",
      details: [.int("relid", Int(relid)), .int("read_index", read.newReadIndex)],
      cost: costs.kernelToUser
    ) { next(answer) }
  }

  /// The guest freed enough space: it signals the host (`pending_send_sz` satisfied) and the host
  /// writes the message it had parked.
  func wakeBlockedWriter(_ service: IntegrationService, then next: @escaping Continuation) {
    guard let relid = ic(service).relid, let blocked = ic(service).blocked else { return next() }
    bus.signalChannel(relid, fromGuest: true, reason: "pending_send_sz bytes are free again") {
      self.updateIC(service) { $0.blocked = nil }
      self.icHostWrite(
        service, blocked.message, requestID: blocked.requestID, blocked.label,
        operation: Self.operation(of: blocked.message), flags: Self.flags(of: blocked.message),
        details: blocked.details
      ) { _ in next() }
    }
  }

  /// The service operation a message carries, for the event's `operation` (contract §3).
  static func operation(of message: ICMessage) -> String? { operation(of: message.payload) }

  static func operation(of payload: ICPayload) -> String? {
    switch payload {
    case .kvp(let kvp): return kvp.operation.identifier
    case .vss(let vss): return vss.operation.identifier
    case .fcopy(let fcopy): return fcopy.operation.identifier
    default: return nil
    }
  }

  /// The flags that matter in a message, for the event's `flags` (contract §3).
  static func flags(of message: ICMessage) -> String? { flags(of: message.payload) }

  static func flags(of payload: ICPayload) -> String? {
    switch payload {
    case .timeSync(let sample): return sample.flag.identifier
    case .fcopy(let fcopy) where fcopy.operation == .startFileCopy && !fcopy.flags.isEmpty:
      return fcopy.flags.description
    default: return nil
    }
  }
}
