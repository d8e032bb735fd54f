import Foundation
import HVTrace
import Testing

@testable import HVDiagram

#if canImport(FoundationXML)
import FoundationXML
#endif

@Suite struct SVGOutputTests {
  func svg(_ options: DiagramOptions = DiagramOptions()) -> String {
    let model = SequenceModel(trace: TraceFixture.trace(), options: options)
    let layout = DiagramLayout(model: model, text: .english)
    return DiagramSVG(id: "fixture", title: "A write & a wait", summary: "Two <request> paths.")
      .render(layout)
  }

  @Test func isWellFormedXML() throws {
    let document = try XMLDocument(xmlString: svg(), options: [])
    let root = try #require(document.rootElement())
    #expect(root.name == "svg")
  }

  @Test func carriesAccessibleNameAndDescription() throws {
    let document = try XMLDocument(xmlString: svg(), options: [])
    let root = try #require(document.rootElement())
    #expect(root.value("role") == "img")
    #expect(root.value("aria-labelledby") == "fixture-title fixture-desc")
    #expect(root.elements(forName: "title").first?.stringValue == "A write & a wait")
    #expect(root.elements(forName: "desc").first?.stringValue == "Two <request> paths.")
  }

  @Test func oneGroupPerNumberedMessage() throws {
    let model = SequenceModel(trace: TraceFixture.trace(), options: DiagramOptions())
    let document = try XMLDocument(xmlString: svg(), options: [])
    let steps = try document.nodes(forXPath: "//*[@data-step]").compactMap {
      ($0 as? XMLElement)?.value("data-step")
    }
    #expect(steps == model.messages.map { String($0.number) })
    let ids = try document.nodes(forXPath: "//*[@data-step]").compactMap {
      ($0 as? XMLElement)?.value("id")
    }
    #expect(ids == model.messages.map { "fixture-msg-\($0.number)" })
  }

  @Test func outputIsCanonical() {
    #expect(svg() == svg())
    #expect(!svg().contains(".0\""), "coordinates are integers")
    #expect(
      svg().hasPrefix(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"hv-diagram\" id=\"fixture\" role=\"img\""
      ))
  }

  @Test func repeatGroupsAreDrawnAsLoops() {
    let output = svg()
    #expect(output.contains(">loop ×20<"))
    #expect(output.contains(">loop ×256<"))
  }
}

extension XMLElement {
  /// An attribute's value. (`attribute(forName:)` finds nothing in FoundationXML once the
  /// document has a default namespace, as SVG does.)
  func value(_ name: String) -> String? {
    attributes?.first { $0.name == name }?.stringValue
  }
}

/// Writes the fixture diagram to /tmp for a person to look at (only when asked).
@Test(.enabled(if: ProcessInfo.processInfo.environment["HVWALK_PREVIEW"] != nil))
func writePreview() throws {
  let model = SequenceModel(trace: TraceFixture.trace(), options: DiagramOptions())
  let layout = DiagramLayout(model: model, text: .english)
  let svg = DiagramSVG(id: "fixture", title: "Fixture", summary: "Preview").render(layout)
  try svg.write(toFile: "/tmp/fixture.svg", atomically: true, encoding: .utf8)
}
