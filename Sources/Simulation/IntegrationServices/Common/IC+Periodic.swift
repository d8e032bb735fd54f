import HVHostModel
import HVSimKernel
import HVVMBus

/// What the two periodic services (heartbeat, time synchronization) share when a compressed
/// repeat of idle time skips their traffic: which channel state repeats identically, and how
/// skipped requests are applied — piling up in a hung guest's ring, or passing through both rings
/// of a guest that answers each one.
extension IntegrationServices {
  /// A periodic service whose timer runs and whose channel is open.
  struct PeriodicChannel {
    var state: ICServiceState
    var inbound: RingBuffer
    var outbound: RingBuffer
  }

  /// The running periodic `service` and its rings; nil when it has no traffic to repeat (not
  /// ready, waiting on a full ring, no timer, no channel).
  func periodicChannel(_ service: IntegrationService) -> PeriodicChannel? {
    let state = ic(service)
    guard state.isReady, state.blocked == nil, state.nextDue != nil, let relid = state.relid,
      let inbound = bus.ring(relid, fromGuest: false),
      let outbound = bus.ring(relid, fromGuest: true)
    else { return nil }
    return PeriodicChannel(state: state, inbound: inbound, outbound: outbound)
  }

  /// How many more cycles a hung guest's ring can absorb, `requests` of `bytes` per cycle.
  func cyclesUntilFull(_ channel: PeriodicChannel, bytes: Int, requests: Int) -> Int {
    Self.writesThatFit(free: channel.inbound.bytesToWrite, bytes: bytes) / requests
  }

  /// Applies `cycles` skipped cycles of `service`'s requests, one every `period`.
  /// - Parameters:
  ///   - request: the packet of the `k`-th skipped request, with its request id and due time.
  ///   - answered: what the guest's answers to `count` requests change (a guest that is not hung).
  /// - Returns: how many requests were skipped (0 when nothing applied).
  @discardableResult
  func fastForwardPeriodic(
    _ service: IntegrationService, cycles: Int, length: Int, period: Int,
    request: (_ k: Int, _ requestID: UInt64, _ due: Int) -> VMBusPacket,
    answered: (_ count: Int) -> Void
  ) -> Int {
    let state = ic(service)
    guard cycles > 0, state.isReady, state.blocked == nil, let due = state.nextDue,
      let relid = state.relid
    else { return 0 }
    let count = cycles * (length / period)
    if guestHung {
      let packets = (0..<count).map { k in
        request(k, state.nextRequestID + UInt64(k), due + k * period)
      }
      bus.fastForwardWrites(relid, fromGuest: false, packets)
      updateIC(service) { $0.unanswered += count }
    } else {
      let bytes = request(0, state.nextRequestID, due).ringBytes
      bus.fastForwardPassThrough(relid, fromGuest: false, packetBytes: bytes, count: count)
      bus.fastForwardPassThrough(relid, fromGuest: true, packetBytes: bytes, count: count)
      answered(count)
    }
    updateIC(service) {
      $0.nextRequestID += UInt64(count)
      $0.nextDue = due + cycles * length
    }
    return count
  }
}
