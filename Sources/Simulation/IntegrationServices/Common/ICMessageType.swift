import HVHostModel
import HVSimKernel
import HVTrace
import HVVMBus

/// The IC message types of `icmsg_hdr.icmsgtype` (fact sheet §4.1, §7; Linux `ICMSGTYPE_*` in
/// include/linux/hyperv.h). Every Integration Service channel carries NEGOTIATE first, then its own
/// type.
package enum ICMessageType: UInt16, Sendable, Hashable, CaseIterable {
  case negotiate = 0
  case heartbeat = 1
  case kvpExchange = 2
  case shutdown = 3
  case timeSync = 4
  case vss = 5
  case fcopy = 7

  /// The Linux identifier the trace uses as the event's `message` (contract §3).
  package var identifier: String {
    switch self {
    case .negotiate: return "ICMSGTYPE_NEGOTIATE"
    case .heartbeat: return "ICMSGTYPE_HEARTBEAT"
    case .kvpExchange: return "ICMSGTYPE_KVPEXCHANGE"
    case .shutdown: return "ICMSGTYPE_SHUTDOWN"
    case .timeSync: return "ICMSGTYPE_TIMESYNC"
    case .vss: return "ICMSGTYPE_VSS"
    case .fcopy: return "ICMSGTYPE_FCOPY"
    }
  }
}

/// `icmsg_hdr.icflags` (fact sheet §4.2): ICMSGHDRFLAG_TRANSACTION 1, REQUEST 2, RESPONSE 4.
///
/// Guests answer with TRANSACTION|RESPONSE (5) in the buffer they received (Linux
/// `vmbus_sendpacket` after setting `icflags`, FreeBSD `vmbus_ic_sendresp`). That the host marks
/// its requests TRANSACTION|REQUEST (3) is inferred from the flag names (fact sheet §8 item 7,
/// UNCONFIRMED; guests do not check it): the model does so.
package struct ICMessageFlags: OptionSet, Sendable, Hashable, CustomStringConvertible {
  package let rawValue: UInt8
  package init(rawValue: UInt8) { self.rawValue = rawValue }

  package static let transaction = ICMessageFlags(rawValue: 1)
  package static let request = ICMessageFlags(rawValue: 2)
  package static let response = ICMessageFlags(rawValue: 4)

  /// What the host sends: TRANSACTION|REQUEST = 3.
  package static let hostRequest: ICMessageFlags = [.transaction, .request]
  /// What the guest answers: TRANSACTION|RESPONSE = 5.
  package static let guestResponse: ICMessageFlags = [.transaction, .response]

  /// `TRANSACTION|RESPONSE`, the names without the `ICMSGHDRFLAG_` prefix.
  package var description: String {
    var names: [String] = []
    if contains(.transaction) { names.append("TRANSACTION") }
    if contains(.request) { names.append("REQUEST") }
    if contains(.response) { names.append("RESPONSE") }
    return names.isEmpty ? "0" : names.joined(separator: "|")
  }
}

/// HRESULT-style status codes of `icmsg_hdr.status` (fact sheet §4.2, Linux uapi `HV_*`).
package enum ICStatus: UInt32, Sendable, Hashable, CaseIterable {
  case ok = 0x0000_0000
  case fail = 0x8000_4005
  /// ERROR_NO_MORE_ITEMS: a KVP lookup or enumeration found nothing (more) at that index.
  case cont = 0x8007_0103
  case notSupported = 0x8007_0032
  case machineLocked = 0x8007_04F7
  case deviceNotConnected = 0x8007_048F
  case invalidArgument = 0x8007_0057
  case guidNotFound = 0x8004_1002
  case alreadyExists = 0x8007_0050
  case diskFull = 0x8007_0070

  /// The Linux identifier, e.g. `HV_ERROR_ALREADY_EXISTS`.
  package var identifier: String {
    switch self {
    case .ok: return "HV_S_OK"
    case .fail: return "HV_E_FAIL"
    case .cont: return "HV_S_CONT"
    case .notSupported: return "HV_ERROR_NOT_SUPPORTED"
    case .machineLocked: return "HV_ERROR_MACHINE_LOCKED"
    case .deviceNotConnected: return "HV_ERROR_DEVICE_NOT_CONNECTED"
    case .invalidArgument: return "HV_INVALIDARG"
    case .guidNotFound: return "HV_GUID_NOTFOUND"
    case .alreadyExists: return "HV_ERROR_ALREADY_EXISTS"
    case .diskFull: return "HV_ERROR_DISK_FULL"
    }
  }

  /// `HV_ERROR_ALREADY_EXISTS (0x80070050)`.
  package var text: String {
    "\(identifier) (\(DetailValue.hexString(UInt64(rawValue), digits: 8)))"
  }
}
