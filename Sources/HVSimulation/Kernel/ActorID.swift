import HVTrace

/// The components of the model, by the stable ids lessons and the JSON export use (contract §3).
///
/// The case order is the lifeline order of diagrams: the child partition (user, then kernel), the
/// hypervisor, the root partition (kernel, then user) and the hardware, so that both disk paths
/// read left to right.
public enum ActorID: String, Sendable, CaseIterable {
  case guestApp = "guest-app"
  case guestFirmware = "guest-firmware"
  case guestKernel = "guest-kernel"
  case ataDriver = "ata-driver"
  case storvsc
  case vmbusGuest = "vmbus-guest"
  case hypervisor
  case vid
  case vmbusRoot = "vmbus-root"
  case storvsp
  case vmwp
  case vmms
  case storageStack = "storage-stack"
  case disk

  /// The actor's description for traces.
  public var actor: Actor {
    switch self {
    case .guestApp:
      return Actor(id: rawValue, name: "Guest application doing I/O", partition: .child, mode: .user)
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

  /// Every actor in lifeline order: the catalogue a ``TraceRecorder`` is created with.
  public static var catalog: [Actor] { allCases.map(\.actor) }
}
