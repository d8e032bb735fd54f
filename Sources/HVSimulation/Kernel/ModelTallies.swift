/// Additive tallies kept by the components themselves (the hypervisor counts what it handled, the
/// disk what it stored). A compressed repeat adds one iteration's difference `count − 1` more
/// times; tests compare the tallies with the counters derived from the trace.
public struct ModelTallies: Sendable, Hashable {
  public var hypervisor = HypervisorStatistics()
  public var diskRequests = 0
  public var diskBytesWritten = 0
  public var diskBytesRead = 0
  public var vspRequestsServed = 0
  public var portAccessesEmulated = 0
  public var ringPacketsWritten = 0
  public var ringBytesWritten = 0

  public init() {}

  static func - (lhs: ModelTallies, rhs: ModelTallies) -> ModelTallies {
    var result = lhs
    result.hypervisor = lhs.hypervisor - rhs.hypervisor
    result.diskRequests -= rhs.diskRequests
    result.diskBytesWritten -= rhs.diskBytesWritten
    result.diskBytesRead -= rhs.diskBytesRead
    result.vspRequestsServed -= rhs.vspRequestsServed
    result.portAccessesEmulated -= rhs.portAccessesEmulated
    result.ringPacketsWritten -= rhs.ringPacketsWritten
    result.ringBytesWritten -= rhs.ringBytesWritten
    return result
  }

  static func * (lhs: ModelTallies, count: Int) -> ModelTallies {
    var result = ModelTallies()
    result.hypervisor = lhs.hypervisor * count
    result.diskRequests = lhs.diskRequests * count
    result.diskBytesWritten = lhs.diskBytesWritten * count
    result.diskBytesRead = lhs.diskBytesRead * count
    result.vspRequestsServed = lhs.vspRequestsServed * count
    result.portAccessesEmulated = lhs.portAccessesEmulated * count
    result.ringPacketsWritten = lhs.ringPacketsWritten * count
    result.ringBytesWritten = lhs.ringBytesWritten * count
    return result
  }

  static func += (lhs: inout ModelTallies, rhs: ModelTallies) {
    lhs.hypervisor += rhs.hypervisor
    lhs.diskRequests += rhs.diskRequests
    lhs.diskBytesWritten += rhs.diskBytesWritten
    lhs.diskBytesRead += rhs.diskBytesRead
    lhs.vspRequestsServed += rhs.vspRequestsServed
    lhs.portAccessesEmulated += rhs.portAccessesEmulated
    lhs.ringPacketsWritten += rhs.ringPacketsWritten
    lhs.ringBytesWritten += rhs.ringBytesWritten
  }
}
