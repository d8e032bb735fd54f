/// The heartbeat's host- and guest-side state (fact sheet §4.4).
package struct HeartbeatState: Sendable, Hashable {
  package var status: HeartbeatStatus = .noContact
  /// Pings in a row that got no answer within the latency.
  package var missed = 0
  /// The host's next `seq_num`.
  package var nextSequence: UInt64 = 1
  /// The last `seq_num` the guest answered with (the request's + 1).
  package var lastAnswer: UInt64 = 0
  /// When the oldest unanswered ping's latency runs out (nil: nothing to check).
  package var deadline: Int?
  /// The sequence number the pending deadline belongs to.
  package var deadlineSequence: UInt64 = 0

  package init() {}
}
