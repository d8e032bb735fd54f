import HVTrace

/// The components of the model, by the stable ids lessons and the JSON export use (contract §3).
///
/// The case order is the lifeline order of diagrams: the child partition (user, then kernel), the
/// hypervisor, the root partition (kernel, then user) and the hardware, so that both disk paths
/// read left to right. Each Integration Service has one actor on each side (contract §3): the
/// guest's `hv_utils` callback (kernel) and the host's component in the worker process (user,
/// model assumption); KVP, VSS and file copy also have their guest daemon (user).
public enum ActorID: String, Sendable, CaseIterable {
  case guestApp = "guest-app"
  case kvpDaemon = "hv-kvp-daemon"
  case vssDaemon = "hv-vss-daemon"
  case fcopyDaemon = "hv-fcopy-daemon"
  /// A Windows guest's Volume Shadow Copy service and its writers (the requestor is `vmicvss`).
  case vssWriters = "vss-writers"
  case guestFirmware = "guest-firmware"
  case guestKernel = "guest-kernel"
  /// A Windows guest's registry, where `vmickvpexchange` keeps the KVP pools.
  case guestRegistry = "guest-registry"
  case ataDriver = "ata-driver"
  case storvsc
  case netvsc
  case tulipDriver = "tulip-driver"
  case heartbeatGuest = "heartbeat-guest"
  case shutdownGuest = "shutdown-guest"
  case timeSyncGuest = "timesync-guest"
  case kvpGuest = "kvp-guest"
  case vssGuest = "vss-guest"
  case fcopyGuest = "fcopy-guest"
  case vmbusGuest = "vmbus-guest"
  case hypervisor
  case vid
  case vmbusRoot = "vmbus-root"
  case storvsp
  case vmswitch
  case heartbeatHost = "heartbeat-host"
  case shutdownHost = "shutdown-host"
  case timeSyncHost = "timesync-host"
  case kvpHost = "kvp-host"
  case vssHost = "vss-host"
  case fcopyHost = "fcopy-host"
  case vmwp
  case vmms
  case storageStack = "storage-stack"
  case disk
  case nic

  /// The actor's description in a trace of a Linux guest.
  public var actor: Actor { actor(on: .default) }

  /// The actor's description in a trace of `guest`: a Windows guest's components have their
  /// Windows names, and its Integration Services run in user mode (they are Windows services,
  /// fact sheet §4.10), so a hop between `vmbus.sys` and a service is a user↔kernel transition.
  public func actor(on guest: GuestOS) -> Actor {
    guard guest.isWindows, let windows = windowsActor else { return actor(linux: ()) }
    return windows
  }

  private func actor(linux: Void) -> Actor {
    switch self {
    case .guestApp:
      return Actor(
        id: rawValue, name: "Guest application doing I/O", partition: .child, mode: .user)
    case .guestFirmware:
      return Actor(
        id: rawValue, name: "Guest firmware (BIOS, INT 13h disk services)", partition: .child,
        mode: .kernel)
    case .guestKernel:
      return Actor(id: rawValue, name: "Guest OS kernel", partition: .child, mode: .kernel)
    case .ataDriver:
      return Actor(
        id: rawValue, name: "Legacy ATA/IDE driver (guest, not VMBus-aware)", partition: .child,
        mode: .kernel)
    case .storvsc:
      return Actor(
        id: rawValue, name: "storvsc, the storage VSC (guest)", partition: .child, mode: .kernel)
    case .vmbusGuest:
      return Actor(id: rawValue, name: "VMBus driver (guest)", partition: .child, mode: .kernel)
    case .netvsc:
      return Actor(
        id: rawValue, name: "netvsc, the network VSC (guest)", partition: .child, mode: .kernel)
    case .tulipDriver:
      return Actor(
        id: rawValue, name: "tulip, the DEC 21140 network driver (guest, not VMBus-aware)",
        partition: .child, mode: .kernel)
    case .vmswitch:
      return Actor(
        id: rawValue, name: "Hyper-V virtual switch (vmswitch.sys, NetVSP, root)",
        partition: .root, mode: .kernel)
    case .nic:
      return Actor(
        id: rawValue, name: "Physical network adapter", partition: .hardware, mode: .hardware)
    case .vssWriters:
      return Actor(
        id: rawValue, name: "Volume Shadow Copy service and writers (guest)", partition: .child,
        mode: .user)
    case .guestRegistry:
      return Actor(
        id: rawValue, name: "Registry (guest)", partition: .child, mode: .kernel)
    case .kvpDaemon, .vssDaemon, .fcopyDaemon, .heartbeatGuest, .shutdownGuest, .timeSyncGuest,
      .kvpGuest, .vssGuest, .fcopyGuest, .heartbeatHost, .shutdownHost, .timeSyncHost, .kvpHost,
      .vssHost, .fcopyHost:
      return integrationServiceActor
    case .hypervisor:
      return Actor(
        id: rawValue, name: "Hyper-V hypervisor (hypercalls, SynIC, intercepts)",
        partition: .hypervisor, mode: .hypervisor)
    case .vid:
      return Actor(
        id: rawValue, name: "Virtualization Infrastructure Driver (VID)", partition: .root,
        mode: .kernel)
    case .vmbusRoot:
      return Actor(id: rawValue, name: "VMBus driver (root)", partition: .root, mode: .kernel)
    case .storvsp:
      return Actor(
        id: rawValue, name: "storvsp, the storage VSP (root)", partition: .root, mode: .kernel)
    case .vmwp:
      return Actor(
        id: rawValue, name: "VM worker process (vmwp.exe), emulated IDE controller",
        partition: .root, mode: .user)
    case .vmms:
      return Actor(
        id: rawValue, name: "Virtual Machine Management Service (vmms.exe)", partition: .root,
        mode: .user)
    case .storageStack:
      return Actor(
        id: rawValue, name: "Root storage stack (VHDX parser, file system, disk driver)",
        partition: .root, mode: .kernel)
    case .disk:
      return Actor(id: rawValue, name: "Physical disk", partition: .hardware, mode: .hardware)
    }
  }

  private var integrationServiceActor: Actor {
    switch self {
    case .kvpDaemon:
      return Actor(
        id: rawValue, name: "hv_kvp_daemon (guest user mode)", partition: .child, mode: .user)
    case .vssDaemon:
      return Actor(
        id: rawValue, name: "hv_vss_daemon (guest user mode)", partition: .child, mode: .user)
    case .fcopyDaemon:
      return Actor(
        id: rawValue, name: "hv_fcopy_daemon (guest user mode)", partition: .child, mode: .user)
    case .heartbeatGuest:
      return Actor(
        id: rawValue, name: "Heartbeat service, guest (hv_utils)", partition: .child, mode: .kernel)
    case .shutdownGuest:
      return Actor(
        id: rawValue, name: "Shutdown service, guest (hv_utils)", partition: .child, mode: .kernel)
    case .timeSyncGuest:
      return Actor(
        id: rawValue, name: "Time Synchronization service, guest (hv_utils)", partition: .child,
        mode: .kernel)
    case .kvpGuest:
      return Actor(
        id: rawValue, name: "Data Exchange (KVP) service, guest (hv_utils)", partition: .child,
        mode: .kernel)
    case .vssGuest:
      return Actor(
        id: rawValue, name: "Backup (VSS) service, guest (hv_utils)", partition: .child,
        mode: .kernel)
    case .fcopyGuest:
      return Actor(
        id: rawValue, name: "Guest services (file copy), guest (hv_utils)", partition: .child,
        mode: .kernel)
    case .heartbeatHost:
      return Actor(
        id: rawValue, name: "Heartbeat service, host (in vmwp.exe)", partition: .root, mode: .user)
    case .shutdownHost:
      return Actor(
        id: rawValue, name: "Shutdown service, host (in vmwp.exe)", partition: .root, mode: .user)
    case .timeSyncHost:
      return Actor(
        id: rawValue, name: "Time Synchronization service, host (in vmwp.exe)", partition: .root,
        mode: .user)
    case .kvpHost:
      return Actor(
        id: rawValue, name: "Data Exchange (KVP) service, host (in vmwp.exe)", partition: .root,
        mode: .user)
    case .vssHost:
      return Actor(
        id: rawValue, name: "Backup (VSS) service, host (in vmwp.exe)", partition: .root,
        mode: .user)
    case .fcopyHost:
      return Actor(
        id: rawValue, name: "Guest Service Interface (file copy), host (in vmwp.exe)",
        partition: .root, mode: .user)
    default:
      preconditionFailure("\(rawValue) is not an Integration Service actor")
    }
  }

  /// A Windows guest's names; nil where the Linux description holds (the root, the hardware).
  private var windowsActor: Actor? {
    let child = { (name: String, mode: ExecutionMode) in
      Actor(id: self.rawValue, name: name, partition: .child, mode: mode)
    }
    switch self {
    case .guestKernel: return child("Windows kernel (ntoskrnl.exe)", .kernel)
    case .ataDriver: return child("atapi.sys, the IDE driver (guest, not VMBus-aware)", .kernel)
    case .storvsc: return child("storvsc.sys, the storage VSC (guest)", .kernel)
    case .vmbusGuest: return child("vmbus.sys, the VMBus driver (guest)", .kernel)
    case .netvsc: return child("netvsc.sys, the network VSC (guest)", .kernel)
    case .tulipDriver:
      return child("dc21x4.sys, the DEC 21140 driver (guest, not VMBus-aware)", .kernel)
    case .guestRegistry:
      return child("Registry, HKLM\\SOFTWARE\\Microsoft\\Virtual Machine (guest)", .kernel)
    case .heartbeatGuest: return child("vmicheartbeat, Hyper-V Heartbeat Service (guest)", .user)
    case .shutdownGuest: return child("vmicshutdown, Hyper-V Guest Shutdown Service (guest)", .user)
    case .timeSyncGuest:
      return child("vmictimesync, Hyper-V Time Synchronization Service (guest)", .user)
    case .kvpGuest: return child("vmickvpexchange, Hyper-V Data Exchange Service (guest)", .user)
    case .vssGuest: return child("vmicvss, Hyper-V Volume Shadow Copy Requestor (guest)", .user)
    case .fcopyGuest:
      return child("vmicguestinterface, Hyper-V Guest Service Interface (guest)", .user)
    default: return nil
    }
  }

  /// The Integration Services' guest sides, which a Windows guest runs in user mode.
  static let guestServiceActors: [ActorID] = [
    .heartbeatGuest, .shutdownGuest, .timeSyncGuest, .kvpGuest, .vssGuest, .fcopyGuest,
  ]

  /// Every actor in lifeline order: the catalogue a ``TraceRecorder`` is created with.
  public static var catalog: [Actor] { catalog(for: .default) }

  /// The catalogue for `guest`, in lifeline order: on a Windows guest the services move to the
  /// child's user-mode lifelines, after the application.
  public static func catalog(for guest: GuestOS) -> [Actor] {
    guard guest.isWindows else { return allCases.map { $0.actor(on: guest) } }
    let services = guestServiceActors
    let rest = allCases.filter { !services.contains($0) && $0 != .guestApp }
    return ([.guestApp] + services + rest).map { $0.actor(on: guest) }
  }
}
