import HVHostModel
import HVHypervisor
import HVSimKernel

/// A Guest Physical Address Descriptor List: a handle naming guest pages the host may map
/// (fact sheet §2.2 "GPADL").
///
/// Created with `CHANNELMSG_GPADL_HEADER` carrying as many page frame numbers as fit in one 240-byte
/// SynIC payload, further PFNs in `CHANNELMSG_GPADL_BODY` messages, and acknowledged by
/// `CHANNELMSG_GPADL_CREATED` (Linux `create_gpadl_header`, `__vmbus_establish_gpadl`). Torn down
/// with `GPADL_TEARDOWN` → `GPADL_TORNDOWN`.
package struct GPADL: Sendable, Hashable {
  /// Guest-side life cycle: Linux waits for GPADL_CREATED and GPADL_TORNDOWN; QEMU tracks the same
  /// with its `alive` flag.
  package enum State: String, Sendable, Hashable {
    case creating
    case created
    case tearingDown
    case tornDown
  }

  /// Linux starts its handle counter at 0xE1E10 (`next_gpadl_handle`, fact sheet §2.2).
  package static let firstHandle: UInt32 = 0xE1E10
  /// sizeof(vmbus_channel_gpadl_header) = 20 (8-byte message header, child_relid, gpadl,
  /// range_buflen, rangecount) + sizeof(gpa_range) = 8 before the PFNs: (240 − 28) / 8 = 26.
  package static let pfnsInHeader = (SynIC.messagePayloadSize - 20 - 8) / 8
  /// sizeof(vmbus_channel_gpadl_body) = 16 (header, msgnumber, gpadl): (240 − 16) / 8 = 28.
  package static let pfnsPerBody = (SynIC.messagePayloadSize - 16) / 8

  package var handle: UInt32
  package var relid: UInt32
  package var pageCount: Int
  package var firstPFN: UInt64
  package var state: State

  package init(handle: UInt32, relid: UInt32, pageCount: Int, firstPFN: UInt64) {
    self.handle = handle
    self.relid = relid
    self.pageCount = pageCount
    self.firstPFN = firstPFN
    state = .creating
  }

  /// PFNs in the header message.
  package var headerPFNs: Int { min(pageCount, Self.pfnsInHeader) }

  /// PFN counts of the body messages that follow the header, in order.
  package var bodyPFNs: [Int] {
    var remaining = pageCount - headerPFNs
    var bodies: [Int] = []
    while remaining > 0 {
      bodies.append(min(remaining, Self.pfnsPerBody))
      remaining -= Self.pfnsPerBody
    }
    return bodies
  }
}
