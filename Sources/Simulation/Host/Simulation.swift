import HVHostModel
import HVHypervisor
import HVIntegrationServices
import HVNetwork
import HVPower
import HVSimKernel
import HVStorage
import HVTrace
import HVVMBus

/// The model of one Hyper-V host with one VM: the composition root.
///
/// Builds the components (kernel, hypervisor, VMBus, storage, Integration Services, power), each a
/// module that owns its state (docs/ARCHITECTURE.md, "The simulation"); dispatches each scenario
/// step to the component that owns it; assembles the status, the invariants and the snapshot
/// from the components' read-only views. It can read every component's state and write none.
public final class Simulation {
  package typealias Continuation = Kernel.Continuation
  typealias Action = Kernel.Action

  public let configuration: SimulationConfiguration
  let costs: CostTable
  let kernel: Kernel
  var stepIndex = 0

  // MARK: Component state

  /// The components.
  let hypervisor: Hypervisor
  let vmbus: VMBus
  let storage: Storage
  let network: Network
  let ics: IntegrationServices

  let power: Power
  /// The VM's power state (the power component's).
  public var powerState: VMPowerState { power.state }
  /// What the VMBus component holds (read-only views).
  var vmbusGuest: VMBusGuestState { vmbus.guest }
  var vmbusHost: VMBusHostState { vmbus.host }
  var channels: [VMBusChannel] { vmbus.channels }
  var storvsc: StorVSCState { storage.storvsc }
  /// What the components counted of their own work.
  package var tallies: Tallies { kernel.tallies }
  /// Events executed (including muted ones and only the first iteration of a compressed repeat).
  public var executedEvents: Int { kernel.executedEvents }

  /// Called after every event with the event (nil while muted): tests check invariants here.
  package var observer: ((Simulation, TraceEvent?) -> Void)? {
    didSet {
      kernel.onEvent = observer.map { observe in { [unowned self] event in observe(self, event) } }
    }
  }

  public init(configuration: SimulationConfiguration) {
    self.configuration = configuration
    costs = configuration.costs
    kernel = Kernel(
      actors: ActorID.catalog(for: configuration.guest), compressRepeats: configuration.compressRepeats)
    hypervisor = Hypervisor(kernel: kernel, costs: costs, seed: configuration.seed)
    let guestRandom = RandomStream(component: "guest", seed: configuration.seed)
    vmbus = VMBus(
      kernel: kernel, costs: costs, hypervisor: hypervisor,
      hostMaximum: configuration.hostVersion.vmbusVersion,
      random: RandomStream(component: "vmbus", seed: configuration.seed),
      gpaBase: 0x10_0000 + guestRandom.next(below: 0x30_0000) / 0x100 * 0x100,
      guestOS: configuration.guest)
    storage = Storage(
      kernel: kernel, costs: costs, hypervisor: hypervisor, vmbus: vmbus,
      usesEmulatedDisk: configuration.usesEmulatedDisk,
      hostProtocol: configuration.hostVersion.storageProtocol,
      transfer: configuration.ideTransfer, seed: configuration.seed)
    network = Network(
      kernel: kernel, costs: costs, hypervisor: hypervisor, vmbus: vmbus,
      adapter: configuration.network, hostVersion: configuration.hostVersion)
    ics = IntegrationServices(
      kernel: kernel, costs: costs, bus: vmbus, vmName: configuration.vmName,
      hostVersion: configuration.hostVersion, enabledServices: configuration.enabledServices,
      guestHasIntegrationServices: configuration.guestHasIntegrationServices,
      guestServiceVersions: configuration.guestServiceVersions,
      guestOS: configuration.guest, seed: configuration.seed)
    self.power = Power(
      kernel: kernel, costs: costs, hypervisor: hypervisor, vmbus: vmbus, storage: storage,
      network: network, ics: ics, vmName: configuration.vmName,
      hostVersion: configuration.hostVersion,
      generation: configuration.generation, disk: configuration.disk,
      guestHasIntegrationServices: configuration.guestHasIntegrationServices)
    kernel.safePoints = ics
    ics.vmPowerState = { [unowned power] in power.state }
  }

  /// The current simulated time in nanoseconds.
  public var now: Int { kernel.now }

  // MARK: Running

  /// Runs the scenario's steps and returns the trace.
  public func run(_ steps: [StepRequest]) -> Trace {
    prepare()
    for request in steps { runStep(request) }
    return finish()
  }

  /// Brings the VM to its initial state. With `state: running` the power-on runs muted (not
  /// recorded), the rings are placed as after earlier traffic and the clock starts at zero.
  public func prepare() {
    guard configuration.initialState == .running, powerState == .off else { return }
    kernel.isMuted = true
    kernel.execute { self.power.powerOn(then: $0) }
    kernel.isMuted = false
    vmbus.placeRingsAfterEarlierTraffic(defaultRingPages: StorVSCModel.ringPages)
    kernel.resetClock()
    ics.settleServicesAfterSilentStart()
  }

  /// Runs one step as a request path of the trace.
  public func runStep(_ request: StepRequest) {
    runStep(action: request.action, argument: request.argument) { done in
      self.perform(request.step, then: done)
    }
  }

  /// Runs `flow` as one step of the trace (tests use it for flows no scenario step reaches yet).
  func runStep(action: String, argument: String = "", _ flow: @escaping Action) {
    stepIndex += 1
    storage.drawDiskLatency()
    kernel.beginStep(index: stepIndex, action: action, argument: argument)
    // The end of a step is a safe point: timers that came due during it fire here.
    kernel.execute { done in flow { self.kernel.serviceDueTimers(then: done) } }
    kernel.endStep()
  }

  /// The trace of everything run so far.
  public func finish() -> Trace {
    kernel.finish(
      scenario: configuration.scenarioID, seed: configuration.seed,
      integrationServices: integrationServiceStatus(), vm: vmStatus(),
      configuration: traceConfiguration())
  }

  func perform(_ step: SimulationStep, then next: @escaping Continuation) {
    switch step {
    case .start: power.powerOn(then: next)
    case .writeDisk(let bytes): diskIO(isWrite: true, bytes: bytes, then: next)
    case .readDisk(let bytes): diskIO(isWrite: false, bytes: bytes, then: next)
    case .sendPackets(let count, let bytes):
      networkIO(sending: true, count: count, bytes: bytes, then: next)
    case .receivePackets(let count, let bytes):
      networkIO(sending: false, count: count, bytes: bytes, then: next)
    case .wait(let nanoseconds): wait(nanoseconds, then: next)
    case .turnOff: power.turnOff(then: next)
    case .shutdown(let request): power.shutdown(request, then: next)
    case .save: power.saveVM(then: next)
    case .restore: power.restoreVM(then: next)
    case .kvp(let request): ics.kvpStep(request, then: next)
    case .backup: power.backup(then: next)
    case .copyFile(let request): ics.copyFile(request, then: next)
    case .enableService(let service): ics.enableService(service, then: next)
    case .disableService(let service): ics.disableService(service, then: next)
    case .hangGuest: ics.hangGuest(then: next)
    case .resumeGuest: power.resumeGuest(then: next)
    case .rescindChannel(.service(let service)): ics.rescindService(service, then: next)
    case .rescindChannel(.disk): storage.rescindDisk(vmName: configuration.vmName, then: next)
    case .status: reportStatus(then: next)
    }
  }
}
