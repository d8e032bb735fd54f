import HVDiagnostics
import HVHostModel
import HVIntegrationServices
import HVSimulation
import Testing

@testable import HVScenario

/// Every step and value form of contract §1 that drives the Integration Services and the faults.
@Suite struct ServiceStepParserTests {
  func parse(_ steps: String, vm: String = "", host: String = "") -> (Scenario?, [String]) {
    let source = """
      id: demo
      title: {en: a, vi: b}
      \(host)
      \(vm)
      steps:
      \(steps)
      """
    let (scenario, diagnostics) = ScenarioParser.parse(source: source, path: "demo.yaml")
    return (scenario, diagnostics.map(\.description))
  }

  @Test func everyStepParses() throws {
    let steps = """
        - wait: 2 s
        - status
        - kvp-set: {pool: external, key: Owner, value: Web team}
        - kvp-get: {pool: auto, key: OSName}
        - kvp-delete: {pool: auto-external, key: HostName}
        - kvp-enumerate: {pool: guest}
        - backup
        - copy-file: {source: 'C:\\a.txt', destination: /tmp/a.txt, size: 4 KiB, create-full-path: true, force: false}
        - enable-service: guest-services
        - disable-service: time-sync
        - hang-guest
        - resume-guest
        - rescind-channel: heartbeat
        - rescind-channel: scsi
        - save
        - restore
        - shutdown: {mode: reboot, force: true}
        - shutdown
      """
    let (scenario, errors) = parse(steps, vm: "vm: {generation: 2}", host: "host: {version: 2019}")
    #expect(errors == [])
    let kinds = try #require(scenario).steps.map(\.kind)
    #expect(
      kinds[2]
        == .kvp(KVPRequest(operation: .set, pool: .external, key: "Owner", value: "Web team")))
    #expect(kinds[4] == .kvp(KVPRequest(operation: .delete, pool: .autoExternal, key: "HostName")))
    #expect(kinds[5] == .kvp(KVPRequest(operation: .enumerate, pool: .guest)))
    #expect(
      kinds[7]
        == .copyFile(
          CopyFileRequest(
            source: "C:\\a.txt", destination: "/tmp/a.txt", size: 4096, createFullPath: true)))
    #expect(kinds[12] == .rescindChannel(.service(.heartbeat)))
    #expect(kinds[13] == .rescindChannel(.disk))
    #expect(kinds[16] == .shutdown(ShutdownRequest(mode: .reboot, force: true)))
    #expect(kinds[17] == .shutdown(ShutdownRequest()))
    #expect(
      try #require(scenario).steps[2].argument == "pool: external, key: Owner, value: Web team")
  }

  @Test func copyFileWithoutADestination() {
    let (_, errors) = parse("  - copy-file: {source: 'C:\\a.txt', size: 1 KiB}")
    #expect(
      errors == [
        "demo.yaml:6:16: error: 'copy-file' needs the key 'destination'; e.g. '- copy-file: {source: 'C:\\Tools\\setup.sh', destination: /tmp/setup.sh, size: 64 KiB}'"
      ])
  }

  @Test func mappingValuesReportEveryProblemWithItsPosition() {
    let steps = """
        - copy-file: {sourse: 'C:\\a', destination: tmp/a, size: 10 PiB, force: yes}
        - kvp-set: {pool: extrenal, key: '', value: v}
        - kvp-get: {pool: auto, key: OSName, value: x}
        - kvp-delete: {pool: auto, key: OSName}
        - shutdown: {mode: sleep}
        - shutdown: reboot
        - kvp-enumerate: auto
      """
    let (_, errors) = parse(steps)
    #expect(
      errors == [
        "demo.yaml:6:16: error: 'copy-file' needs the key 'source'; e.g. '- copy-file: {source: 'C:\\Tools\\setup.sh', destination: /tmp/setup.sh, size: 64 KiB}'",
        "demo.yaml:6:17: error: unknown key 'sourse' in 'copy-file'; did you mean 'source'?",
        "demo.yaml:6:46: error: destination 'tmp/a' must be an absolute path in a Linux guest; e.g. '/tmp/setup.sh'",
        "demo.yaml:6:59: error: '10 PiB' is far more than the 1 GiB a step may move; sizes go up to GiB",
        "demo.yaml:6:74: error: 'force' must be true or false, not 'yes'; expected one of: 'false', 'true'",
        "demo.yaml:7:21: error: 'extrenal' is not a valid KVP pool; did you mean 'external'?",
        "demo.yaml:7:36: error: the KVP key is empty",
        "demo.yaml:8:40: error: unknown key 'value' in 'kvp-get'; expected one of: 'key', 'pool'",
        "demo.yaml:9:24: error: 'kvp-delete' changes only the pools the host writes, not 'auto' (the guest and auto pools are the guest's own); expected one of: 'external', 'auto-external'",
        "demo.yaml:10:22: error: 'sleep' is not a valid shutdown mode; expected one of: 'hibernate', 'reboot', 'shutdown'",
        "demo.yaml:11:15: error: 'shutdown' takes a mapping of options; write it as '- shutdown: {mode: reboot, force: true}'",
        "demo.yaml:12:20: error: 'kvp-enumerate' takes a mapping of options; write it as '- kvp-enumerate: {pool: auto}'",
      ])
  }

  @Test func serviceNamesAreChecked() {
    let steps = """
        - enable-service: guest-service
        - disable-service
        - rescind-channel: ide
        - rescind-channel: disk
        - enable-service: guest-services
      """
    let (_, errors) = parse(steps, vm: "vm: {generation: 2}", host: "host: {version: 2012}")
    #expect(
      errors == [
        "demo.yaml:6:21: error: 'guest-service' is not a valid integration service; did you mean 'guest-services'?",
        "demo.yaml:7:5: error: 'disable-service' needs a service name, e.g. '- disable-service: time-sync'",
        "demo.yaml:8:22: error: this VM's disk controller is 'scsi', not 'ide'; did you mean 'scsi'?",
        "demo.yaml:9:22: error: 'disk' is not a valid service or device; expected one of: 'backup', 'data-exchange', 'guest-services', 'heartbeat', 'ide', 'scsi', 'shutdown', 'time-sync'",
        "demo.yaml:10:21: error: a 2012 host does not offer 'guest-services' (it exists from 2012R2)",
      ])
  }

  @Test func theVMStateIsFollowedThroughTheSteps() {
    let steps = """
        - hang-guest
        - write-disk: 1 KiB
        - disable-service: heartbeat
        - resume-guest
        - resume-guest
        - save
        - kvp-get: {pool: auto, key: OSName}
        - restore
        - restore
        - shutdown
        - backup
        - start
        - rescind-channel: time-sync
      """
    let (_, errors) = parse(steps, vm: "vm: {integration-services: [heartbeat, shutdown]}")
    #expect(
      errors == [
        "demo.yaml:7:5: error: 'write-disk' needs a responsive guest, but it is hung here; add '- resume-guest' before it",
        "demo.yaml:8:5: error: 'disable-service' while the guest is hung is not modelled; add '- resume-guest' before it",
        "demo.yaml:10:5: error: 'resume-guest' needs a hung guest, but it is not hung here; add '- hang-guest' before it",
        "demo.yaml:12:5: error: 'kvp-get' needs a running VM, but it is saved here; add '- restore' before it",
        "demo.yaml:14:5: error: 'restore' needs a saved VM, but it is running here; add '- save' before it",
        "demo.yaml:16:5: error: 'backup' needs a running VM, but it is off here",
        "demo.yaml:18:5: error: 'rescind-channel': 'time-sync' is disabled here, so it has no channel",
      ])
  }

  @Test func shutdownOutcomesFollowTheSimulation() {
    // Without the Shutdown service Stop-VM turns the VM off; a reboot the host version lacks is
    // refused, so the VM still runs afterwards.
    let (_, refused) = parse(
      "  - shutdown: {mode: reboot}\n  - write-disk: 1 KiB\n",
      vm: "vm: {integration-services: [shutdown]}")
    #expect(refused == [])
    let (_, off) = parse(
      "  - shutdown\n  - write-disk: 1 KiB\n", vm: "vm: {integration-services: []}")
    #expect(
      off == [
        "demo.yaml:7:5: error: 'write-disk' needs a running VM, but it is off here; add '- start' before it"
      ])
    let (_, late) = parse(
      "  - hang-guest\n  - shutdown\n  - write-disk: 1 KiB\n  - resume-guest\n  - wait: 1 s\n  - write-disk: 1 KiB\n",
      vm: "vm: {integration-services: [shutdown]}")
    #expect(
      late == [
        "demo.yaml:8:5: error: 'write-disk' needs a responsive guest, but it is hung here; add '- resume-guest' before it",
        "demo.yaml:11:5: error: 'write-disk' needs a running VM, but it is off here; add '- start' before it",
      ])
  }

  @Test func absurdValuesAreRefused() {
    let steps = """
        - wait: 2 d
        - wait: 25 h
        - copy-file: {source: a, destination: /tmp/a, size: 2 GiB}
        - copy-file: {source: a, destination: /tmp/\(String(repeating: "x", count: 300)), size: 1 KiB}
      """
    let (_, errors) = parse(steps)
    #expect(errors.count == 4)
    #expect(errors[0].contains("unknown duration unit 'd'"))
    #expect(errors[1].hasSuffix("'25 h' is longer than the 24 h a wait may last"))
    #expect(errors[2].hasSuffix("'2 GiB' is more than the 1 GiB a step may move"))
    #expect(errors[3].contains("at most 259 characters each (W_MAX_PATH)"))
  }

  @Test func unknownStepsSuggestTheClosest() {
    let (_, errors) = parse("  - kvp-gte: {pool: auto, key: a}\n  - hang-gest\n  - copyfile: {}\n")
    #expect(
      errors == [
        "demo.yaml:6:5: error: unknown step 'kvp-gte'; did you mean 'kvp-get'?",
        "demo.yaml:7:5: error: unknown step 'hang-gest'; did you mean 'hang-guest'?",
        "demo.yaml:8:5: error: unknown step 'copyfile'; did you mean 'copy-file'?",
      ])
  }
}
