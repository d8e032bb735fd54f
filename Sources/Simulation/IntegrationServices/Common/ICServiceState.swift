import HVHostModel
import HVSimKernel
import HVTrace
import HVVMBus

/// Linux `enum hvutil_device_state` (drivers/hv/hyperv_vmbus.h): where a request to a service with
/// a user-mode daemon stands (model-codebases.md §2.6). The services without a daemon only use
/// `initial`, `ready` and `dying`.
package enum UtilDeviceState: String, Sendable, Hashable {
  /// `HVUTIL_DEVICE_INIT`: the channel is not open yet.
  case initial
  /// `HVUTIL_READY`: waiting for a host message.
  case ready
  /// `HVUTIL_HOSTMSG_RECEIVED`: a host message arrived.
  case hostMessageReceived
  /// `HVUTIL_USERSPACE_REQ`: handed to the daemon.
  case userspaceRequest
  /// `HVUTIL_USERSPACE_RECV`: the daemon answered; the kernel answers the host.
  case userspaceReceive
  /// `HVUTIL_DEVICE_DYING`: the channel was rescinded or closed.
  case dying
}

/// Where a service's channel stands, as the host sees it.
package enum ICChannelPhase: String, Sendable, Hashable {
  /// Not offered: the service is disabled, the host lacks it, or VMBus is not connected.
  case notOffered
  /// Offered; the guest has not opened it (yet, or ever: a guest that refuses the service).
  case offered
  /// Open; NEGOTIATE under way.
  case negotiating
  /// Versions agreed; the service works.
  case ready
  /// The guest answered NEGOTIATE with no common version.
  case mismatched
  /// The host rescinded the offer.
  case rescinded
}

/// A request the host sent and waits an answer for.
package struct ICPendingRequest: Sendable, Hashable {
  package var requestID: UInt64
  package var messageType: ICMessageType
  package var sentAt: Int
  /// The host gave up waiting (timeout); the message is still in the ring until the guest reads it.
  package var abandoned = false

  package init(requestID: UInt64, messageType: ICMessageType, sentAt: Int) {
    self.requestID = requestID
    self.messageType = messageType
    self.sentAt = sentAt
  }
}

/// One Integration Service: the host's setting, its channel, the negotiated versions and the
/// state of both sides (Firecracker-style: one state value per device, model-codebases.md §2.4).
/// A host write waiting for ring space: the message, its `requestid`, and what it was to say in
/// the trace (its label and details, `seq_num`…), so that the write that finally happens reads
/// like every other request. One value, so clearing it clears all of it.
package struct BlockedWrite: Sendable, Hashable {
  package var message: ICMessage
  package var requestID: UInt64
  package var label: Phrase
  package var details: [Detail]
}

package struct ICServiceState: Sendable, Hashable {
  package let service: IntegrationService
  /// `Enable-/Disable-VMIntegrationService`.
  package var enabled: Bool
  package var relid: UInt32?
  package var phase: ICChannelPhase = .notOffered
  package var framework: ICVersion?
  package var version: ICVersion?
  /// Guest side (`hvutil_device_state`).
  package var utilState: UtilDeviceState = .initial
  /// The next VMBus `requestid` the host uses; `ictransaction_id` is its low byte.
  package var nextRequestID: UInt64 = 1
  /// Request/answer services: the one request the host waits for (one transaction at a time).
  package var outstanding: ICPendingRequest?
  /// Periodic services: requests written that the guest has not answered yet.
  package var unanswered = 0
  /// A message the host could not write because the ring was full: it set `pending_send_sz` and
  /// waits for the guest's signal (fact sheet §2.2 flow control).
  package var blocked: BlockedWrite?
  /// Periodic services: when the next request is due (heartbeat ping, time sample).
  package var nextDue: Int?

  package init(service: IntegrationService, enabled: Bool) {
    self.service = service
    self.enabled = enabled
  }

  package var isReady: Bool { phase == .ready }

  /// The host's highest framework and service versions, used in NEGOTIATE's header.
  func headerVersions(host: HostVersion) -> (ICVersion, ICVersion) {
    (
      framework ?? service.hostFrameworkVersions(host).first ?? .utilFramework,
      version ?? service.hostServiceVersions(host).first ?? ICVersion(1, 0)
    )
  }
}

/// Constants shared by the Integration Service channels.
package enum ICModel {
  /// Pages per ring, header page included: Linux opens util channels with
  /// `VMBUS_RING_SIZE(3 * HV_HYP_PAGE_SIZE)`, three data pages behind the header (fact sheet §4.2).
  package static let ringPages = 4
  /// How long the host waits for the guest's answer to a request before it gives up.
  /// **UNCONFIRMED**: no host-side figure is public; the model uses the guest's own
  /// `HV_UTIL_TIMEOUT` (30 s, fact sheet §4.3).
  package static let hostResponseTimeout = 30_000_000_000
  /// `Msvm_*` log source for Integration Service events (the Windows channel
  /// Microsoft-Windows-Hyper-V-Integration exists; the entries' wording is the model's).
  package static let logSource = "Hyper-V-Integration"
}

extension IntegrationService {
  /// Position in ``Simulation/icServices``.
  var index: Int { Self.allCases.firstIndex(of: self)! }
}
