import HVHostModel
import HVSimKernel

/// A 128-bit identifier in its canonical lower-case text form (`ba6163d9-04a1-4d29-b605-72e2ffb1dc7f`).
package struct GUID: Sendable, Hashable, CustomStringConvertible {
  package let high: UInt64
  package let low: UInt64

  package init(high: UInt64, low: UInt64) {
    self.high = high
    self.low = low
  }

  /// Parses the canonical 8-4-4-4-12 form; traps on malformed constants (they are source literals).
  package init(_ text: String) {
    let hex = text.filter { $0 != "-" }
    precondition(hex.count == 32, "malformed GUID \(text)")
    guard let high = UInt64(hex.prefix(16), radix: 16), let low = UInt64(hex.suffix(16), radix: 16)
    else { preconditionFailure("malformed GUID \(text)") }
    self.init(high: high, low: low)
  }

  /// A version-4 style GUID drawn from a component's stream (instance ids of offered devices).
  package static func random(using stream: RandomStream) -> GUID {
    let high = (stream.next() & 0xFFFF_FFFF_FFFF_0FFF) | 0x0000_0000_0000_4000
    let low = (stream.next() & 0x3FFF_FFFF_FFFF_FFFF) | 0x8000_0000_0000_0000
    return GUID(high: high, low: low)
  }

  package var description: String {
    let digits = hex(high, 16) + hex(low, 16)
    let parts = [0..<8, 8..<12, 12..<16, 16..<20, 20..<32].map { range -> String in
      let start = digits.index(digits.startIndex, offsetBy: range.lowerBound)
      let end = digits.index(digits.startIndex, offsetBy: range.upperBound)
      return String(digits[start..<end])
    }
    return parts.joined(separator: "-")
  }

  private func hex(_ value: UInt64, _ width: Int) -> String {
    let raw = String(value, radix: 16)
    return String(repeating: "0", count: width - raw.count) + raw
  }
}

/// VMBus device classes (`if_type` GUIDs of offers), fact sheet §4.1 [L-HV].
///
/// The storage classes are used now; the Integration Service classes are listed so that each
/// service is, later, only a new channel offered with its class.
package enum VMBusDeviceClass: String, Sendable, CaseIterable {
  case ide
  case scsi
  case network
  /// The synthetic mouse, keyboard and video (framebuffer) devices every VM is offered
  /// (`HV_MOUSE_GUID`, `HV_KBD_GUID`, `HV_SYNTHVID_GUID` in Linux `hyperv.h`).
  case mouse
  case keyboard
  case video
  case heartbeat
  case shutdown
  case timeSync
  case keyValuePair
  case volumeShadowCopy
  case fileCopy

  package var classID: GUID {
    switch self {
    case .ide: return GUID("32412632-86cb-44a2-9b5c-50d1417354f5")
    case .scsi: return GUID("ba6163d9-04a1-4d29-b605-72e2ffb1dc7f")
    case .network: return GUID("f8615163-df3e-46c5-913f-f2d2f965ed0e")
    case .mouse: return GUID("cfa8b69e-5b4a-4cc0-b98b-8ba1a1f3f95a")
    case .keyboard: return GUID("f912ad6d-2b17-48ea-bd65-f927a61c7684")
    case .video: return GUID("da0a7802-e377-4aac-8e77-0558eb1073f8")
    case .heartbeat: return GUID("57164f39-9115-4e78-ab55-382f3bd5422d")
    case .shutdown: return GUID("0e0b6031-5213-4934-818b-38d90ced39db")
    case .timeSync: return GUID("9527e630-d0ae-497b-adce-e80ab0175caf")
    case .keyValuePair: return GUID("a9a0f4e7-5a45-4d96-b827-8a841e8c03e6")
    case .volumeShadowCopy: return GUID("35fa2e29-ea23-4236-96ae-3a6ebacba440")
    case .fileCopy: return GUID("34d14be3-dee4-41c8-9ae7-6b174977c192")
    }
  }

  /// A performance device, offered with a monitor page bit (`monitor_allocated = 1`, fact sheet
  /// §9.5): the storage controllers. The util (Integration Service) channels are not.
  /// The network adapter too: Linux marks it a performance device, and Microsoft's OpenVMM
  /// NetVSP offers it with monitored notification; whether a Windows host does is UNCONFIRMED.
  package var usesMonitorPage: Bool { self == .ide || self == .scsi || self == .network }

  /// How lessons name the device.
  package var displayName: String {
    switch self {
    case .ide: return "IDE (synthetic path)"
    case .scsi: return "SCSI controller"
    case .network: return "Network adapter"
    case .mouse: return "Synthetic mouse"
    case .keyboard: return "Synthetic keyboard"
    case .video: return "Synthetic video"
    case .heartbeat: return "Heartbeat"
    case .shutdown: return "Shutdown"
    case .timeSync: return "Time Synchronization"
    case .keyValuePair: return "Key-Value Pair Exchange"
    case .volumeShadowCopy: return "VSS"
    case .fileCopy: return "Guest Service Interface"
    }
  }
}
