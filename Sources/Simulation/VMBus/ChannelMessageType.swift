import HVHostModel
import HVHypervisor
import HVSimKernel

/// VMBus control messages (`enum vmbus_channel_message_type`), fact sheet §3.1 [L-HV].
///
/// Every control message starts with `vmbus_channel_message_header {msgtype u32, padding u32}`
/// and travels as a SynIC message (HvCallPostMessage, SINT2).
package enum ChannelMessageType: UInt32, Sendable, CaseIterable {
  case invalid = 0
  case offerChannel = 1
  case rescindChannelOffer = 2
  case requestOffers = 3
  case allOffersDelivered = 4
  case openChannel = 5
  case openChannelResult = 6
  case closeChannel = 7
  case gpadlHeader = 8
  case gpadlBody = 9
  case gpadlCreated = 10
  case gpadlTeardown = 11
  case gpadlTorndown = 12
  case relidReleased = 13
  case initiateContact = 14
  case versionResponse = 15
  case unload = 16
  case unloadResponse = 17
  case tlConnectRequest = 21
  case modifyChannel = 22
  case tlConnectResult = 23
  case modifyChannelResponse = 24

  /// The Linux identifier, e.g. `CHANNELMSG_OFFERCHANNEL`.
  package var identifier: String {
    switch self {
    case .invalid: return "CHANNELMSG_INVALID"
    case .offerChannel: return "CHANNELMSG_OFFERCHANNEL"
    case .rescindChannelOffer: return "CHANNELMSG_RESCIND_CHANNELOFFER"
    case .requestOffers: return "CHANNELMSG_REQUESTOFFERS"
    case .allOffersDelivered: return "CHANNELMSG_ALLOFFERS_DELIVERED"
    case .openChannel: return "CHANNELMSG_OPENCHANNEL"
    case .openChannelResult: return "CHANNELMSG_OPENCHANNEL_RESULT"
    case .closeChannel: return "CHANNELMSG_CLOSECHANNEL"
    case .gpadlHeader: return "CHANNELMSG_GPADL_HEADER"
    case .gpadlBody: return "CHANNELMSG_GPADL_BODY"
    case .gpadlCreated: return "CHANNELMSG_GPADL_CREATED"
    case .gpadlTeardown: return "CHANNELMSG_GPADL_TEARDOWN"
    case .gpadlTorndown: return "CHANNELMSG_GPADL_TORNDOWN"
    case .relidReleased: return "CHANNELMSG_RELID_RELEASED"
    case .initiateContact: return "CHANNELMSG_INITIATE_CONTACT"
    case .versionResponse: return "CHANNELMSG_VERSION_RESPONSE"
    case .unload: return "CHANNELMSG_UNLOAD"
    case .unloadResponse: return "CHANNELMSG_UNLOAD_RESPONSE"
    case .tlConnectRequest: return "CHANNELMSG_TL_CONNECT_REQUEST"
    case .modifyChannel: return "CHANNELMSG_MODIFYCHANNEL"
    case .tlConnectResult: return "CHANNELMSG_TL_CONNECT_RESULT"
    case .modifyChannelResponse: return "CHANNELMSG_MODIFYCHANNEL_RESPONSE"
    }
  }

  /// True for messages the guest sends to the host.
  package var isGuestToHost: Bool {
    switch self {
    case .requestOffers, .openChannel, .closeChannel, .gpadlHeader, .gpadlBody, .gpadlTeardown,
      .relidReleased, .initiateContact, .unload, .tlConnectRequest, .modifyChannel:
      return true
    default: return false
    }
  }
}

/// SynIC connection ids of the VMBus message, event and monitor ports (fact sheet §1.7).
package enum VMBusConnectionID {
  /// `VMBUS_MESSAGE_CONNECTION_ID`.
  package static let message: UInt32 = 1
  /// `VMBUS_EVENT_CONNECTION_ID`: pre-Win7 hosts signal every channel through it.
  package static let event: UInt32 = 2
  /// `VMBUS_MONITOR_CONNECTION_ID`.
  package static let monitor: UInt32 = 3
  /// `VMBUS_MESSAGE_CONNECTION_ID_4`: INITIATE_CONTACT for protocol ≥ 5.0.
  package static let message4: UInt32 = 4
}
