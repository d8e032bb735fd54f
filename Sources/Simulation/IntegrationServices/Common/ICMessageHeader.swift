import HVHostModel
import HVSimKernel
import HVVMBus

/// A framework or service version in an IC header or a NEGOTIATE list: `{major u16, minor u16}` on
/// the wire (fact sheet §4.3; stored as a pair, which sidesteps the Linux/FreeBSD integer encodings).
public struct ICVersion: Sendable, Hashable, Comparable, CustomStringConvertible {
  public var major: UInt16
  public var minor: UInt16

  public init(_ major: UInt16, _ minor: UInt16) {
    self.major = major
    self.minor = minor
  }

  /// `UTIL_FW_VERSION` 3.0 and `UTIL_WS2K8_FW_VERSION` 1.0 (fact sheet §4.3).
  public static let utilFramework = ICVersion(3, 0)
  public static let ws2008Framework = ICVersion(1, 0)

  public var description: String { "\(major).\(minor)" }

  public static func < (lhs: ICVersion, rhs: ICVersion) -> Bool {
    (lhs.major, lhs.minor) < (rhs.major, rhs.minor)
  }
}

/// `vmbuspipe_hdr` (8 bytes) + `icmsg_hdr` (20 bytes): the 28 bytes in front of every IC message
/// (fact sheet §4.2, Linux `ICMSG_HDR`; FreeBSD names the fields ic_fwver, ic_type, ic_msgver,
/// ic_dsize, ic_status, ic_xactid, ic_flags).
package struct ICMessageHeader: Sendable, Hashable {
  /// sizeof(struct vmbuspipe_hdr): flags u32, msgsize u32.
  package static let pipeHeaderSize = 8
  /// sizeof(struct icmsg_hdr): icverframe 4, icmsgtype 2, icvermsg 4, icmsgsize 2, status 4,
  /// ictransaction_id 1, icflags 1, reserved 2.
  package static let icHeaderSize = 20
  /// `ICMSG_HDR` = 28.
  package static let size = pipeHeaderSize + icHeaderSize

  /// `icverframe`.
  package var frameworkVersion: ICVersion
  /// `icmsgtype`.
  package var messageType: ICMessageType
  /// `icvermsg`.
  package var messageVersion: ICVersion
  /// `icmsgsize`: bytes of service data after the header.
  package var messageSize: Int
  /// `status`, set by the guest in its answer.
  package var status: ICStatus
  /// `ictransaction_id` (u8).
  package var transactionID: UInt8
  /// `icflags`.
  package var flags: ICMessageFlags

  package init(
    frameworkVersion: ICVersion, messageType: ICMessageType, messageVersion: ICVersion,
    messageSize: Int, status: ICStatus = .ok, transactionID: UInt8, flags: ICMessageFlags
  ) {
    self.frameworkVersion = frameworkVersion
    self.messageType = messageType
    self.messageVersion = messageVersion
    self.messageSize = messageSize
    self.status = status
    self.transactionID = transactionID
    self.flags = flags
  }
}

/// One IC message as it sits in a ring packet: the header and the service data.
package struct ICMessage: Sendable, Hashable {
  package var header: ICMessageHeader
  package var payload: ICPayload

  /// The length of the buffer the message travels in, when it is not 28 + `icmsgsize`: an answer
  /// goes back in the request's buffer with the request's length (`recvlen`), even when the guest
  /// shrank `icmsgsize` (a NEGOTIATE answer: fact sheet §9.9).
  package var bufferLength: Int?

  package init(header: ICMessageHeader, payload: ICPayload) {
    self.header = header
    self.payload = payload
  }

  /// Bytes after the VMBus packet descriptor: the buffer's length, by default 28 + `icmsgsize`.
  package var length: Int { bufferLength ?? ICMessageHeader.size + header.messageSize }

  /// The guest's answer: the same buffer with `icflags = TRANSACTION|RESPONSE`, the status and the
  /// rewritten service data (Linux util callbacks, FreeBSD `vmbus_ic_sendresp`).
  package func response(status: ICStatus, payload: ICPayload? = nil, messageSize: Int? = nil)
    -> ICMessage
  {
    var answer = self
    answer.bufferLength = length
    answer.header.flags = .guestResponse
    answer.header.status = status
    if let payload { answer.payload = payload }
    if let messageSize { answer.header.messageSize = messageSize }
    return answer
  }
}

/// The service data of an IC message, per `icmsgtype`.
package enum ICPayload: Sendable, Hashable {
  case negotiate(ICNegotiateData)
  case heartbeat(HeartbeatMessage)
  case shutdown(ShutdownMessage)
  case timeSync(TimeSyncMessage)
  case kvp(KVPMessage)
  case vss(VSSMessage)
  case fcopy(FileCopyMessage)
}
