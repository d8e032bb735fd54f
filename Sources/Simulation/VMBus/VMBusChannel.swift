import HVHostModel
import HVSimKernel

/// Guest-side channel states, Linux `enum vmbus_channel_state` (include/linux/hyperv.h).
///
/// Linux's names are easy to misread: `CHANNEL_OPEN_STATE` means "offered and ready to be opened"
/// (it is set again after a close or a failed open), `CHANNEL_OPENING_STATE` covers the GPADL and
/// OPENCHANNEL exchange, and `CHANNEL_OPENED_STATE` is the state in which packets may flow
/// (`__vmbus_open`).
package enum ChannelState: String, Sendable, Hashable {
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
package enum HostChannelState: String, Sendable, Hashable {
  case initial
  case opening
  case open
}

/// What `CHANNELMSG_OFFERCHANNEL` tells the guest about one device (fact sheet §3.1).
package struct ChannelOffer: Sendable, Hashable {
  /// `child_relid`: the channel's number; RELIDs start at 1 (fact sheet §1.7).
  package var relid: UInt32
  package var deviceClass: VMBusDeviceClass
  /// `if_instance`: drawn from the run's seed.
  package var instanceID: GUID
  /// `connection_id` the guest signals this channel with (Win7+). Model value: 0x2000 + relid.
  package var connectionID: UInt32
  /// `monitor_allocated`: set for the performance channels (storage; fact sheet §9.5). The guest
  /// then signals the host through monitor page 1 instead of `HvCallSignalEvent` (§2.2 step 6a).
  package var monitorAllocated = false
  /// `monitorid`: the channel's bit in the monitor pages (group = id / 32, bit = id % 32).
  package var monitorID: UInt8 = 0

  package init(relid: UInt32, deviceClass: VMBusDeviceClass, instanceID: GUID, connectionID: UInt32)
  {
    self.relid = relid
    self.deviceClass = deviceClass
    self.instanceID = instanceID
    self.connectionID = connectionID
  }

  package var classID: GUID { deviceClass.classID }
}

/// One VMBus channel: the offer, both sides' states, the ring GPADL and the two rings, which live
/// in guest memory shared with the host.
package struct VMBusChannel: Sendable, Hashable {
  package var offer: ChannelOffer
  package var state: ChannelState = .offer
  package var hostState: HostChannelState = .initial
  /// Set when the host rescinded the offer (Linux `channel->rescind`).
  package var rescinded = false
  package var openID: UInt32 = 0
  package var gpadl: GPADL?
  /// Guest → host ("send to parent").
  package var outbound: RingBuffer?
  /// Host → guest.
  package var inbound: RingBuffer?

  package init(offer: ChannelOffer) { self.offer = offer }

  package var relid: UInt32 { offer.relid }

  /// The ring on the given side's sending direction.
  func sendRing(fromGuest: Bool) -> RingBuffer? { fromGuest ? outbound : inbound }
}

/// The guest VMBus driver's connection (Linux `struct vmbus_connection`).
package struct VMBusGuestState: Sendable, Hashable {
  package var connection: VMBusConnectionState = .disconnected
  package var version: VMBusVersion?
  /// Where control messages go: 1, or the `msg_conn_id` of VERSION_RESPONSE for ≥ 5.0.
  package var messageConnectionID: UInt32 = VMBusConnectionID.message
  package var offersReceived = 0
  package var allOffersDelivered = false
  package var nextGPADLHandle = GPADL.firstHandle

  package init() {}
}

/// The root VMBus driver's view (QEMU `VMBusState`, reduced to what the model uses).
package struct VMBusHostState: Sendable, Hashable {
  package enum Phase: String, Sendable, Hashable {
    /// `VMBUS_LISTEN`: waiting for INITIATE_CONTACT.
    case listen
    /// A version was accepted.
    case connected
    /// `VMBUS_UNLOAD`: the guest unloaded VMBus.
    case unloaded
  }

  package var phase: Phase = .listen
  package var version: VMBusVersion?
  package var nextRelid: UInt32 = 1
  /// The monitor id the next performance channel gets.
  package var nextMonitorID: UInt8 = 0

  package init() {}
}
