import HVHostModel
import HVTrace
import Testing

@testable import HVHypervisor
@testable import HVIntegrationServices
@testable import HVPower
@testable import HVSimKernel
@testable import HVSimulation
@testable import HVStorage
@testable import HVVMBus

/// Windows guests (issue 14 item 1): the same messages on VMBus, answered by Windows services in
/// user mode, with Windows' registry, VSS writers and paths.
@Suite struct WindowsGuestTests {
  static let windows = GuestOS.windows(.server2012R2)

  static func actor(_ trace: Trace, _ id: String) -> Actor? { trace.actors.first { $0.id == id } }

  @Test func theGuestServicesAreWindowsServicesInUserMode() throws {
    let (trace, _, problems) = Case.services(
      [Case.wait(seconds: 10)], [.heartbeat], guest: Self.windows
    ).checked()
    #expect(problems.isEmpty, "\(problems.prefix(3))")
    let service = try #require(Self.actor(trace, "heartbeat-guest"))
    #expect(service.mode == .user)
    #expect(service.name.hasPrefix("vmicheartbeat"))
    #expect(Self.actor(trace, "vmbus-guest")?.name.hasPrefix("vmbus.sys") == true)
    // In diagrams the service stands with the child's user-mode lifelines.
    let ids = trace.actors.map(\.id)
    #expect(ids.firstIndex(of: "heartbeat-guest")! < ids.firstIndex(of: "vmbus-guest")!)
    #expect(!trace.storedEvents.contains { $0.label.contains("heartbeat_onchannelcallback") })
  }

  /// Each ping costs two more user↔kernel transitions in a Windows guest (vmbus.sys → the
  /// service → vmbus.sys) than in Linux, where the callback runs in the kernel.
  @Test func aWindowsPingCrossesIntoUserModeAndBack() {
    let linux = Case.services([Case.wait(seconds: 10)], [.heartbeat]).checked().trace
    let windows = Case.services([Case.wait(seconds: 10)], [.heartbeat], guest: Self.windows)
      .checked().trace
    let pings = ICTrace.count(linux) { $0.kind == .ringPacket && ICTrace.isRequest($0) }
    #expect(pings == 5)
    #expect(
      windows.totals.contextSwitches == linux.totals.contextSwitches + 2 * pings,
      "\(windows.totals.contextSwitches) vs \(linux.totals.contextSwitches)")
    // The wire is the same: the same packets with the same sizes.
    #expect(windows.totals.ringPackets == linux.totals.ringPackets)
    #expect(windows.totals.bytesCopied == linux.totals.bytesCopied)
  }

  @Test func theKVPPoolsAreRegistryKeys() {
    let steps = [
      Case.kvp(.set, .external, key: "Owner", value: "Web team"),
      Case.kvp(.get, .auto, key: "OSName"),
    ]
    let (trace, simulation, problems) = Case.services(
      steps, [.dataExchange], guest: .windows(.server2019)
    ).checked()
    #expect(problems.isEmpty, "\(problems.prefix(3))")
    let registry = trace.storedEvents.filter { $0.from == "guest-registry" && $0.to == "guest-registry" }
    #expect(registry.count == 2)
    #expect(
      registry.first?.label == "RegSetValueEx(): 'Owner' written to HKLM\\SOFTWARE\\Microsoft\\Virtual Machine\\External")
    #expect(registry.last?.label == "RegQueryValueEx(): 'OSName' = 'Windows Server 2019 Datacenter'")
    #expect(!trace.storedEvents.contains { $0.to == "hv-kvp-daemon" })
    #expect(simulation.ics.kvpStore.value("Owner", in: .external) == "Web team")
  }

  @Test(arguments: WindowsRelease.allCases)
  func theIntrinsicItemsNameTheRelease(_ release: WindowsRelease) {
    let items = KVPStore.initial(vmName: "VM01", hostOctet: 10, guest: .windows(release))
      .items(in: .auto)
    let value = { (key: String) in items.first { $0.key == key }?.value }
    #expect(value("OSName") == release.displayName + " Datacenter")
    #expect(value("OSVersion") == release.versionString)
    #expect(value("OSBuildNumber") == String(release.version.build))
    #expect(value("OSMajorVersion") == String(release.version.major))
    #expect(value("ProcessorArchitecture") == "9")
    #expect(items.count == 10)
  }

  @Test func aWindowsBackupIsApplicationConsistent() {
    let (trace, _, problems) = Case.services([Case.backup], [.heartbeat, .backup], guest: Self.windows)
      .checked()
    #expect(problems.isEmpty, "\(problems.prefix(3))")
    let freeze = trace.storedEvents.first { $0.from == "vss-writers" && $0.to == "vss-writers" }
    #expect(freeze?.label.contains("System Writer") == true)
    #expect(freeze?.detail("writers") == .integer(5))
    #expect(ICTrace.logged(trace, "application-consistent"))
    let linux = Case.services([Case.backup], [.heartbeat, .backup]).checked().trace
    #expect(ICTrace.logged(linux, "file-system-consistent"))
    #expect(!ICTrace.logged(linux, "application-consistent"))
  }

  @Test func copyFileFollowsWindowsPaths() {
    let steps = [
      Case.copy("C:\\Temp\\Test.txt", bytes: 10_000, createFullPath: true),
      Case.copy("c:\\temp\\TEST.TXT", bytes: 10_000),
    ]
    let (trace, simulation, problems) = Case.services(steps, [.guestServices], guest: Self.windows)
      .checked()
    #expect(problems.isEmpty, "\(problems.prefix(3))")
    let files = simulation.ics.guestFiles
    #expect(files.isDirectory("C:\\TEMP"), "C:\\Temp was created, and NTFS ignores case")
    #expect(files.size(of: "C:\\Temp\\Test.txt") == 10_000)
    #expect(trace.storedEvents.contains { $0.label.hasPrefix("created C:\\Temp; CreateFile(C:\\Temp\\Test.txt") })
    // The second copy names the same file in other letters: it exists, and -Force was not given.
    #expect(ICTrace.logged(trace, "failed at START_FILE_COPY"))
    #expect(trace.storedEvents.contains { $0.label.contains("exists and OVER_WRITE is not set") })
  }

  @Test func windowsPathsNormalizeJoinAndCompareWithoutCase() {
    var files = GuestFileSystem.initialWindows
    #expect(files.normalize("C:\\Users\\\\Administrator\\") == "C:\\Users\\Administrator")
    #expect(files.parent(of: "C:\\Temp\\a.txt") == "C:\\Temp")
    #expect(files.parent(of: "C:\\a.txt") == "C:\\")
    #expect(files.join("C:\\", "a.txt") == "C:\\a.txt")
    #expect(files.isDirectory("c:\\windows\\SYSTEM32"))
    #expect(files.createDirectories("C:\\Temp\\Tools") == ["C:\\Temp", "C:\\Temp\\Tools"])
    #expect(files.createDirectories("c:\\temp\\tools").isEmpty)
    #expect(files.target(source: "D:\\x\\a.txt", destination: "C:\\Temp\\") == ("C:\\Temp", "a.txt"))
  }

  @Test func windowsTimeSyncHandsEverySampleToW32Time() {
    let (trace, simulation, problems) = Case.services(
      [Case.wait(seconds: 30)], [.timeSync], host: .ws2016, guest: .windows(.server2016)
    ).checked()
    #expect(problems.isEmpty, "\(problems.prefix(3))")
    let applied = trace.storedEvents.filter {
      $0.from == "timesync-guest" && $0.label.hasPrefix("SAMPLE (W32Time, through the VMICTimeProvider)")
    }
    #expect(!applied.isEmpty)
    // Every sample corrected the clock: it ends within one sample period's drift of the host.
    let offset = abs(simulation.ics.guestClock.offset(at: simulation.now))
    #expect(offset < 5_000_000, "\(offset) ns")
  }

  /// A guest asks for its own release's VMBus version first (model assumption, fact sheet §3.3).
  @Test(arguments: [
    (WindowsRelease.server2012R2, HostVersion.ws2019, "3.0"),
    (.server2016, .ws2019, "4.0"), (.server2019, .ws2019, "5.2"), (.server2019, .ws2012R2, "3.0"),
  ])
  func theGuestAsksForItsOwnVMBusVersion(
    _ release: WindowsRelease, _ host: HostVersion, _ expected: String
  ) {
    let (trace, simulation, _) = Case.services(
      [Case.start], [.heartbeat], host: host, state: .off, guest: .windows(release)
    ).checked()
    _ = trace
    #expect(simulation.vmbus.guest.version?.description == expected)
  }

  /// A Windows guest without Integration Services (a 2012 R2-era install without the VMBus
  /// driver) has only the in-box drivers for the emulated hardware: the IDE disk through
  /// `atapi.sys`, the Legacy Network Adapter through its Tulip driver; nothing is offered on
  /// VMBus and no hypercall is made for the I/O.
  @Test func aWindowsGuestWithoutIntegrationServicesUsesTheEmulatedDevices() throws {
    let configuration = SimulationConfiguration(
      scenarioID: "windows-no-is", guestHasIntegrationServices: false, initialState: .off,
      guest: .windows(.server2012R2), network: .legacy)
    let simulation = Simulation(configuration: configuration)
    let trace = simulation.run([Case.start, Case.write(4096)])
    #expect(simulation.channels.isEmpty, "no VMBus driver, nothing offered")
    #expect(trace.storedEvents.allSatisfy { $0.kind != .ringPacket && $0.kind != .vmbusMessage })
    let driver = try #require(Self.actor(trace, "ata-driver"))
    #expect(driver.name.hasPrefix("atapi.sys"), "\(driver.name)")
    #expect(Self.actor(trace, "vmbus-guest") == nil)
    let write = try #require(trace.steps.last)
    #expect(write.totals.intercepts > 0)
    #expect(write.totals.intercepts == 13, "bus-master DMA: 13 port accesses per command")
    #expect(
      write.totals.hypercalls == write.totals.intercepts + 1,
      "one HvCallSetVpRegisters per intercept, one HvCallAssertVirtualInterrupt for the completion")
    #expect(simulation.invariantViolations().isEmpty)
  }
}
