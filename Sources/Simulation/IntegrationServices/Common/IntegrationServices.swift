import HVHostModel
import HVSimKernel
import HVTrace
import HVVMBus

/// The six Integration Services (fact sheet §4): each a pair of host and guest components talking
/// `ICMSGTYPE_*` messages over a VMBus channel of its own. Each service has the same file set in
/// its own folder — its message (the payload's layout), its state, its flows — and the framework
/// in `Common/` (framing, negotiation, one request at a time, the periodic timers).
///
/// Owns every service's state, the guest's clock, KVP pools and files as the services see them,
/// and whether the guest OS services its VMBus interrupts (`hang-guest`); nothing outside this
/// folder can write them. The services see VMBus only through ``ICChannelBus``.
package final class IntegrationServices {
  package typealias Continuation = Kernel.Continuation
  package typealias Action = Kernel.Action
  /// The guest side of one request: records its own hops, then yields the answer.
  package typealias ICGuestHandler = (_ request: ICMessage, _ answer: @escaping (ICMessage) -> Void)
    -> Void

  let kernel: Kernel
  let costs: CostTable
  /// The channels the services use, through the transport interface only.
  let bus: any ICChannelBus
  let vmName: String
  let hostVersion: HostVersion
  let guestHasIntegrationServices: Bool
  /// The guest's operating system: who answers on the guest's side (an `hv_utils` callback and
  /// its daemon, or a Windows service), and the version-dependent behaviour of time sync, backup
  /// and KVP.
  let guestOS: GuestOS
  /// The guest's words for its side of the paths.
  var words: GuestVocabulary { guestOS.words }
  /// Replaces the guest's version list of a service (a guest that shares no version with the host).
  let guestServiceVersions: [IntegrationService: [ICVersion]]
  /// The VM's power state, as the power component holds it (read only; the composition root
  /// connects it once the power component exists, which itself needs the services).
  package var vmPowerState: () -> VMPowerState = { .off }
  /// Draws of the services (instance ids, clock drift, timer phases): a stream of its own, so the
  /// storage path sees the same numbers as before the services existed.
  let random: RandomStream

  /// The six services, in ``IntegrationService/allCases`` order.
  package internal(set) var icServices: [ICServiceState]
  package internal(set) var heartbeat = HeartbeatState()
  package internal(set) var timeSync = TimeSyncState()
  package internal(set) var guestClock: GuestClock
  package internal(set) var kvpStore: KVPStore
  package internal(set) var guestFiles: GuestFileSystem
  /// `hang-guest`: the guest OS stops servicing VMBus interrupts.
  package internal(set) var guestHung = false
  /// When the running VM's partition reference counter started (time-sync `vmreferencetime`).
  var referenceCounterStart = 0
  /// When the current drain iteration began and when the guest last applied a time sample: a
  /// compressed drain replays the last skipped correction from them.
  var drainStart = 0
  var lastTimeSampleApplied = 0
  /// A shutdown the guest accepted late (read after `resume-guest`): it shuts down after the drain.
  package internal(set) var acceptedShutdown: ShutdownMessage?
  /// The file the fcopy daemon has open (between START_FILE_COPY and COMPLETE/CANCEL).
  var copyTarget: String?

  package init(
    kernel: Kernel, costs: CostTable, bus: any ICChannelBus, vmName: String,
    hostVersion: HostVersion, enabledServices: [IntegrationService],
    guestHasIntegrationServices: Bool, guestServiceVersions: [IntegrationService: [ICVersion]],
    guestOS: GuestOS = .default, seed: UInt64
  ) {
    self.guestOS = guestOS
    guestFiles = GuestFileSystem.initial(for: guestOS)
    self.kernel = kernel
    self.costs = costs
    self.bus = bus
    self.vmName = vmName
    self.hostVersion = hostVersion
    self.guestHasIntegrationServices = guestHasIntegrationServices
    self.guestServiceVersions = guestServiceVersions
    random = RandomStream(component: "integration-services", seed: seed)
    icServices = IntegrationService.allCases.map { service in
      ICServiceState(
        service: service,
        enabled: hostVersion.offeredServices.contains(service) && enabledServices.contains(service))
    }
    let drift = -50 - Int(random.next(below: 101))
    guestClock = GuestClock(driftPPM: drift, offsetNanoseconds: 0, at: 0)
    kvpStore = KVPStore.initial(
      vmName: vmName, hostOctet: 10 + Int(random.next(below: 240)), guest: guestOS)
  }

  var powerState: VMPowerState { vmPowerState() }

  /// The state of one service.
  package func ic(_ service: IntegrationService) -> ICServiceState { icServices[service.index] }

  func updateIC(_ service: IntegrationService, _ change: (inout ICServiceState) -> Void) {
    change(&icServices[service.index])
  }

  // MARK: The VM's life cycle, as the services see it

  /// The partition's reference counter starts (a power-on).
  package func partitionStarted() { referenceCounterStart = kernel.now }

  /// The guest kernel takes its wall-clock time from the RTC, which has whole seconds only
  /// (model assumption): it starts up to a second behind the host.
  package func guestKernelBoots() {
    guestClock = GuestClock(
      driftPPM: guestClock.driftPPM, offsetNanoseconds: -Int(random.next(below: 1_000_000_000)),
      at: kernel.now)
  }

  /// `Save-VM`: the periodic traffic stops and the guest's clock stands still.
  package func vmSaved() {
    stopServiceTimers()
    guestClock.freeze(at: kernel.now)
  }

  /// The VP resumes after a restore: the guest's clock runs again from where it stood.
  package func vmResumed() { guestClock.thaw(at: kernel.now) }

  /// The heartbeat starts over (No Contact until its first answer) and the time service owes a
  /// SYNC; both go out at the next safe point.
  package func restartServicesAfterRestore() {
    if ic(.heartbeat).isReady {
      heartbeat.status = .noContact
      heartbeat.missed = 0
      heartbeat.deadline = nil
      startService(.heartbeat)
    }
    if ic(.timeSync).isReady { startService(.timeSync) }
  }

  /// Everything that lived in the partition is gone; the host's settings, the guest's disk (its
  /// files, its stored KVP pools) and the clock's drift remain.
  package func reset() {
    icServices = icServices.map { ICServiceState(service: $0.service, enabled: $0.enabled) }
    heartbeat = HeartbeatState()
    timeSync = TimeSyncState()
    guestHung = false
    acceptedShutdown = nil
  }

  /// A service's channel was offered with `relid`.
  func channelOffered(_ service: IntegrationService, relid: UInt32) {
    updateIC(service) {
      $0.relid = relid
      $0.phase = .offered
      $0.utilState = .initial
    }
  }

  /// OFFERCHANNEL for a service: its instance id from the services' own stream.
  package func offerChannel(_ service: IntegrationService, then next: @escaping Continuation) {
    let instance = GUID.random(using: random)
    channelOffered(service, relid: bus.nextRelid)
    bus.offer(service.deviceClass, instanceID: instance, then: next)
  }
}
