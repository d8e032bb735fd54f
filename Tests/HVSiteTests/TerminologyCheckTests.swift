import Testing

@testable import HVSite

/// One term per concept (issue 16 item 5): the variants a terminology file lists are reported
/// where they stand, outside code, quotations and the glossary.
@Suite struct TerminologyCheckTests {
  static let terms = """
    - concept: virtual machine (guest)
      use: máy ảo
      avoid: [máy khách]
    - concept: binary size unit
      use: KiB
      avoid: [KB]

    """

  @Test func eachVariantIsReportedAtItsPositionWithTheTermToUse() {
    var fixture = ContentFixture()
    fixture.files["terminology/vi.yaml"] = Self.terms
    fixture.files["lessons/vi/intro.md"] = """
      ---
      title: Máy khách
      order: 1
      summary: Tóm tắt.
      ---

      Một máy khách ghi 10 KB; `máy khách` trong mã thì không sao.
      Bài báo viết "ghi 10kb dữ liệu, máy khách" và ta giữ nguyên lời trích.

      ```trace demo
      máy khách
      ```

      KBytes và máy kháchx không phải là từ cần tránh.
      """
    fixture.files["lessons/vi/glossary.md"] = """
      ---
      title: Thuật ngữ
      order: 2
      summary: S.
      ---

      Máy ảo, còn gọi là máy khách.
      """
    let errors = fixture.errors().filter { $0.contains("variant") }
    #expect(
      errors == [
        "Content/lessons/vi/intro.md:2:8: error: 'Máy khách' is a variant this course avoids for virtual machine (guest); write 'máy ảo'",
        "Content/lessons/vi/intro.md:7:5: error: 'máy khách' is a variant this course avoids for virtual machine (guest); write 'máy ảo'",
        "Content/lessons/vi/intro.md:7:22: error: 'KB' is a variant this course avoids for binary size unit; write 'KiB'",
      ], "\(errors)")
  }

  @Test func stringsAndScenarioTextsAreCheckedToo() {
    var fixture = ContentFixture()
    fixture.files["terminology/vi.yaml"] = Self.terms
    fixture.files["strings/vi.yaml"]! += "extra-note: Dành cho máy khách\n"
    let errors = TerminologyCheck(
      content: ContentSnapshot(
        displayRoot: "Content",
        files: fixture.files.sorted { $0.key < $1.key }.map {
          ContentSnapshot.File(path: $0.key, bytes: Array($0.value.utf8))
        }
        + [
          ContentSnapshot.File(
            path: "scenarios/demo.yaml",
            bytes: Array("id: demo\ntitle:\n  en: Demo\n  vi: >-\n    Ghi 10 KB\n    vào máy khách\n".utf8))
        ]),
      languages: ["vi"]
    ).check().map(\.description)
    #expect(errors.contains { $0.hasPrefix("Content/strings/vi.yaml:") && $0.contains("'máy khách'") })
    #expect(errors.contains { $0.hasPrefix("Content/scenarios/demo.yaml:5:12: error: 'KB'") }, "\(errors)")
    #expect(errors.contains { $0.hasPrefix("Content/scenarios/demo.yaml:6:9: error: 'máy khách'") }, "\(errors)")
  }

  @Test func aBadTerminologyFileIsReported() {
    let (terms, problems) = TerminologyCheck.parse("- use: máy ảo\n", displayPath: "terminology/vi.yaml")
    #expect(terms.isEmpty)
    #expect(problems.map(\.identifier) == [.terminologyInvalidFile])
  }
}
