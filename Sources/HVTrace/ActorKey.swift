/// An actor's stable id (`vmbus-guest`, `storvsp`) as a type, for code that looks actors up or
/// names them — diagrams, transcripts, localized lifeline titles — so an id is never a bare
/// string literal that a rename would silently miss.
///
/// ``Actor/id`` stays a `String` (the trace's JSON and the model's own `ActorID` enum write it);
/// ``Actor/key`` gives the typed view. The static members are the ids of the contract (§3), the
/// same raw values as the simulation's `ActorID` cases, which may adopt this type later.
public struct ActorKey: RawRepresentable, Hashable, Comparable, Sendable, CustomStringConvertible {
  public let rawValue: String

  public init(rawValue: String) { self.rawValue = rawValue }

  public init(_ rawValue: String) { self.rawValue = rawValue }

  public var description: String { rawValue }

  public static func < (lhs: ActorKey, rhs: ActorKey) -> Bool { lhs.rawValue < rhs.rawValue }
}

extension Actor {
  /// The actor's id, typed.
  public var key: ActorKey { ActorKey(rawValue: id) }
}

extension ActorKey {
  // The child partition: user mode.
  public static let guestApp = ActorKey("guest-app")
  public static let kvpDaemon = ActorKey("hv-kvp-daemon")
  public static let vssDaemon = ActorKey("hv-vss-daemon")
  public static let fcopyDaemon = ActorKey("hv-fcopy-daemon")
  // The child partition: kernel mode.
  public static let guestFirmware = ActorKey("guest-firmware")
  public static let guestKernel = ActorKey("guest-kernel")
  public static let ataDriver = ActorKey("ata-driver")
  public static let storvsc = ActorKey("storvsc")
  public static let heartbeatGuest = ActorKey("heartbeat-guest")
  public static let shutdownGuest = ActorKey("shutdown-guest")
  public static let timeSyncGuest = ActorKey("timesync-guest")
  public static let kvpGuest = ActorKey("kvp-guest")
  public static let vssGuest = ActorKey("vss-guest")
  public static let fcopyGuest = ActorKey("fcopy-guest")
  public static let vmbusGuest = ActorKey("vmbus-guest")
  // The hypervisor.
  public static let hypervisor = ActorKey("hypervisor")
  // The root partition: kernel, then user mode.
  public static let vid = ActorKey("vid")
  public static let vmbusRoot = ActorKey("vmbus-root")
  public static let storvsp = ActorKey("storvsp")
  public static let heartbeatHost = ActorKey("heartbeat-host")
  public static let shutdownHost = ActorKey("shutdown-host")
  public static let timeSyncHost = ActorKey("timesync-host")
  public static let kvpHost = ActorKey("kvp-host")
  public static let vssHost = ActorKey("vss-host")
  public static let fcopyHost = ActorKey("fcopy-host")
  public static let vmwp = ActorKey("vmwp")
  public static let vmms = ActorKey("vmms")
  public static let storageStack = ActorKey("storage-stack")
  // The hardware.
  public static let disk = ActorKey("disk")

  /// Every actor id of the contract, in the model's lifeline order.
  public static let contract: [ActorKey] = [
    .guestApp, .kvpDaemon, .vssDaemon, .fcopyDaemon, .guestFirmware, .guestKernel, .ataDriver,
    .storvsc,
    .heartbeatGuest, .shutdownGuest, .timeSyncGuest, .kvpGuest, .vssGuest, .fcopyGuest, .vmbusGuest,
    .hypervisor, .vid, .vmbusRoot, .storvsp, .heartbeatHost, .shutdownHost, .timeSyncHost, .kvpHost,
    .vssHost, .fcopyHost, .vmwp, .vmms, .storageStack, .disk,
  ]
}
