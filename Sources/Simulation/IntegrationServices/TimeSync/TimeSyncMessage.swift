import HVHostModel
import HVSimKernel
import HVVMBus

/// `ictimesync_data.flags` (fact sheet §4.6, Linux `ICTIMESYNCFLAG_*`).
package enum TimeSyncFlag: UInt8, Sendable, Hashable {
  case probe = 0
  /// A hard request to set the clock: the first time message after the channel opens, i.e. after
  /// boot or restore from a saved state.
  case sync = 1
  /// A periodic hint the guest may use to discipline its clock.
  case sample = 2

  package var identifier: String {
    switch self {
    case .probe: return "ICTIMESYNCFLAG_PROBE"
    case .sync: return "ICTIMESYNCFLAG_SYNC"
    case .sample: return "ICTIMESYNCFLAG_SAMPLE"
    }
  }
}

/// `ictimesync_data {parenttime, childtime, roundtriptime u64; flags u8}` (25 bytes, versions 1–3)
/// or `ictimesync_ref_data {parenttime, vmreferencetime u64; flags, leapflags, stratum u8;
/// reserved u8[3]}` (22 bytes, version 4), both packed (fact sheet §4.6).
package struct TimeSyncMessage: Sendable, Hashable {
  /// The host's time in 100-ns units since 1601-01-01 (Windows FILETIME).
  package var parentTime: UInt64
  /// Version 4: the partition reference counter (100 ns since the VM started) when the sample was
  /// taken, so a guest reading the message later can add the elapsed delta.
  package var vmReferenceTime: UInt64
  package var flag: TimeSyncFlag
  /// True for the version-4 layout.
  package var usesReferenceTime: Bool

  package init(
    parentTime: UInt64, vmReferenceTime: UInt64, flag: TimeSyncFlag, usesReferenceTime: Bool
  ) {
    self.parentTime = parentTime
    self.vmReferenceTime = vmReferenceTime
    self.flag = flag
    self.usesReferenceTime = usesReferenceTime
  }

  package var size: Int { usesReferenceTime ? 22 : 25 }
}

/// Time sync constants of the model.
package enum TimeSyncModel {
  /// Period of `ICTIMESYNCFLAG_SAMPLE` messages. **UNCONFIRMED** (fact sheet §4.6, §8 item 4:
  /// no package number; "every 5 s" is commonly quoted and used here).
  package static let samplePeriodNanoseconds = 5_000_000_000
  /// The host's wall clock when a trace begins: 2024-05-06 08:00:00 UTC (model constant), as a
  /// FILETIME (100 ns since 1601; `WLTIMEDELTA` = 116444736000000000 converts to the Unix epoch).
  package static let hostEpochFileTime: UInt64 = 133_594_560_000_000_000

  /// FILETIME of the host clock at simulated time `nanoseconds`.
  package static func fileTime(atNanoseconds nanoseconds: Int) -> UInt64 {
    hostEpochFileTime + UInt64(max(0, nanoseconds) / 100)
  }
}
