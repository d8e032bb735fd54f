import Foundation
import HVTestSupport
import Testing

@testable import HVSite

/// Long diagrams leave pages over the budget as files of their own (issue 18 item 4): the page
/// fits, the script puts back exactly the diagram that left, the image carries the styles, and a
/// page under the budget is not touched.
@Suite struct FigureFilesTests {
  static func svg(_ id: String, padding: Int) -> String {
    "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"hv-diagram\" id=\"\(id)\" width=\"100\" height=\"50\">"
      + "<title id=\"\(id)-title\">A &amp; \"B\"</title><svg><rect/></svg>"
      + "<text>\(String(repeating: "x", count: padding))</text></svg>"
  }

  static let page = Route.lesson(language: "en", slug: "heartbeat")

  @Test func aPageUnderTheBudgetIsNotTouched() {
    let file = Site.File(path: Self.page.path, text: "<p>a</p>" + Self.svg("d1", padding: 100))
    let split = FigureFiles.split(file, page: Self.page, style: "x{}", budget: 10_000)
    #expect(split.page == file)
    #expect(split.diagrams.isEmpty)
  }

  @Test func theLargestDiagramsLeaveUntilThePageFits() throws {
    let small = Self.svg("small", padding: 2_000)
    let large = Self.svg("large", padding: 6_000)
    let middle = Self.svg("middle", padding: 4_000)
    let html = "<p>start</p>" + small + "<p>one</p>" + large + "<p>two</p>" + middle + "<p>end</p>"
    let file = Site.File(path: Self.page.path, text: html)
    let split = FigureFiles.split(
      file, page: Self.page, style: ".hv-diagram text{fill:red}", budget: 5_000)
    let files = [split.page] + split.diagrams.map(\.file)
    #expect(
      split.diagrams.map(\.route) == [
        .diagramScript(page: "en/heartbeat.html", figure: "large"),
        .diagramImage(page: "en/heartbeat.html", figure: "large"),
        .diagramScript(page: "en/heartbeat.html", figure: "middle"),
        .diagramImage(page: "en/heartbeat.html", figure: "middle"),
      ])
    let page = try #require(files.first)
    #expect(page.path == "en/heartbeat.html")
    #expect(page.bytes.count <= 5_000)
    #expect(
      files.dropFirst().map(\.path) == [
        "en/figures/heartbeat.large.js", "en/figures/heartbeat.large.svg",
        "en/figures/heartbeat.middle.js", "en/figures/heartbeat.middle.svg",
      ])
    let text = String(decoding: page.bytes, as: UTF8.self)
    #expect(text.contains(small), "the smallest diagram stays: the page fits without moving it")
    #expect(!text.contains("id=\"large\""))
    #expect(
      text.contains(
        "<p>one</p><script src=\"figures/heartbeat.large.js\"></script><noscript><img class=\"hv-diagram-image\" src=\"figures/heartbeat.large.svg\" width=\"100\" height=\"50\" alt=\"A &amp; &quot;B&quot;\"></noscript><p>two</p>"
      ))
    // The script's string is the diagram, byte for byte.
    let script = String(decoding: files[1].bytes, as: UTF8.self)
    let literal = try #require(
      script.range(of: "insertAdjacentHTML(\"beforebegin\", ").map { script[$0.upperBound...] })
    let decoded = try JSONDecoder().decode(
      String.self, from: Data(literal.dropLast(3).utf8))
    #expect(decoded == large)
    #expect(!script.contains("</"), "no closing tag can end a script early")
    // The image is the diagram with its styles.
    let image = String(decoding: files[2].bytes, as: UTF8.self)
    #expect(image.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg "))
    #expect(image.contains("<style>\n.hv-diagram text{fill:red}</style>"))
    #expect(image.contains("<text>" + String(repeating: "x", count: 6_000) + "</text>"))
  }

  @Test func theImageStylesAreTheMarkedPartsOfTheStylesheet() {
    let css = """
      body { color: red; }
      /* hvwalk:diagram-image */
      :root { --bg: white; }
      /* /hvwalk:diagram-image */
      .page { margin: 0; }
      /* hvwalk:diagram-image */
      .hv-diagram text { fill: var(--fg); }
      /* /hvwalk:diagram-image */
      """
    #expect(
      FigureFiles.imageStyle(fromStylesheet: css)
        == ":root { --bg: white; }\n.hv-diagram text { fill: var(--fg); }\n")
  }

  /// The course's pages, but for the print pages, stay under 200 KiB, the long boot trace
  /// included; every diagram file a page names exists.
  @Test func everyPageButThePrintPagesIsUnder200KiB() throws {
    let site = try #require(ShippedCourse.site)
    let heavy = site.files.filter {
      $0.path.hasSuffix(".html") && !$0.path.hasSuffix("/print.html") && $0.bytes.count >= 200 * 1024
    }
    #expect(heavy.map(\.path) == [])
    let paths = Set(site.files.map(\.path))
    let boot = try #require(site.text("en/scenarios/boot-gen1-is.html"))
    #expect(boot.contains("<script src=\"figures/boot-gen1-is."))
    for page in site.files where page.path.hasSuffix(".html") {
      let text = String(decoding: page.bytes, as: UTF8.self)
      for match in text.matches(of: /<script src="(figures\/[^"]+)"/) {
        let folder = page.path.split(separator: "/").dropLast().joined(separator: "/")
        #expect(paths.contains(folder + "/" + match.1), "\(page.path) names \(match.1)")
      }
    }
  }
}
