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

/// Guest services (fact sheet §4.9): START_FILE_COPY, fragments of 6144 bytes, COMPLETE_FCOPY,
/// and the failures.
@Suite struct FileCopyTests {
  static func requests(_ trace: Trace, _ operation: String) -> Int {
    ICTrace.count(trace) {
      $0.message == "ICMSGTYPE_FCOPY" && ICTrace.isRequest($0) && $0.operation == operation
    }
  }

  @Test(arguments: [1, 6144, 6145, 100 * 1024, 1024 * 1024 + 1])
  func aFileTravelsInFragmentsOf6144Bytes(_ bytes: Int) {
    let run = Case.services([Case.copy("/tmp/file.bin", bytes: bytes)], [.guestServices])
    let (trace, simulation, problems) = run.checked()
    #expect(problems.isEmpty, "\(problems.prefix(3))")
    #expect(Self.requests(trace, "START_FILE_COPY") == 1)
    #expect(Self.requests(trace, "WRITE_TO_FILE") == (bytes + 6143) / 6144)
    #expect(Self.requests(trace, "COMPLETE_FCOPY") == 1)
    #expect(simulation.ics.guestFiles.files["/tmp/file.bin"] == bytes)
    #expect(ICTrace.logged(trace, "(\(bytes) bytes)"))
  }

  @Test func anExistingFileNeedsForce() {
    let steps = [
      Case.copy("/home/admin/setup.sh", bytes: 4096),
      Case.copy("/home/admin/setup.sh", bytes: 4096, force: true),
    ]
    let (trace, simulation, problems) = Case.services(steps, [.guestServices]).checked()
    #expect(problems.isEmpty, "\(problems.prefix(3))")
    let answers = ICTrace.packets(trace, "ICMSGTYPE_FCOPY").filter {
      ICTrace.isAnswer($0) && $0.operation == "START_FILE_COPY"
    }
    #expect(
      answers.map { $0.detail("status") } == [
        .text("HV_ERROR_ALREADY_EXISTS (0x80070050)"), .text("HV_S_OK (0x00000000)"),
      ])
    #expect(trace.steps[0].totals.ringPackets == 2)  // START and its answer, no data
    let start = ICTrace.packets(trace, "ICMSGTYPE_FCOPY").filter(ICTrace.isRequest).map(\.flags)
    #expect(start.first == .some(nil) && start.dropFirst().first == "OVER_WRITE")
    #expect(ICTrace.logged(trace, "HV_ERROR_ALREADY_EXISTS (0x80070050)"))
    #expect(simulation.ics.guestFiles.files["/home/admin/setup.sh"] == 4096)
  }

  @Test func aMissingFolderNeedsCreateFullPath() {
    let steps = [
      Case.copy("/srv/tools/a.bin", bytes: 10),
      Case.copy("/srv/tools/a.bin", bytes: 10, createFullPath: true),
    ]
    let (trace, simulation, problems) = Case.services(steps, [.guestServices]).checked()
    #expect(problems.isEmpty, "\(problems.prefix(3))")
    let answers = ICTrace.packets(trace, "ICMSGTYPE_FCOPY").filter {
      ICTrace.isAnswer($0) && $0.operation == "START_FILE_COPY"
    }
    #expect(answers.first?.detail("status") == .text("HV_E_FAIL (0x80004005)"))
    #expect(answers.last?.flags == "CREATE_PATH")
    #expect(simulation.ics.guestFiles.directories.isSuperset(of: ["/srv", "/srv/tools"]))
    #expect(simulation.ics.guestFiles.files["/srv/tools/a.bin"] == 10)
  }

  @Test func disabledByDefaultNothingReachesTheGuest() {
    let (trace, _, problems) = Case.services([Case.copy("/tmp/a", bytes: 10)]).checked()
    #expect(problems.isEmpty)
    #expect(trace.totals.ringPackets == 0 && trace.totals.hypercalls == 0)
    #expect(
      ICTrace.logged(
        trace, "Guest Service Interface integration service is disabled (it is off by default)"))
    #expect(ICTrace.status(trace, "Guest Service Interface")?.enabled == false)
  }

  @Test func aFullGuestDiskCancelsTheCopy() {
    let (trace, simulation, problems) = Case.services(
      [Case.copy("/tmp/big.bin", bytes: 1 << 30)], [.guestServices]
    ).checked()
    #expect(problems.isEmpty, "\(problems.prefix(3))")
    let answers = ICTrace.packets(trace, "ICMSGTYPE_FCOPY").filter(ICTrace.isAnswer)
    #expect(answers.contains { $0.detail("status") == .text("HV_ERROR_DISK_FULL (0x80070070)") })
    #expect(Self.requests(trace, "CANCEL_FCOPY") == 1)
    #expect(simulation.ics.guestFiles.files["/tmp/big.bin"] == nil)
    #expect(simulation.ics.guestFiles.freeBytes == GuestFileSystem.initial.freeBytes)
    #expect(ICTrace.logged(trace, "HV_ERROR_DISK_FULL"))
  }

  @Test func destinationFolderTakesTheSourceName() {
    let files = GuestFileSystem.initial
    #expect(files.target(source: "C:\\Deploy\\x.sh", destination: "/tmp").name == "x.sh")
    #expect(files.target(source: "C:\\Deploy\\x.sh", destination: "/new/").folder == "/new")
    #expect(
      files.target(source: "C:\\Deploy\\x.sh", destination: "/tmp/y.sh") == (
        folder: "/tmp", name: "y.sh"
      ))
  }
}
