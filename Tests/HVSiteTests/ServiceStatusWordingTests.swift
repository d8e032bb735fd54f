import Foundation
import HVTestSupport
import HVTrace
import Testing

@testable import HVSite

/// Scenario pages word each service's status in the page's language (issue 16): a disabled
/// service's `OK` says it is not in use, and the PowerShell value stays visible.
@Suite struct ServiceStatusWordingTests {
  @Test func statusesAreExplainedInThePagesLanguage() throws {
    let strings = InterfaceStrings(
      language: "vi",
      entries: [
        (key: "service-status-ok", value: "OK (bình thường)"),
        (key: "service-status-no-contact", value: "No Contact (máy ảo chưa từng mở kênh)"),
        (key: "service-status-disabled", value: "OK (đang tắt nên không được dùng)"),
        (key: "service-status-none", value: "— (máy ảo không chạy)"),
      ])
    let row = { (enabled: Bool, status: String) in
      IntegrationServiceStatus(name: "Heartbeat", enabled: enabled, status: status)
    }
    #expect(ScenarioPages.statusText(row(true, "OK"), strings) == "OK (bình thường)")
    #expect(
      ScenarioPages.statusText(row(false, "OK"), strings) == "OK (đang tắt nên không được dùng)")
    #expect(
      ScenarioPages.statusText(row(true, "No Contact"), strings)
        == "No Contact (máy ảo chưa từng mở kênh)")
    #expect(ScenarioPages.statusText(row(true, ""), strings) == "— (máy ảo không chạy)")
    #expect(ScenarioPages.statusText(row(true, "Something New"), strings) == "Something New")
    // The shipped strings word every status the model reports, in both languages.
    for language in ["en", "vi"] {
      let text = try String(
        contentsOf: Repository.url("Content/strings/\(language).yaml"), encoding: .utf8)
      for key in [
        "ok", "no-contact", "lost-communication", "degraded", "non-recoverable-error", "disabled",
        "none",
      ] {
        #expect(text.contains("\nservice-status-\(key):"), "\(language): service-status-\(key)")
      }
    }
  }
}
