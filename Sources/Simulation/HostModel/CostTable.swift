/// How long each kind of hop takes, in simulated nanoseconds: the one cost table of the model.
///
/// **Every entry is a model assumption.** The fact sheet (§5) found almost no published Hyper-V
/// figures; each entry names the source of its *order of magnitude* and nothing more. Lessons must
/// present ratios computed from these numbers as illustrations, not measurements.
public struct CostTable: Sendable, Hashable {
  /// A trapped guest instruction leaves the guest (VM exit, exit-reason decode).
  /// Order of magnitude: "hundreds or thousands of cycles" per exit+entry (Intel, 2009) and a KVM/SVM
  /// round trip of ≈2,500 cycles (LKML 2020), fact sheet §5. 500 ns ≈ 1,500 cycles at 3 GHz.
  public var vmExit = 500
  /// The hypervisor resumes a virtual processor (VM entry). Same sources as ``vmExit``.
  public var vmEntry = 300
  /// One hypercall, entry to return. Fact sheet §5 suggests "SignalEvent hypercall ≈ 1 VM exit";
  /// no Hyper-V cycle count is public (UNCONFIRMED).
  public var hypercall = 600
  /// The hypervisor writes a 256-byte SynIC message slot and raises the target SINT.
  /// Model assumption: one exit-sized transition plus a cache-line copy.
  public var synicMessage = 1_000
  /// An interrupt (SynIC event or virtual IRQ) is delivered to a virtual processor.
  public var interruptDelivery = 500
  /// A kernel component wakes a user-mode thread in another process (VID → vmwp.exe).
  /// Order of magnitude: a thread wake-up plus a process context switch, a few µs on Windows;
  /// TV07 names this "process/machine context switch" as the emulated path's extra cost.
  public var kernelToUserDispatch = 3_000
  /// A user-mode thread enters the kernel (system call, ioctl): a few hundred ns.
  public var userToKernel = 700
  /// A kernel-to-user return (completion of an ioctl or a system call).
  public var kernelToUser = 700
  /// A call between two drivers of one kernel, locking included.
  public var kernelCall = 150
  /// Work inside one component that the trace shows as a single note.
  public var componentWork = 300
  /// vmwp.exe's IDE model decodes one port access and updates its registers (model assumption).
  public var ideEmulation = 400
  /// Fixed cost of writing one packet into a VMBus ring (index reads, barriers, trailer).
  public var ringWriteFixed = 100
  /// Memory copy bandwidth for ring writes, in bytes per nanosecond (≈10 GB/s, a memcpy figure).
  public var ringBytesPerNanosecond = 10
  /// How long a signal through the monitor page waits until the hypervisor's scan finds it and
  /// interrupts the host (fact sheet §2.2 step 6a, §5: "currently around 100 usecs"). A signal
  /// lands anywhere in the window, so the real wait ranges from 0 to about 100 µs; the model takes
  /// the documented figure, the window's end (model assumption; `docs/SIMULATION.md` shows the
  /// range).
  public var monitorLatency = 100_000
  /// The virtual switch (vmswitch.sys) handles one frame: port lookup, VLAN, extensions
  /// (model assumption, a few µs; no Windows figure is public).
  public var vswitchPerFrame = 2_000
  /// The physical network adapter's line rate in bits per nanosecond (10 Gbit/s).
  public var nicBitsPerNanosecond = 10
  /// vmwp.exe's DEC 21140 model handles one register access (model assumption, as for IDE).
  public var tulipEmulation = 400
  /// A VMBus driver processes one control message (parsing, state change).
  public var controlMessageHandling = 2_000
  /// storvsp handles one packet: maps the GPA ranges, builds the I/O request (model assumption).
  public var vspProcessing = 1_000
  /// The root storage stack (VHDX parser, file system, port driver) per request (model assumption).
  public var storageStack = 4_000
  /// Physical disk service time per request, before transfer time: an SSD-class device.
  /// Order of magnitude: tens of µs for SSD writes (general knowledge, UNCONFIRMED).
  public var diskLatency = 25_000
  /// Disk transfer bandwidth in bytes per microsecond (500 MB/s, a SATA SSD figure).
  public var diskBytesPerMicrosecond = 500
  /// Seeded variation of ``diskLatency``, drawn once per step, in percent (±).
  public var diskLatencyJitterPercent = 10
  /// Creating or initialising a partition inside the hypervisor (model assumption).
  public var partitionSetup = 200_000
  /// Mapping the guest's RAM into its GPA space (HvCallMapGpaPages, rep hypercall).
  public var memoryMapping = 2_000_000
  /// VMMS starts a worker process (vmwp.exe): process creation, tens of ms.
  public var workerProcessStart = 30_000_000
  /// BIOS power-on self test before the boot sector is read (scenery, model assumption).
  public var firmwarePOST = 250_000_000
  /// The guest kernel boots until its drivers load (scenery, model assumption).
  public var guestKernelBoot = 1_500_000_000
  /// Tearing a partition down after a hard power-off.
  public var partitionTeardown = 5_000_000
  /// A guest `hv_utils` callback parses one IC message and prepares its answer (model assumption).
  public var icHandling = 1_000
  /// A guest daemon (hv_kvp_daemon, hv_fcopy_daemon) serves one request: a file or store access.
  public var daemonWork = 5_000
  /// hv_vss_daemon freezes the guest's file systems (sync + FIFREEZE): tens of ms.
  public var fileSystemFreeze = 20_000_000
  /// hv_vss_daemon thaws them (FITHAW).
  public var fileSystemThaw = 1_000_000
  /// A Windows guest's VSS freeze: the writers prepare and flush, NTFS flushes and holds writes
  /// (model value, 200 ms; a quiet server's writers take tens of milliseconds, a busy database
  /// several seconds, within VSS's 10 s hold limit).
  public var vssWritersFreeze = 200_000_000
  /// The host's volume snapshot of the VM's files while a backup runs (model assumption).
  public var hostSnapshot = 1_500_000_000
  /// An orderly guest shutdown: services stopped, file systems synced and unmounted.
  public var guestShutdown = 2_000_000_000
  /// A forced shutdown: applications are not asked to close first.
  public var guestForcedShutdown = 500_000_000
  /// The guest writes its hibernation image (its memory) to its own disk.
  public var guestHibernate = 2_500_000_000
  /// vmwp.exe writes or reads the VM's memory and device state (1 GiB at ≈500 MB/s) for
  /// Save-VM and restore.
  public var vmStateTransfer = 2_000_000_000

  public init() {}

  /// The default table every scenario uses.
  public static let standard = CostTable()

  /// Time to copy `bytes` into a ring buffer.
  public func ringWrite(bytes: Int) -> Int { ringWriteFixed + bytes / ringBytesPerNanosecond }

  /// A memory copy of `bytes` at the ring-copy bandwidth.
  public func copy(bytes: Int) -> Int { bytes / ringBytesPerNanosecond }

  /// Disk service time for `bytes` with a per-step base latency.
  public func diskService(bytes: Int, baseLatency: Int) -> Int {
    baseLatency + bytes * 1000 / diskBytesPerMicrosecond
  }
}
