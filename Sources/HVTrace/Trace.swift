/// The record of one scenario run: who took part, every request path with its events, and the
/// state of the VM and its Integration Services at the end (contract §3).
public struct Trace: Sendable, Hashable {
  public var scenario: String
  public var seed: UInt64
  public var actors: [Actor]
  public var steps: [TraceStep]
  public var integrationServices: [IntegrationServiceStatus]
  public var vm: VMStatus
  public var hostLog: [HostLogEntry]
  /// Extra facts about the run (host version, negotiated VMBus version, model constants), exported
  /// after the contract's keys.
  public var configuration: [Detail]

  public init(
    scenario: String, seed: UInt64, actors: [Actor], steps: [TraceStep],
    integrationServices: [IntegrationServiceStatus], vm: VMStatus, hostLog: [HostLogEntry],
    configuration: [Detail] = []
  ) {
    self.scenario = scenario
    self.seed = seed
    self.actors = actors
    self.steps = steps
    self.integrationServices = integrationServices
    self.vm = vm
    self.hostLog = hostLog
    self.configuration = configuration
  }

  /// Totals over all steps, derived from the events (repeats multiplied).
  public var totals: Counters {
    steps.reduce(Counters()) { $0 + $1.totals }
  }

  /// The actor with this id, if it takes part.
  public func actor(_ id: String) -> Actor? {
    actors.first { $0.id == id }
  }

  /// Every stored event in order, depth first (each repeat body once).
  public var storedEvents: [TraceEvent] {
    var events: [TraceEvent] = []
    func walk(_ entries: [TraceEntry]) {
      for entry in entries {
        switch entry {
        case .event(let event): events.append(event)
        case .group(let group): walk(group.entries)
        }
      }
    }
    for step in steps { walk(step.entries) }
    return events
  }
}

/// One line of `Get-VMIntegrationService` at the end of the run.
public struct IntegrationServiceStatus: Sendable, Hashable {
  /// The cmdlet's name: `Guest Service Interface`, `Heartbeat`, `Key-Value Pair Exchange`,
  /// `Shutdown`, `Time Synchronization`, `VSS`.
  public var name: String
  public var enabled: Bool
  /// `PrimaryStatusDescription`: `OK`, `No Contact`, `Lost Communication`, `Non-Recoverable
  /// Error`, or empty when the VM is not running.
  public var status: String
  /// `SecondaryStatusDescription`: the heartbeat's application health (`OK`) or why a service
  /// failed (`Protocol Mismatch`); empty otherwise (fact sheet §4.3, §4.4, §4.10).
  public var secondaryStatus: String

  public init(name: String, enabled: Bool, status: String, secondaryStatus: String = "") {
    self.name = name
    self.enabled = enabled
    self.status = status
    self.secondaryStatus = secondaryStatus
  }
}

/// The VM at the end of the run.
public struct VMStatus: Sendable, Hashable {
  public var name: String
  /// `Running`, `Off`, `Saved` or `Paused`.
  public var state: String
  /// Further facts (generation, disk controller), exported after `name` and `state`.
  public var details: [Detail]

  public init(name: String, state: String, details: [Detail] = []) {
    self.name = name
    self.state = state
    self.details = details
  }
}

/// One entry of the host's event log (written by VMMS or the worker process).
public struct HostLogEntry: Sendable, Hashable {
  /// Simulated time as `hh:mm:ss.nnnnnnnnn` since the trace began.
  public var time: String
  public var source: String
  /// The entry's text, in the model's words (the site says it in the reader's language).
  public var text: Phrase
  /// The text in English (the JSON export's `message`).
  public var message: String { text.description }

  public init(time: String, source: String, message: Phrase) {
    self.time = time
    self.source = source
    self.text = message
  }
}
