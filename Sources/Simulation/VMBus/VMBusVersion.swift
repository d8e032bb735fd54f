import HVHostModel
import HVSimKernel

/// A VMBus protocol version, `major << 16 | minor` on the wire (fact sheet §3.3).
package struct VMBusVersion: Sendable, Hashable, Comparable, CustomStringConvertible {
  package var major: UInt16
  package var minor: UInt16

  package init(_ major: UInt16, _ minor: UInt16) {
    self.major = major
    self.minor = minor
  }

  package static let ws2008 = VMBusVersion(0, 13)
  package static let win7 = VMBusVersion(1, 1)
  package static let win8 = VMBusVersion(2, 4)
  package static let win8_1 = VMBusVersion(3, 0)
  package static let win10 = VMBusVersion(4, 0)
  package static let win10v4_1 = VMBusVersion(4, 1)
  package static let win10v5 = VMBusVersion(5, 0)
  package static let win10v5_1 = VMBusVersion(5, 1)
  package static let win10v5_2 = VMBusVersion(5, 2)
  package static let win10v5_3 = VMBusVersion(5, 3)

  /// Versions the model's guest offers, highest first; it asks for each in turn until the host
  /// accepts one (`vmbus_connect` walking `vmbus_versions[]`, fact sheet §3.2 item 2).
  ///
  /// Model assumption: the guest knows every version down to WS2008 (as older Linux kernels did);
  /// current Linux has dropped WS2008 and WIN7 (fact sheet §3.3).
  package static let guestPreferenceOrder: [VMBusVersion] = [
    win10v5_3, win10v5_2, win10v5_1, win10v5, win10v4_1, win10, win8_1, win8, win7, ws2008,
  ]

  /// The versions `guest` asks for, highest first: a Linux guest walks the whole list; a Windows
  /// guest starts at its own release's version (``WindowsRelease/highestVMBusVersion``, model
  /// assumption).
  package static func preferenceOrder(of guest: GuestOS) -> [VMBusVersion] {
    guard let release = guest.windowsRelease else { return guestPreferenceOrder }
    return guestPreferenceOrder.filter { $0.wireValue <= release.highestVMBusVersion }
  }

  /// The 32-bit wire value, `major << 16 | minor`.
  package var wireValue: UInt32 { UInt32(major) << 16 | UInt32(minor) }

  /// The Linux constant name, e.g. `VERSION_WIN8_1`.
  package var linuxName: String {
    switch (major, minor) {
    case (0, 13): return "VERSION_WS2008"
    case (1, 1): return "VERSION_WIN7"
    case (2, 4): return "VERSION_WIN8"
    case (3, 0): return "VERSION_WIN8_1"
    case (4, 0): return "VERSION_WIN10"
    case (4, 1): return "VERSION_WIN10_V4_1"
    case (5, 0): return "VERSION_WIN10_V5"
    case (5, 1): return "VERSION_WIN10_V5_1"
    case (5, 2): return "VERSION_WIN10_V5_2"
    case (5, 3): return "VERSION_WIN10_V5_3"
    default: return "VERSION_\(major)_\(minor)"
    }
  }

  /// From 5.0 on, INITIATE_CONTACT goes to connection id 4 and later messages to the id the host
  /// returns (fact sheet §1.7).
  package var usesMessageConnection4: Bool { self >= .win10v5 }

  package var description: String { "\(major).\(minor)" }

  package static func < (lhs: VMBusVersion, rhs: VMBusVersion) -> Bool {
    (lhs.major, lhs.minor) < (rhs.major, rhs.minor)
  }
}

/// Linux `enum vmbus_connect_state` (drivers/hv/hyperv_vmbus.h).
package enum VMBusConnectionState: String, Sendable, Hashable {
  case disconnected
  case connecting
  case connected
  case disconnecting
}
