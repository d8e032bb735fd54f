import Testing

@testable import HVHostModel
@testable import HVScenario

/// `copy-file` destinations follow the guest's path rules (issue 14 item 1): a Windows path is
/// checked against the Win32 naming rules at its position, with a suggestion.
@Suite struct GuestPathRulesTests {
  static func errors(_ destination: String, guest: String?) -> [String] {
    let guestLine = guest.map { "  guest: \($0)\n" } ?? ""
    let source = """
      id: demo
      title: {en: Demo, vi: Demo}
      vm:
        generation: 2
        disk: scsi
      \(guestLine)  integration-services: [guest-services]
      steps:
        - copy-file: {source: 'D:\\a.txt', destination: '\(destination)', size: 1 KiB}

      """
    let (_, problems) = ScenarioParser.parse(source: source, path: "demo.yaml")
    return problems.map(\.description)
  }

  @Test(arguments: [
    "C:\\Temp\\notes.txt", "C:\\Temp\\Deep\\er\\x.tar.gz", "D:\\notes", "c:\\temp\\A B.txt",
  ])
  func validWindowsDestinationsPass(_ path: String) {
    #expect(Self.errors(path, guest: "windows-server-2016").isEmpty)
  }

  @Test(arguments: [
    ("/tmp/a.txt", "is a Linux path", "write 'C:\\tmp\\a.txt'"),
    ("C:/Temp/a.txt", "separates folders with '/'", "write 'C:\\Temp\\a.txt'"),
    ("Temp\\a.txt", "must be an absolute Windows path", "C:\\Temp\\notes.txt"),
    ("C:\\Temp\\bad|name.txt", "contains '|'", "write 'badname.txt'"),
    ("C:\\Temp\\CON", "reserved device name", "write 'CON-file'"),
    ("C:\\Temp\\nul.txt", "reserved device name", "write 'nul-file.txt'"),
    ("C:\\Temp\\com1.log", "reserved device name", "write 'com1-file.log'"),
    ("C:\\Temp\\a.txt.", "ends with a space or a dot", "write 'a.txt'"),
    ("C:\\", "is a drive, not a file", "C:\\Temp\\notes.txt"),
  ])
  func badWindowsDestinationsAreReportedAtTheirPosition(
    _ path: String, _ message: String, _ suggestion: String
  ) {
    let errors = Self.errors(path, guest: "windows-server-2012r2")
    #expect(errors.count == 1, "\(errors)")
    let error = errors.first ?? ""
    #expect(error.hasPrefix("demo.yaml:9:50: error:"), "\(error)")
    #expect(error.contains(message), "\(error)")
    #expect(error.contains(suggestion), "\(error)")
  }

  @Test func aWindowsPathOverMaxPathIsTooLong() {
    let path = "C:\\" + String(repeating: "a", count: 300) + "\\x.txt"
    let errors = Self.errors(path, guest: "windows-server-2019")
    #expect(errors.count == 1 && errors[0].contains("at most 259 (MAX_PATH"), "\(errors)")
  }

  @Test func aWindowsPathToALinuxGuestSuggestsAWindowsGuest() {
    let errors = Self.errors("C:\\Temp\\notes.txt", guest: nil)
    #expect(errors.count == 1, "\(errors)")
    #expect(errors.first?.contains("set vm.guest to windows-server-2012r2") == true, "\(errors)")
  }

  @Test func everyProblemOfOnePathIsReported() {
    let problems = GuestPathRules.problems("C:\\Temp\\aux\\b?.txt ", in: .windows(.server2016))
    #expect(problems.count == 3, "\(problems)")
  }
}
