import Foundation
import HVTestSupport
import HVTrace
import Testing

@testable import HVSite

/// Every actor of the contract has a lifeline title in every language, found by its typed key.
@Suite struct ActorNameTests {
  @Test func everyContractActorIsNamedInEveryLanguage() throws {
    #expect(Set(ActorKey.contract).count == ActorKey.contract.count)
    for language in ["vi", "en"] {
      let path = "strings/\(language).yaml"
      let text = try String(contentsOf: Repository.url("Content/\(path)"), encoding: .utf8)
      let (strings, _, diagnostics) = InterfaceStrings.parse(
        text, language: language, displayPath: path)
      #expect(diagnostics.isEmpty)
      let names = WalkthroughText(strings: try #require(strings)).diagram.actorNames
      let missing = ActorKey.contract.filter { names[$0] == nil }
      #expect(missing.isEmpty, "\(path) names no lifeline for \(missing)")
    }
  }
}
