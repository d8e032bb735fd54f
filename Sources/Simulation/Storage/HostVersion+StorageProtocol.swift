import HVHostModel
import HVHypervisor

extension HostVersion {
  /// The highest storvsc/storvsp protocol the host accepts (fact sheet §2.2 version history).
  package var storageProtocol: StorageProtocolVersion {
    switch self {
    case .ws2008: return .ws2008
    case .ws2008R2: return .win7
    case .ws2012: return .win8
    case .ws2012R2: return .win8_1
    case .ws2016, .ws2019, .ws2022: return .win10
    }
  }
}
