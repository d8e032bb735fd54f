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

/// `ICMSGTYPE_NEGOTIATE` on every service channel (fact sheet §4.3).
@Suite struct NegotiationTests {
  static let boot = Case.services(
    [Case.start], IntegrationService.allCases, host: .ws2012R2, state: .off)

  @Test(arguments: IntegrationService.allCases)
  func hostOffersThenGuestAnswersWithOneVersionOfEach(_ service: IntegrationService) throws {
    let (trace, simulation, problems) = Self.boot.checked()
    #expect(problems.isEmpty, "\(problems.prefix(3))")
    let relid = try #require(simulation.ics.ic(service).relid)
    let negotiation = ICTrace.packets(trace, "ICMSGTYPE_NEGOTIATE").filter {
      $0.detail("relid") == .integer(Int(relid))
    }
    #expect(negotiation.count == 2)
    let (request, answer) = (negotiation[0], negotiation[1])
    #expect(request.from == "vmbus-root" && request.to == "vmbus-guest")
    #expect(request.detail("icflags") == .text("3 (TRANSACTION|REQUEST)"))
    #expect(request.detail("icmsgtype") == .integer(0))
    let offered = service.hostNegotiation(.ws2012R2)
    #expect(request.detail("icframe_vercnt") == .integer(offered.frameworkVersions.count))
    #expect(request.detail("icmsg_vercnt") == .integer(offered.messageVersions.count))
    #expect(answer.from == "vmbus-guest" && answer.to == "vmbus-root")
    #expect(answer.detail("icflags") == .text("5 (TRANSACTION|RESPONSE)"))
    #expect(answer.detail("trans_id") == request.detail("trans_id"))
    // The answer holds one framework and one service version: icmsgsize 0x10.
    #expect(answer.detail("icmsgsize") == .integer(16))
    #expect(answer.detail("status") == .text("HV_S_OK (0x00000000)"))
    // The answer goes back in the request's buffer with the request's length (fact sheet §9.9),
    // though its icmsgsize shrank to 0x10.
    #expect(answer.detail("len8") == request.detail("len8"))
    #expect(answer.detail("ring_bytes") == request.detail("ring_bytes"))
    let state = simulation.ics.ic(service)
    #expect(state.phase == .ready)
    #expect(state.framework == ICVersion(3, 0))
    #expect(state.version == offered.messageVersions.first)
    #expect(ICTrace.status(trace, service.cmdletName)?.status == "OK")
  }

  @Test func everyMessageCarriesTheTwentyEightByteHeader() {
    #expect(ICMessageHeader.size == 28)
    let heartbeat = ICMessage(
      header: ICMessageHeader(
        frameworkVersion: .utilFramework, messageType: .heartbeat, messageVersion: ICVersion(3, 0),
        messageSize: HeartbeatMessage.size, transactionID: 1, flags: .hostRequest),
      payload: .heartbeat(HeartbeatMessage(sequenceNumber: 1)))
    #expect(heartbeat.length == 28 + 40)
    #expect(ICMessageFlags.hostRequest.rawValue == 3)
    #expect(ICMessageFlags.guestResponse.rawValue == 5)
    #expect(ICMessageType.allCases.map(\.rawValue) == [0, 1, 2, 3, 4, 5, 7])
    #expect(ICStatus.alreadyExists.rawValue == 0x8007_0050 && ICStatus.fail.rawValue == 0x8000_4005)
  }

  @Test(arguments: HostVersion.allCases)
  func versionsFollowTheHost(_ host: HostVersion) {
    let (_, simulation, problems) = Case.services(
      [Case.start],
      IntegrationService.allCases.filter {
        host.offeredServices.contains($0)
      }, host: host, state: .off
    ).checked()
    #expect(problems.isEmpty, "\(problems.prefix(3))")
    for service in host.offeredServices {
      let state = simulation.ics.ic(service)
      if service == .backup && host.vmbusVersion < .win8_1 {
        // Linux's hv_vss_init refuses below VMBus 3.0: the channel stays closed.
        #expect(state.phase == .offered)
        continue
      }
      #expect(state.phase == .ready, "\(service) on \(host)")
      #expect(state.version == service.hostServiceVersions(host).first, "\(service) on \(host)")
      #expect(state.framework == (host == .ws2008 ? ICVersion(1, 0) : ICVersion(3, 0)))
    }
  }

  @Test func guestChoiceWalksItsOwnListHighestFirst() {
    let offered = ICNegotiateData(
      frameworkVersions: [ICVersion(3, 0), ICVersion(1, 0)],
      messageVersions: [ICVersion(3, 1), ICVersion(3, 0), ICVersion(1, 0)])
    let choice = ICNegotiation.guestChoice(
      offered: offered, guestFrameworks: [ICVersion(3, 0)],
      guestServiceVersions: [ICVersion(3, 2), ICVersion(3, 1), ICVersion(3, 0)])
    #expect(choice?.framework == ICVersion(3, 0))
    #expect(choice?.service == ICVersion(3, 1))
    #expect(
      ICNegotiation.guestChoice(
        offered: offered, guestFrameworks: [ICVersion(3, 0)],
        guestServiceVersions: [ICVersion(5, 0)]) == nil)
    #expect(offered.size == 8 + 4 * 5)
  }

  @Test func noCommonVersionIsAProtocolMismatch() throws {
    var run = Case.services([Case.start], [.heartbeat, .dataExchange], state: .off)
    run.configuration.guestServiceVersions[.dataExchange] = [ICVersion(9, 9)]
    let (trace, simulation, problems) = run.checked()
    #expect(problems.isEmpty, "\(problems.prefix(3))")
    let relid = try #require(simulation.ics.ic(.dataExchange).relid)
    let answer = try #require(
      ICTrace.packets(trace, "ICMSGTYPE_NEGOTIATE").last {
        $0.detail("relid") == .integer(Int(relid))
      })
    #expect(ICTrace.isAnswer(answer))
    #expect(answer.detail("icmsgsize") == .integer(8))  // both counts 0, no versions
    #expect(simulation.ics.ic(.dataExchange).phase == .mismatched)
    let status = try #require(ICTrace.status(trace, "Key-Value Pair Exchange"))
    #expect(status.status == "Non-Recoverable Error")
    #expect(status.secondaryStatus == "Protocol Mismatch")
    #expect(ICTrace.logged(trace, "Protocol Mismatch"))
    #expect(ICTrace.status(trace, "Heartbeat")?.status == "OK")
  }

  @Test func anOlderCommonVersionIsDegraded() {
    var run = Case.services([Case.start], [.shutdown], host: .ws2019, state: .off)
    run.configuration.guestServiceVersions[.shutdown] = [ICVersion(3, 0), ICVersion(1, 0)]
    let (trace, simulation, problems) = run.checked()
    #expect(problems.isEmpty)
    #expect(simulation.ics.ic(.shutdown).version == ICVersion(3, 0))
    #expect(ICTrace.status(trace, "Shutdown")?.status == "Degraded")
  }

  @Test func vssIsNotOpenedBelowVMBus3() {
    let (trace, simulation, _) = Case.services([Case.start], [.backup], host: .ws2012, state: .off)
      .checked()
    #expect(simulation.ics.ic(.backup).phase == .offered)
    #expect(ICTrace.packets(trace, "ICMSGTYPE_NEGOTIATE").isEmpty)
    #expect(trace.storedEvents.contains { $0.label.contains("hv_vss_init") })
    #expect(ICTrace.status(trace, "VSS")?.status == "No Contact")
  }

  @Test func aGuestWithoutIntegrationServicesShowsNoContact() {
    let (trace, _, problems) = Case.services(
      [Case.wait(seconds: 5)], guestHasIntegrationServices: false
    ).checked()
    #expect(problems.isEmpty)
    for service in trace.integrationServices {
      #expect(service.status == (service.enabled ? "No Contact" : "OK"), "\(service.name)")
    }
    #expect(!trace.storedEvents.contains { $0.message?.hasPrefix("ICMSGTYPE_") == true })
  }
}
