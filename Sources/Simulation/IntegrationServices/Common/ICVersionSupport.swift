import HVTrace
import HVHostModel
import HVSimKernel
import HVVMBus

/// Which versions each side of each Integration Service speaks (fact sheet §4.1, §4.3).
///
/// The guest's service-version lists are Linux's (`hv_util.c`, `hv_kvp.c`, `hv_snapshot.c`, the
/// fcopy daemon). The host's lists are **model assumptions**: the sheet gives no per-host table,
/// so each host offers the versions whose Linux names or patch notes tie them to that release.
extension IntegrationService {
  /// The message type of the service's channel after NEGOTIATE.
  package var messageType: ICMessageType {
    switch self {
    case .heartbeat: return .heartbeat
    case .shutdown: return .shutdown
    case .timeSync: return .timeSync
    case .dataExchange: return .kvpExchange
    case .backup: return .vss
    case .guestServices: return .fcopy
    }
  }

  /// Framework versions the model's guest accepts, preferred first.
  ///
  /// Model assumption: every service accepts `UTIL_FW_VERSION` 3.0 and `UTIL_WS2K8_FW_VERSION`
  /// 1.0, as Linux's heartbeat, shutdown and time-sync services do, so that WS2008 hosts (which
  /// the model gives framework 1.0 only) work with every service.
  package var guestFrameworkVersions: [ICVersion] { [.utilFramework, .ws2008Framework] }

  /// Service versions the model's guest accepts, preferred first (fact sheet §4.1 table).
  package var guestServiceVersions: [ICVersion] {
    switch self {
    case .heartbeat: return [ICVersion(3, 0), ICVersion(1, 0)]
    case .shutdown: return [ICVersion(3, 2), ICVersion(3, 1), ICVersion(3, 0), ICVersion(1, 0)]
    case .timeSync: return [ICVersion(4, 0), ICVersion(3, 0), ICVersion(1, 0)]
    case .dataExchange: return [ICVersion(4, 0), ICVersion(3, 0), ICVersion(1, 0)]
    case .backup: return [ICVersion(5, 0)]
    case .guestServices: return [ICVersion(1, 1)]
    }
  }

  /// Framework versions a host lists in its NEGOTIATE (model assumption: 1.0 only on WS2008,
  /// whose framework Linux calls `UTIL_WS2K8_FW_VERSION`; 3.0 and 1.0 afterwards).
  package func hostFrameworkVersions(_ host: HostVersion) -> [ICVersion] {
    host == .ws2008 ? [.ws2008Framework] : [.utilFramework, .ws2008Framework]
  }

  /// Service versions a host lists in its NEGOTIATE, highest first (model assumption).
  ///
  /// - Heartbeat: 1.0 on WS2008 (`HB_WS2008_VERSION`), then 3.0.
  /// - Shutdown: 1.0 on WS2008, 3.0 from 2008R2; 3.1 (reboot) from 2019 and 3.2 (hibernate)
  ///   from 2022: the sheet only says later versions added them (UNCONFIRMED release mapping).
  /// - Time sync: 1.0 on WS2008, 3.0 from 2008R2, 4.0 (reference-time samples) from 2016.
  /// - KVP: 1.0 on WS2008, 3.0 on 2008R2, 4.0 from 2012 (Linux `WS2008`, `WIN7`, `WIN8` names).
  /// - VSS: 5.0 from 2012R2; older hosts are not modelled because the Linux guest does not open
  ///   the channel below VMBus 3.0 (`hv_vss_init`).
  /// - Guest services (fcopy): 1.1, from 2012R2.
  package func hostServiceVersions(_ host: HostVersion) -> [ICVersion] {
    let v = ICVersion.init
    switch (self, host) {
    case (.heartbeat, .ws2008): return [v(1, 0)]
    case (.heartbeat, _): return [v(3, 0), v(1, 0)]
    case (.shutdown, .ws2008): return [v(1, 0)]
    case (.shutdown, .ws2019): return [v(3, 1), v(3, 0), v(1, 0)]
    case (.shutdown, .ws2022): return [v(3, 2), v(3, 1), v(3, 0), v(1, 0)]
    case (.shutdown, _): return [v(3, 0), v(1, 0)]
    case (.timeSync, .ws2008): return [v(1, 0)]
    case (.timeSync, .ws2016), (.timeSync, .ws2019), (.timeSync, .ws2022):
      return [v(4, 0), v(3, 0), v(1, 0)]
    case (.timeSync, _): return [v(3, 0), v(1, 0)]
    case (.dataExchange, .ws2008): return [v(1, 0)]
    case (.dataExchange, .ws2008R2): return [v(3, 0), v(1, 0)]
    case (.dataExchange, _): return [v(4, 0), v(3, 0), v(1, 0)]
    case (.backup, _): return [v(5, 0)]
    case (.guestServices, _): return [v(1, 1)]
    }
  }

  /// The NEGOTIATE data a host sends for this service.
  package func hostNegotiation(_ host: HostVersion) -> ICNegotiateData {
    ICNegotiateData(
      frameworkVersions: hostFrameworkVersions(host), messageVersions: hostServiceVersions(host))
  }

  /// The guest-side actor that handles the service in the kernel (Linux `hv_utils` callbacks).
  var guestActor: ActorID {
    switch self {
    case .heartbeat: return .heartbeatGuest
    case .shutdown: return .shutdownGuest
    case .timeSync: return .timeSyncGuest
    case .dataExchange: return .kvpGuest
    case .backup: return .vssGuest
    case .guestServices: return .fcopyGuest
    }
  }

  /// The host-side actor (the service's component in the worker process).
  var hostActor: ActorID {
    switch self {
    case .heartbeat: return .heartbeatHost
    case .shutdown: return .shutdownHost
    case .timeSync: return .timeSyncHost
    case .dataExchange: return .kvpHost
    case .backup: return .vssHost
    case .guestServices: return .fcopyHost
    }
  }

  /// Who does a request's work beside the service on `guest`: the Linux daemon, or on Windows
  /// the registry (KVP), the Volume Shadow Copy service (backup), the file system (file copy).
  func guestHelper(on guest: GuestOS) -> ActorID? {
    guard guest.isWindows else { return guestDaemon }
    switch self {
    case .dataExchange: return .guestRegistry
    case .backup: return .vssWriters
    case .guestServices: return .guestKernel
    default: return nil
    }
  }

  /// What the Windows service asks of its helper (labels).
  var windowsHelperCall: Phrase {
    switch self {
    case .dataExchange: return "reads or writes the pool's registry key"
    case .backup: return "asks the Volume Shadow Copy service"
    case .guestServices: return "calls the file system (NTFS)"
    default: return "works"
    }
  }

  /// The user-mode daemon the guest driver hands requests to, for the services that have one
  /// (`hv_kvp_daemon`, `hv_vss_daemon`, `hv_fcopy_daemon`; fact sheet §1.3).
  var guestDaemon: ActorID? {
    switch self {
    case .dataExchange: return .kvpDaemon
    case .backup: return .vssDaemon
    case .guestServices: return .fcopyDaemon
    default: return nil
    }
  }

}
