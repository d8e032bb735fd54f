import Foundation
import HVDiagram
import HVScenario
import HVTestSupport
import HVTrace
import Testing

/// The two 10 KiB writes as golden SVGs: any change to the trace, the layout or the SVG writer
/// shows up as a diff here. Re-record with HVWALK_RECORD=1 after checking the change is wanted.
@Suite struct GoldenDiagramTests {
  static let folder = Repository.url("Tests/HVSiteTests/Golden")
  static let content = Repository.url("Content/scenarios")

  static func trace(_ id: String) throws -> Trace {
    let path = content.appendingPathComponent("\(id).yaml").path
    let (scenario, diagnostics) = ScenarioParser.parse(
      source: try String(contentsOfFile: path, encoding: .utf8), path: path)
    guard let scenario, diagnostics.isEmpty else { throw CocoaError(.fileReadCorruptFile) }
    return ScenarioRunner.run(scenario)
  }

  @Test(arguments: ["disk-write-emulated", "disk-write-synthetic"])
  func svgMatchesTheGoldenFile(_ id: String) throws {
    let model = SequenceModel(trace: try Self.trace(id), options: DiagramOptions())
    let svg =
      DiagramSVG(id: id, title: id, summary: "golden").render(
        DiagramLayout(model: model, text: .english)) + "\n"
    Snapshot.expect(svg, matches: Self.folder.appendingPathComponent("\(id).svg"))
  }

  /// The numbers in the diagram and in the transcript are the same messages, in the same order.
  @Test(arguments: ["disk-write-emulated", "disk-write-synthetic", "boot-gen1-is"])
  func transcriptNumberingMatchesTheDiagram(_ id: String) throws {
    var fixture = try ContentFixture.withScenarios([id])
    fixture.addLesson("a", order: 1, title: "A", body: "```trace \(id)\n```")
    let site = try #require(fixture.build().site)
    let page = try #require(site.text("en/a.html"))
    // A page over the budget keeps its diagram as a file of its own (FigureFiles).
    let source =
      page.contains("<svg") ? page : try #require(site.text("en/figures/a.\(id)-diagram.svg"))
    let diagram = source[
      source.range(of: "<svg")!.lowerBound..<source.range(of: "</svg>")!.upperBound]
    let transcript = page[page.range(of: "<ol class=\"hv-transcript\">")!.lowerBound...]
    func steps(_ text: Substring, prefix: String) -> [String] {
      text.components(separatedBy: prefix).dropFirst().map { String($0.prefix { $0 != "\"" }) }
    }
    let inDiagram = steps(diagram, prefix: "id=\"\(id)-diagram-msg-")
    let inTranscript = steps(transcript, prefix: "<li id=\"\(id)-step-")
    #expect(!inDiagram.isEmpty)
    #expect(inDiagram == inTranscript)
    #expect(inDiagram == (1...inDiagram.count).map(String.init))
  }
}
