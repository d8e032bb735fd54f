import HVHostModel

/// The VMBus protocol that follows from the host version.
extension HostVersion {
  /// The highest VMBus protocol the host accepts (fact sheet §3.3, Linux `VERSION_*` comments).
  ///
  /// Model assumption for 2016: the sheet maps 4.0 to "Windows 10"; Windows Server 2016 shares the
  /// Windows 10 (1607) code base, so it is given 4.0.
  package var vmbusVersion: VMBusVersion {
    switch self {
    case .ws2008: return .ws2008
    case .ws2008R2: return .win7
    case .ws2012: return .win8
    case .ws2012R2: return .win8_1
    case .ws2016: return .win10
    case .ws2019: return .win10v5_2
    case .ws2022: return .win10v5_3
    }
  }
}
