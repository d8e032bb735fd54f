import HVHostModel
import HVSimKernel
/// Guest-side channel states, Linux `enum vmbus_channel_state` (include/linux/hyperv.h).
///
/// Linux's names are easy to misread: `CHANNEL_OPEN_STATE` means "offered and ready to be opened"
/// (it is set again after a close or a failed open), `CHANNEL_OPENING_STATE` covers the GPADL and
/// OPENCHANNEL exchange, and `CHANNEL_OPENED_STATE` is the state in which packets may flow
/// (`__vmbus_open`).
public enum ChannelState: String, Sendable, Hashable {
  /// `CHANNEL_OFFER_STATE`: the offer arrived, no driver bound yet.
  case offer
  /// `CHANNEL_OPEN_STATE`: a driver may open the channel.
  case open
  /// `CHANNEL_OPENING_STATE`: ring GPADL and OPENCHANNEL in progress.
  case opening
  /// `CHANNEL_OPENED_STATE`: the rings are live.
  case opened
}

/// Host-side channel states, QEMU `VMCHAN_INIT`, `VMCHAN_OPENING`, `VMCHAN_OPEN` (hw/hyperv/vmbus.c).
public enum HostChannelState: String, Sendable, Hashable {
  case initial
  case opening
  case open
}

/// What `CHANNELMSG_OFFERCHANNEL` tells the guest about one device (fact sheet §3.1).
public struct ChannelOffer: Sendable, Hashable {
  /// `child_relid`: the channel's number; RELIDs start at 1 (fact sheet §1.7).
  public var relid: UInt32
  public var deviceClass: VMBusDeviceClass
  /// `if_instance`: drawn from the run's seed.
  public var instanceID: GUID
  /// `connection_id` the guest signals this channel with (Win7+). Model value: 0x2000 + relid.
  public var connectionID: UInt32
  /// `monitor_allocated`. Model assumption: the host offers the storage channel without a monitor
  /// page, so the guest signals with HvCallSignalEvent (fact sheet §2.2 step 6b); the monitor-page
  /// path (step 6a) is not modelled.
  public var monitorAllocated = false

  public init(relid: UInt32, deviceClass: VMBusDeviceClass, instanceID: GUID, connectionID: UInt32) {
    self.relid = relid
    self.deviceClass = deviceClass
    self.instanceID = instanceID
    self.connectionID = connectionID
  }

  public var classID: GUID { deviceClass.classID }
}

/// One VMBus channel: the offer, both sides' states, the ring GPADL and the two rings, which live
/// in guest memory shared with the host.
public struct VMBusChannel: Sendable, Hashable {
  public var offer: ChannelOffer
  public var state: ChannelState = .offer
  public var hostState: HostChannelState = .initial
  /// Set when the host rescinded the offer (Linux `channel->rescind`).
  public var rescinded = false
  public var openID: UInt32 = 0
  public var gpadl: GPADL?
  /// Guest → host ("send to parent").
  public var outbound: RingBuffer?
  /// Host → guest.
  public var inbound: RingBuffer?

  public init(offer: ChannelOffer) { self.offer = offer }

  public var relid: UInt32 { offer.relid }

  /// The ring on the given side's sending direction.
  func sendRing(fromGuest: Bool) -> RingBuffer? { fromGuest ? outbound : inbound }
}

/// The guest VMBus driver's connection (Linux `struct vmbus_connection`).
public struct VMBusGuestState: Sendable, Hashable {
  public var connection: VMBusConnectionState = .disconnected
  public var version: VMBusVersion?
  /// Where control messages go: 1, or the `msg_conn_id` of VERSION_RESPONSE for ≥ 5.0.
  public var messageConnectionID: UInt32 = VMBusConnectionID.message
  public var offersReceived = 0
  public var allOffersDelivered = false
  public var nextGPADLHandle = GPADL.firstHandle

  public init() {}
}

/// The root VMBus driver's view (QEMU `VMBusState`, reduced to what the model uses).
public struct VMBusHostState: Sendable, Hashable {
  public enum Phase: String, Sendable, Hashable {
    /// `VMBUS_LISTEN`: waiting for INITIATE_CONTACT.
    case listen
    /// A version was accepted.
    case connected
    /// `VMBUS_UNLOAD`: the guest unloaded VMBus.
    case unloaded
  }

  public var phase: Phase = .listen
  public var version: VMBusVersion?
  public var nextRelid: UInt32 = 1

  public init() {}
}
