/// A Windows Server release a scenario's guest runs (`vm.guest: windows-server-2012r2 | …`).
///
/// What the release decides in the model: the highest VMBus version its `vmbus.sys` asks for
/// (the release each version constant is named after in Linux `hyperv.h`, fact sheet §3.3: a
/// guest asks for the version of its own release first — **model assumption**), and the intrinsic
/// KVP items it publishes (`OSName`, `OSVersion`, the build). The Integration Services protocol on
/// the wire is the same as for Linux guests (fact sheet §4).
public enum WindowsRelease: String, Sendable, Hashable, CaseIterable, Comparable {
  case server2012R2 = "windows-server-2012r2"
  case server2016 = "windows-server-2016"
  case server2019 = "windows-server-2019"

  /// `Windows Server 2012 R2`: what an administrator calls it.
  public var displayName: String {
    switch self {
    case .server2012R2: return "Windows Server 2012 R2"
    case .server2016: return "Windows Server 2016"
    case .server2019: return "Windows Server 2019"
    }
  }

  /// `(major, minor, build)` of the release (6.3.9600, 10.0.14393, 10.0.17763).
  public var version: (major: Int, minor: Int, build: Int) {
    switch self {
    case .server2012R2: return (6, 3, 9600)
    case .server2016: return (10, 0, 14393)
    case .server2019: return (10, 0, 17763)
    }
  }

  /// `6.3.9600`: `OSVersion` as the KVP auto pool carries it.
  public var versionString: String { "\(version.major).\(version.minor).\(version.build)" }

  /// The highest VMBus protocol the release's `vmbus.sys` requests, as `major << 16 | minor`:
  /// WIN8_1 (3.0) for 2012 R2, WIN10 (4.0) for 2016, WIN10_V5_2 (5.2, "Windows Server 2019 / RS5")
  /// for 2019 (fact sheet §3.3; model assumption, see the type's comment).
  public var highestVMBusVersion: UInt32 {
    switch self {
    case .server2012R2: return 3 << 16
    case .server2016: return 4 << 16
    case .server2019: return 5 << 16 | 2
    }
  }

  /// The in-box Integration Services' version the guest reports (`IntegrationServicesVersion`
  /// under `HKLM\SOFTWARE\Microsoft\Virtual Machine\Auto`, fact sheet §4.10). Model values: the
  /// release's RTM build with revision 0 (a real guest shows its last update).
  public var integrationServicesVersion: String { versionString + ".0" }

  public static func < (lhs: WindowsRelease, rhs: WindowsRelease) -> Bool {
    allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
  }
}

/// The guest operating system of a scenario (`vm.guest`): a pinned Linux kernel (the default,
/// ``GuestKernel/defaultLTS``) or a Windows Server release.
///
/// The operating system decides who does the guest's side of every path — `hv_utils` in the Linux
/// kernel and its daemons, or the `vmic…` Windows services in user mode — and so the actors, their
/// modes and the labels of a trace (``GuestVocabulary``); the messages on VMBus do not change.
public enum GuestOS: Sendable, Hashable, CustomStringConvertible {
  case linux(GuestKernel)
  case windows(WindowsRelease)

  /// The model's default guest.
  public static let `default` = GuestOS.linux(.defaultLTS)

  /// `linux-6.12`, `windows-server-2016`: the scenario file's spelling.
  public var description: String {
    switch self {
    case .linux(let kernel): return kernel.description
    case .windows(let release): return release.rawValue
    }
  }

  /// Parses the scenario file's spelling; nil for anything else. A Linux kernel outside the range
  /// the model knows still parses (the parser reports the range).
  public init?(parsing text: String) {
    if let release = WindowsRelease(rawValue: text) {
      self = .windows(release)
    } else if let kernel = GuestKernel(parsing: text) {
      self = .linux(kernel)
    } else {
      return nil
    }
  }

  public var isWindows: Bool {
    if case .windows = self { return true }
    return false
  }

  /// The Linux kernel, for a Linux guest.
  public var linuxKernel: GuestKernel? {
    if case .linux(let kernel) = self { return kernel }
    return nil
  }

  /// The Windows release, for a Windows guest.
  public var windowsRelease: WindowsRelease? {
    if case .windows(let release) = self { return release }
    return nil
  }

  /// `linux` or `windows`: the family the site picks actor names by.
  public var family: String { isWindows ? "windows" : "linux" }

  /// The words the trace uses for the guest's side of each path.
  public var words: GuestVocabulary { isWindows ? .windows : .linux }

  /// True when SAMPLE messages only feed a clock the guest keeps beside its own: Linux from 4.13
  /// (the `hyperv` PTP clock, fact sheet §9.10). A Windows guest hands every sample to W32Time
  /// through the VMICTimeProvider (fact sheet §4.6 [BA10]: "time readings are fed to Windows as a
  /// time provider"); that W32Time then corrects the clock at each sample is a **model
  /// assumption** (its discipline is not public).
  public var recordsTimeSamplesOnly: Bool { linuxKernel?.recordsTimeSamples ?? false }

  /// How many SAMPLEs the guest applies to its clock after the channel opens (nil: all of them).
  public var appliedTimeSamples: Int? {
    switch self {
    case .linux(let kernel):
      return kernel.recordsTimeSamples ? 0 : GuestKernel.legacyAppliedSamples
    case .windows: return nil
    }
  }

  /// True when HOT_BACKUP goes to the guest's user-mode side (Linux from 4.9: `hv_vss_daemon`;
  /// Windows: `vmicvss` is itself a user-mode service).
  public var hotBackupInUserMode: Bool { linuxKernel?.vssDaemonAnswersHotBackup ?? true }
}
