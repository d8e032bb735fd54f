import HVTrace

/// The words a trace uses for the guest's side of a path, per guest operating system.
///
/// A Linux trace names the functions of `drivers/hv`, `drivers/scsi/storvsc_drv.c` and
/// `drivers/net/hyperv` so a learner can read them next. A Windows guest's drivers are not public;
/// its trace names what Microsoft documents: the drivers (`vmbus.sys`, `storvsc.sys`,
/// `netvsc.sys`), the Integration Services as Windows services (`vmicheartbeat` …, fact sheet
/// §1.3, §4.10) and the VMBus Kernel-Mode Client Library (`VmbChannelEnable`, `VmbPacketSend`,
/// `EvtVmbChannelProcessPacket`, `VmbChannelPacketComplete`, documented in the WDK's
/// `vmbuskernelmodeclientlibapi.h`). That the in-box drivers use that library, and how the
/// user-mode services reach their channels, are **model assumptions** (UNCONFIRMED): the messages
/// on VMBus are the same either way.
public struct GuestVocabulary: Sendable {
  public let isWindows: Bool

  public static let linux = GuestVocabulary(isWindows: false)
  public static let windows = GuestVocabulary(isWindows: true)

  private func pick(_ linux: String, _ windows: String) -> String { isWindows ? windows : linux }
  /// Words (not identifiers): translated on the site.
  private func pick(_ linux: Phrase, _ windows: Phrase) -> Phrase { isWindows ? windows : linux }

  // MARK: VMBus client calls

  /// Opening a channel: `vmbus_open()` / `VmbChannelEnable()`.
  public var openChannel: String { pick("vmbus_open()", "VmbChannelEnable()") }
  /// Sending an inband packet.
  public var sendPacket: String { pick("vmbus_sendpacket()", "VmbPacketSend()") }
  /// Sending a packet that names guest pages (GPA direct).
  public var sendPacketWithPages: String {
    pick("vmbus_sendpacket_mpb_desc()", "VmbPacketSendWithExternalPfns()")
  }
  /// Completing a received transaction.
  public var sendCompletion: String {
    pick("vmbus_sendpacket(VM_PKT_COMP)", "VmbChannelPacketComplete() (VM_PKT_COMP)")
  }
  /// The start of a batched read: the reader masks the ring's interrupt.
  public var beginRead: Phrase {
    pick(
      "channel callback: hv_begin_read sets interrupt_mask = 1",
      "EvtVmbChannelProcessPacket: the client library sets interrupt_mask = 1")
  }
  /// The end of a batched read.
  public var endRead: Phrase {
    pick("hv_end_read: interrupt_mask = 0", "EvtVmbChannelProcessingComplete: interrupt_mask = 0")
  }
  /// Reading one packet.
  public var receivePacket: Phrase { pick("vmbus_recvpacket()", "the VMBus pipe read") }
  /// The failure of a 5.x contact post on an old host.
  public var contactPostFails: Phrase {
    pick("vmbus_post_msg returns -EINVAL", "vmbus.sys sees HvPostMessage fail")
  }

  // MARK: Device drivers

  /// The storage VSC's completion callback.
  public var storvscCallback: String {
    pick("storvsc_on_channel_callback", "storvsc.sys EvtVmbChannelProcessPacket")
  }
  /// The network VSC's channel callback.
  public var netvscCallback: String {
    pick("netvsc_channel_cb", "netvsc.sys EvtVmbChannelProcessPacket")
  }
  /// The network VSC's send routine.
  public var netvscSend: String { pick("netvsc_send", "netvsc.sys MiniportSendNetBufferLists") }
  /// The network VSC handing send completions back.
  public var netvscSendComplete: String {
    pick("netvsc_poll", "netvsc.sys NdisMSendNetBufferListsComplete")
  }
  /// The network VSC handing received frames up the stack.
  public var netvscIndicateReceive: String {
    pick("netvsc_poll", "netvsc.sys NdisMIndicateReceiveNetBufferLists")
  }
  /// The DEC 21140 driver (Windows: `dc21x4.sys`, the in-box driver name is UNCONFIRMED).
  public var tulipDriver: Phrase { pick("the tulip driver", "dc21x4.sys") }
  /// The DEC 21140 driver's transmit routine.
  public var tulipTransmit: Phrase { pick("tulip_start_xmit", "dc21x4.sys send") }

  // MARK: Integration Services

  /// The guest's handler for a service's channel (Linux callback or Windows service).
  public func icHandler(_ service: IntegrationService) -> String {
    isWindows ? service.windowsServiceName : service.linuxCallback
  }

  /// Probing an offered service channel.
  public func icProbe(_ service: IntegrationService) -> Phrase {
    isWindows
      ? "vmbus.sys enumerates the device; the \(service.windowsServiceName) service starts and opens it"
      : "binds hv_utils' \(service.linuxCallback)"
  }

  /// The guest's NEGOTIATE answer.
  public var negotiateResponse: Phrase {
    pick("vmbus_prep_negotiate_resp()", "the service's NEGOTIATE answer")
  }

  /// Handing a request to the guest's user-mode helper (Linux daemons; Windows: the service is
  /// already in user mode and calls the system).
  public var userspaceRequest: String { "HVUTIL_USERSPACE_REQ" }
  public var userspaceReceive: String { "HVUTIL_USERSPACE_RECV" }

  // MARK: Files (the file copy's guest side)

  /// Creating (or truncating) the destination file.
  public func fileCreate(_ path: String) -> String {
    isWindows ? "CreateFile(\(path), CREATE_ALWAYS)" : "open(\(path), O_CREAT|O_TRUNC)"
  }
  /// Writing a fragment.
  public var fileWrite: String { pick("pwrite()", "WriteFile()") }
  /// Closing the file.
  public var fileClose: String { pick("close()", "CloseHandle()") }

  // MARK: Power

  /// The guest's VMBus driver.
  public var vmbusDriver: Phrase { pick("the VMBus driver", "vmbus.sys") }
  /// The guest's IDE driver when it has no Integration Services.
  public var legacyATADriver: Phrase { pick("the legacy ATA driver", "atapi.sys") }

  /// The guest's orderly shutdown.
  public var orderlyShutdown: Phrase {
    pick(
      "orderly shutdown: services stopped, file systems synced and unmounted",
      "Windows shuts down: services stopped, the registry and the file-system caches flushed")
  }
  /// A forced shutdown.
  public var forcedShutdown: Phrase {
    pick(
      "forced shutdown: processes are killed, file systems synced and unmounted",
      "forced shutdown: applications are closed without asking, caches flushed")
  }
  /// Hibernation.
  public var hibernate: Phrase {
    pick(
      "hibernate: freeze processes and write the memory image to the swap partition",
      "hibernate: write the memory image to C:\\hiberfil.sys")
  }
}

extension IntegrationService {
  /// The Linux source the guest side follows, for labels.
  public var linuxCallback: String {
    switch self {
    case .heartbeat: return "heartbeat_onchannelcallback"
    case .shutdown: return "shutdown_onchannelcallback"
    case .timeSync: return "timesync_onchannelcallback"
    case .dataExchange: return "hv_kvp_onchannelcallback"
    case .backup: return "hv_vss_onchannelcallback"
    case .guestServices: return "hv_fcopy_onchannelcallback"
    }
  }

  /// The Windows service of the guest side (`Get-Service -Name vm*`, fact sheet §4.10).
  public var windowsServiceName: String {
    switch self {
    case .heartbeat: return "vmicheartbeat"
    case .shutdown: return "vmicshutdown"
    case .timeSync: return "vmictimesync"
    case .dataExchange: return "vmickvpexchange"
    case .backup: return "vmicvss"
    case .guestServices: return "vmicguestinterface"
    }
  }
}
