import HVHostModel
import HVTrace
import Testing

@testable import HVNetwork
@testable import HVPower
@testable import HVSimulation
@testable import HVVMBus

/// The devices a host offers at boot follow the generation, the disk, the adapter and the
/// enabled services, in the order `lsvmbus` shows on real VMs (issue 14 item 3).
@Suite struct DeviceSetTests {
  static func offers(
    generation: VMGeneration, disk: DiskController, network: NetworkAdapter = .none,
    services: [IntegrationService]? = nil, guestHasIntegrationServices: Bool = true
  ) -> [VMBusDeviceClass] {
    let configuration = SimulationConfiguration(
      scenarioID: "device-set", generation: generation, disk: disk,
      guestHasIntegrationServices: guestHasIntegrationServices, enabledServices: services,
      initialState: .off, network: network)
    let simulation = Simulation(configuration: configuration)
    _ = simulation.run([StepRequest(.start, action: "start")])
    return simulation.channels.map(\.offer.deviceClass)
  }

  @Test func generationOneOffersIDEFirstThenInputVideoAndServices() {
    // The 2012 R2 defaults: every service but guest services.
    #expect(
      Self.offers(generation: .one, disk: .ide) == [
        .ide, .mouse, .keyboard, .video, .heartbeat, .keyValuePair, .shutdown, .timeSync,
        .volumeShadowCopy,
      ])
  }

  @Test func generationTwoOffersSCSIAndTheAdapterLast() {
    #expect(
      Self.offers(
        generation: .two, disk: .scsi, network: .synthetic, services: IntegrationService.allCases)
        == [
          .mouse, .keyboard, .video, .fileCopy, .heartbeat, .keyValuePair, .shutdown, .timeSync,
          .volumeShadowCopy, .scsi, .network,
        ])
  }

  @Test func aGuestWithoutVMBusIsOfferedNothing() {
    #expect(
      Self.offers(
        generation: .one, disk: .ide, network: .legacy, guestHasIntegrationServices: false
      ).isEmpty)
  }

  @Test func theInputAndVideoChannelsAreNamedAndLeftClosed() {
    let configuration = SimulationConfiguration(
      scenarioID: "device-set", generation: .two, disk: .scsi, enabledServices: [.heartbeat],
      initialState: .off)
    let simulation = Simulation(configuration: configuration)
    let trace = simulation.run([StepRequest(.start, action: "start")])
    let closed = simulation.channels.filter { [.mouse, .keyboard, .video].contains($0.offer.deviceClass) }
    #expect(closed.count == 3)
    #expect(closed.allSatisfy { $0.state != .opened })
    #expect(
      trace.storedEvents.contains {
        $0.label.hasPrefix("relids 1, 2, 3 (synthetic mouse, keyboard, video)")
      })
    let classes = trace.storedEvents.compactMap { $0.detail("if_type")?.text }
    for id in [
      "cfa8b69e-5b4a-4cc0-b98b-8ba1a1f3f95a", "f912ad6d-2b17-48ea-bd65-f927a61c7684",
      "da0a7802-e377-4aac-8e77-0558eb1073f8",
    ] {
      #expect(classes.contains(id), "\(id)")
    }
  }
}
