/// The Linux kernel a scenario's guest runs (`vm.guest: linux-<major>.<minor>`), pinned so that
/// version-dependent behaviour follows one release (fact sheet §9.10).
///
/// What follows the version in the model:
/// - time sync (`hv_util.c` `timesync_onchannelcallback`): kernels before
///   ``recordsTimeSamplesSince`` apply the first ``legacyAppliedSamples`` SAMPLE messages like a
///   SYNC; later kernels only record SAMPLEs for the `hyperv` PTP clock and set the clock on SYNC;
/// - backup (`hv_snapshot.c` `vss_handle_request`): from ``vssDaemonHotBackupSince`` the kernel hands
///   HOT_BACKUP to `hv_vss_daemon` like FREEZE and THAW (§9.8); before, it answers it itself;
/// - data exchange: the intrinsic KVP items the daemon takes from `uname` (§4.7).
///
/// **Model assumptions**: the fact sheet dates the two changes only as "older kernels" and
/// "since Linux 4.x"; the model places the PTP change at 4.13 (where Linux gained the `hyperv` PTP
/// clock) and the HOT_BACKUP hand-off at 4.9 (the commit "Drivers: hv: utils: Check VSS daemon is
/// listening before a hot backup", 2016).
public struct GuestKernel: Sendable, Hashable, Comparable, CustomStringConvertible {
  public var major: Int
  public var minor: Int

  public init(_ major: Int, _ minor: Int) {
    self.major = major
    self.minor = minor
  }

  /// The model's default guest: Linux 6.12, a long-term-support release.
  public static let defaultLTS = GuestKernel(6, 12)
  /// The oldest kernel the model accepts: 2.6 had no `hv_utils` in the mainline tree.
  public static let oldest = GuestKernel(3, 0)
  /// The newest the model accepts.
  public static let newest = GuestKernel(6, 99)

  public static let recordsTimeSamplesSince = GuestKernel(4, 13)
  public static let vssDaemonHotBackupSince = GuestKernel(4, 9)
  /// Older `adj_guesttime` applied this many SAMPLEs after the channel opened (`scnt = 50`).
  public static let legacyAppliedSamples = 50

  /// `linux-6.12`: the scenario file's spelling.
  public var description: String { "linux-\(major).\(minor)" }
  /// `6.12.0`: what `uname -r` starts with (the model's kernels have patch level 0).
  public var release: String { "\(major).\(minor).0" }

  /// Parses `linux-6.12`; nil for anything else.
  public init?(parsing text: String) {
    guard text.hasPrefix("linux-") else { return nil }
    let parts = text.dropFirst(6).split(separator: ".", omittingEmptySubsequences: false)
    guard parts.count == 2, let major = Int(parts[0]), let minor = Int(parts[1]),
      parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) })
    else { return nil }
    self.init(major, minor)
  }

  public static func < (lhs: GuestKernel, rhs: GuestKernel) -> Bool {
    (lhs.major, lhs.minor) < (rhs.major, rhs.minor)
  }

  /// True when SAMPLE messages only feed the PTP clock.
  public var recordsTimeSamples: Bool { self >= Self.recordsTimeSamplesSince }
  /// True when `hv_vss_daemon` answers HOT_BACKUP.
  public var vssDaemonAnswersHotBackup: Bool { self >= Self.vssDaemonHotBackupSince }
}
