import HVDiagnostics
import HVHostModel
import HVIntegrationServices
import HVSimulation
import Testing

@testable import HVScenario

@Suite struct ParserTests {
  /// `path:line:column: message; suggestion` for each diagnostic, as `hvwalk` prints them.
  func lines(_ source: String, path: String = "demo.yaml") -> [String] {
    ScenarioParser.parse(source: source, path: path).1.map(\.description)
  }

  static let valid = """
    id: demo
    title:
      en: Demo
      vi: Thử nghiệm
    steps:
      - write-disk: 10 KiB

    """

  @Test func aValidFileParsesWithDefaults() throws {
    let (scenario, diagnostics) = ScenarioParser.parse(
      source: Self.valid, path: "Content/scenarios/demo.yaml")
    #expect(diagnostics.isEmpty)
    let parsed = try #require(scenario)
    #expect(parsed.id == "demo")
    #expect(parsed.title["vi"] == "Thử nghiệm")
    #expect(parsed.seed == 1)
    #expect(parsed.host == .ws2012R2)
    #expect(parsed.vm == VMSettings())
    #expect(parsed.steps.count == 1)
    #expect(parsed.steps[0].kind == .writeDisk(bytes: 10_240))
    #expect(parsed.steps[0].argument == "10 KiB")
    #expect(
      parsed.steps[0].location
        == SourceLocation(path: "Content/scenarios/demo.yaml", line: 6, column: 5))
  }

  @Test func networkAdapterAndPacketSteps() throws {
    let source = { (vm: String, step: String) in
      """
      id: demo
      title:
        en: Demo
        vi: Thử nghiệm
      vm:
      \(vm)
      steps:
        - \(step)

      """
    }
    let (ok, problems) = ScenarioParser.parse(
      source: source("  network: synthetic", "send-packets: {count: 10, size: 1514 B}"),
      path: "demo.yaml")
    #expect(problems.isEmpty, "\(problems)")
    #expect(ok?.vm.network == .synthetic)
    #expect(ok?.steps.first?.kind == .sendPackets(count: 10, bytes: 1514))
    let gen2 = lines(source("  generation: 2\n  network: legacy", "status"))
    #expect(gen2.contains { $0.contains("no Legacy Network Adapter") && $0.contains("synthetic") })
    let noVMBus = lines(source("  integration-services: none\n  network: synthetic", "status"))
    #expect(noVMBus.contains { $0.contains("VMBus-aware guest") })
    let noAdapter = lines(source("  name: A", "receive-packets: {count: 1, size: 60 B}"))
    #expect(
      noAdapter.contains { $0.contains("needs a network adapter") && $0.contains("vm.network") })
    let jumbo = lines(source("  network: synthetic", "send-packets: {count: 1, size: 9000 B}"))
    #expect(jumbo.contains { $0.contains("60 to 1514 bytes") && $0.contains("1514 B") })
    let typo = lines(source("  network: synthetik", "status"))
    #expect(
      typo.contains { $0.hasPrefix("demo.yaml:6:12: error:") && $0.contains("'synthetic'") },
      "\(typo)")
  }

  @Test func guestPinsTheLinuxKernel() throws {
    let source = { (value: String) in
      """
      id: demo
      title:
        en: Demo
        vi: Thử nghiệm
      vm:
        guest: \(value)
      steps:
        - status

      """
    }
    let (plain, _) = ScenarioParser.parse(source: Self.valid, path: "demo.yaml")
    #expect(plain?.vm.guest == .linux(.defaultLTS))
    #expect(plain?.vm.ideTransfer == .dma, "bus-master DMA is the default (issue 13 item 1)")
    #expect(plain?.vm.network == NetworkAdapter.none)
    let (old, problems) = ScenarioParser.parse(source: source("linux-4.9"), path: "demo.yaml")
    #expect(problems.isEmpty)
    #expect(old?.vm.guest == .linux(GuestKernel(4, 9)))
    #expect(ScenarioRunner.configuration(for: try #require(old)).guestKernel == GuestKernel(4, 9))
    for release in WindowsRelease.allCases {
      let (windows, problems) = ScenarioParser.parse(source: source(release.rawValue), path: "demo.yaml")
      #expect(problems.isEmpty, "\(release): \(problems)")
      #expect(windows?.vm.guest == .windows(release))
      #expect(ScenarioRunner.configuration(for: try #require(windows)).guest == .windows(release))
    }
    for bad in ["linux-2.6", "linux-6", "linux-6.x"] {
      let errors = lines(source(bad))
      #expect(errors.count == 1, "\(bad): \(errors)")
      #expect(errors.first?.hasPrefix("demo.yaml:6:10: error:") == true, "\(errors)")
      #expect(errors.first?.contains("linux-6.12") == true, "a suggestion: \(errors)")
    }
    // A misspelt Windows release is suggested by its nearest spelling.
    let misspelt = lines(source("windows-server-2106"))
    #expect(misspelt.count == 1 && misspelt[0].contains("windows-server-2016"), "\(misspelt)")
  }

  @Test func ideTransferChoosesHowTheEmulatedDiskMovesData() throws {
    let source = { (value: String, generation: Int) in
      """
      id: demo
      title:
        en: Demo
        vi: Thử nghiệm
      vm:
        generation: \(generation)
        integration-services: none
        ide-transfer: \(value)
      steps:
        - write-disk: 10 KiB

      """
    }
    for mode in IDETransferMode.allCases {
      let (scenario, diagnostics) = ScenarioParser.parse(
        source: source(mode.rawValue, 1), path: "demo.yaml")
      #expect(diagnostics.isEmpty, "\(mode)")
      #expect(scenario?.vm.ideTransfer == mode)
    }
    let typo = lines(source("dmaa", 1))
    #expect(typo.count == 1)
    #expect(typo.first?.hasPrefix("demo.yaml:8:17: error:") == true, "\(typo)")
    #expect(typo.first?.contains("'dma'") == true, "a suggestion: \(typo)")
    let gen2 = lines(source("dma", 2))
    #expect(
      gen2.contains { $0.contains("demo.yaml:8:17") && $0.contains("no IDE controller") }, "\(gen2)"
    )
  }

  @Test func reportsEveryErrorWithItsPosition() {
    let source = """
      id: demo
      title:
        en: Demo
        vi: Thử
      sed: 3
      host:
        version: 2012r2
      vm:
        generation: 2
        disk: ide
        integration-services: [heartbeat, heartbeat, time-synch]
      steps:
        - write-disk: 10 KB
        - wirte-disk: 1 KiB
        - wait: 5 sec
        - start
        - backup

      """
    #expect(
      lines(source) == [
        "demo.yaml:5:1: error: unknown key 'sed' in the scenario; did you mean 'seed'?",
        "demo.yaml:7:12: error: '2012r2' is not a valid host version; did you mean '2012R2'?",
        "demo.yaml:10:9: error: a generation 2 VM has no IDE controller; use disk: scsi, or generation: 1",
        "demo.yaml:11:37: error: 'heartbeat' is listed twice",
        "demo.yaml:11:48: error: 'time-synch' is not a valid integration service; did you mean 'time-sync'?",
        "demo.yaml:14:5: error: unknown step 'wirte-disk'; did you mean 'write-disk'?",
        "demo.yaml:15:11: error: unknown duration unit 'sec'; expected one of: 'h', 'min', 'ms', 's'",
        "demo.yaml:16:5: error: 'start' needs a VM that is off, but it is running here; set vm.state: off to trace the power-on",
      ])
  }

  @Test func yamlSyntaxErrorsHaveAPosition() {
    let diagnostics = ScenarioParser.parse(
      source: "id: x\ntitle: [open\nsteps: []\n", path: "x.yaml"
    ).1
    #expect(diagnostics.count == 1)
    #expect(diagnostics[0].identifier == .scenarioYaml)
    #expect(diagnostics[0].location.line == 3)
    #expect(diagnostics[0].description.hasPrefix("x.yaml:3:"))
  }

  @Test func missingKeysPointAtTheMapping() {
    #expect(
      lines("id: demo\n") == [
        "demo.yaml:1:1: error: a scenario needs the key 'steps'",
        "demo.yaml:1:1: error: a scenario needs the key 'title'",
      ])
    #expect(lines("") == ["demo.yaml:1:1: error: the scenario file is empty"])
    #expect(
      lines("- a\n") == [
        "demo.yaml:1:1: error: a scenario file must be a mapping of keys to values"
      ])
  }

  @Test func idMustBeWellFormedAndMatchTheFileName() {
    let source = Self.valid.replacingOccurrences(of: "id: demo", with: "id: other")
    #expect(
      lines(source, path: "Content/scenarios/demo.yaml") == [
        "Content/scenarios/demo.yaml:1:5: error: id 'other' must equal the file name 'demo'; rename the file to 'other.yaml' or set id: demo"
      ])
    let upper = Self.valid.replacingOccurrences(of: "id: demo", with: "id: Demo")
    #expect(
      lines(upper, path: "x") == [
        "x:1:5: error: id 'Demo' may only use lower-case letters, digits and '-'"
      ])
  }

  @Test func titlesNeedEveryLanguage() {
    let source = """
      id: demo
      title:
        en: Demo
        fr: Démo
      summary: just text
      steps: [start]
      vm: {state: off}

      """
    #expect(
      lines(source) == [
        "demo.yaml:3:3: error: title needs the key 'vi'",
        "demo.yaml:4:3: error: unknown key 'fr' in title; expected one of: 'en', 'vi'",
        "demo.yaml:5:10: error: summary (one entry per language: en, vi) must be a mapping of keys to values",
      ])
  }

  @Test func incompatibleDeviceChoices() {
    let source = """
      id: demo
      title: {en: a, vi: b}
      host: {version: 2008}
      vm:
        disk: scsi
        integration-services: [guest-services]
      steps: [{write-disk: 1 KiB}]

      """
    #expect(
      lines(source) == [
        "demo.yaml:6:26: error: a 2008 host does not offer 'guest-services' (it exists from 2012R2)"
      ])
    let none = source.replacingOccurrences(of: "[guest-services]", with: "none")
    #expect(
      lines(none) == [
        "demo.yaml:6:25: error: a SCSI disk needs a VMBus-aware guest, but integration-services is none; use integration-services: all, or disk: ide on generation 1"
      ])
  }

  @Test func generationTwoDefaultsToSCSI() throws {
    let source = Self.valid + "vm:\n  generation: 2\n"
    let scenario = try #require(ScenarioParser.parse(source: source, path: "demo.yaml").0)
    #expect(scenario.vm.disk == .scsi)
  }

  @Test func stepValuesAreChecked() {
    let source = """
      id: demo
      title: {en: a, vi: b}
      seed: -4
      vm: {state: off}
      steps:
        - write-disk: 10240
        - start: now
        - read-disk: 2 GiB
        - {wait: 1 s, start: ~}
        - read-disk
        - start
        - write-disk: 1.5 KiB
        - wait: 0.25 s
        - turn-off
        - write-disk: 3 kib

      """
    #expect(
      lines(source) == [
        "demo.yaml:3:7: error: seed must be a whole number ≥ 0, not '-4'",
        "demo.yaml:6:17: error: '10240' has no unit; write it with a unit, e.g. '10240 B'",
        "demo.yaml:7:12: error: 'start' takes no value",
        "demo.yaml:8:16: error: '2 GiB' is more than the 1 GiB a step may move",
        "demo.yaml:9:5: error: a step is one key with its value, e.g. '- write-disk: 10 KiB'",
        "demo.yaml:10:5: error: 'read-disk' needs a size, e.g. '- read-disk: 10 KiB'",
        "demo.yaml:15:17: error: unknown size unit 'kib'; did you mean 'KiB'?",
      ])
  }

  @Test func powerStateIsFollowedAlongTheSteps() {
    let source = """
      id: demo
      title: {en: a, vi: b}
      vm: {state: off}
      steps:
        - write-disk: 1 KiB
        - turn-off
        - start
        - turn-off

      """
    #expect(
      lines(source) == [
        "demo.yaml:5:5: error: 'write-disk' needs a running VM, but it is off here; add '- start' before it",
        "demo.yaml:6:5: error: 'turn-off' needs a running VM, but it is off here",
      ])
  }
}

@Suite struct QuantityTests {
  @Test func sizesUseSIAndIECUnits() throws {
    #expect(try Quantity.bytes("10 KiB").get() == 10_240)
    #expect(try Quantity.bytes("10 KB").get() == 10_000)
    #expect(try Quantity.bytes("64MiB").get() == 67_108_864)
    #expect(try Quantity.bytes("1.5 KiB").get() == 1_536)
    #expect(try Quantity.bytes("1 GB").get() == 1_000_000_000)
    #expect(Quantity.bytes("1.1 B") == .failure(.notWhole))
    #expect(Quantity.bytes("KiB") == .failure(.missingNumber))
    #expect(Quantity.bytes("12") == .failure(.missingUnit(number: "12")))
    #expect(Quantity.bytes("3 kb") == .failure(.unknownUnit("kb")))
    #expect(Quantity.bytes("99999999999999999999 B") == .failure(.tooLarge))
  }

  @Test func durationsUseMillisecondsToHours() throws {
    #expect(try Quantity.nanoseconds("250 ms").get() == 250_000_000)
    #expect(try Quantity.nanoseconds("0.1 s").get() == 100_000_000)
    #expect(try Quantity.nanoseconds("2 min").get() == 120_000_000_000)
    #expect(try Quantity.nanoseconds("1 h").get() == 3_600_000_000_000)
  }
}

/// A third site language needs no code: the build passes its languages to the parser.
@Test func titlesFollowTheSiteLanguages() {
  let source = "id: demo\ntitle:\n  en: Demo\n  vi: Thử\nsteps:\n  - wait: 1 s\n"
  #expect(ScenarioParser.parse(source: source, path: "demo.yaml").1.isEmpty)
  let three = ScenarioParser.parse(
    source: source, path: "demo.yaml", languages: ["vi", "en", "fr"]
  ).1
  #expect(three.count == 1)
  #expect(three.first?.message.contains("'fr'") == true)
  let withFrench = source.replacingOccurrences(of: "  vi: Thử\n", with: "  vi: Thử\n  fr: Essai\n")
  #expect(
    ScenarioParser.parse(source: withFrench, path: "demo.yaml", languages: ["vi", "en", "fr"]).1
      .isEmpty)
}
