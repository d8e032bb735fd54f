import Testing

@testable import HVSite

/// cmark in safe mode, as the pages get it: author HTML neutralised, text kept exactly.
@Suite struct MarkdownRenderingTests {
  func html(_ markdown: String, hooks: MarkdownHooks = MarkdownHooks()) -> String {
    CMarkBridge.render(markdown, lineOffset: 0, hooks: hooks).html
  }

  @Test func scriptBlocksNeverReachThePage() {
    let output = html("Before\n\n<script>alert('x')</script>\n\nAfter")
    #expect(!output.contains("<script"))
    #expect(output.contains("<!-- raw HTML omitted -->"))
    #expect(output.contains("<p>After</p>"))
  }

  @Test func inlineEventHandlersAreRemoved() {
    let output = html(
      "An image <img src=x onerror=\"alert(1)\"> inline and <a href=# onclick=x>a</a>.")
    #expect(!output.contains("onerror"))
    #expect(!output.contains("onclick"))
    #expect(!output.contains("<img"))
  }

  @Test(arguments: [
    "javascript:alert(1)", "JavaScript:alert(1)", "vbscript:x",
    "data:text/html;base64,PHNjcmlwdD4=",
  ])
  func unsafeLinkTargetsAreEmptied(_ target: String) {
    let output = html("[click](\(target))")
    #expect(output.contains("<a href=\"\">click</a>"))
  }

  @Test func safeLinksStay() {
    #expect(
      html("[docs](https://learn.microsoft.com/)").contains("href=\"https://learn.microsoft.com/\"")
    )
  }

  @Test func vietnameseTextRoundTripsExactly() {
    let text =
      "Phân vùng cha (root) tạo phân vùng con — “ngăn xếp ảo hóa” chạy ở đó; đĩa ảo ĐÃ ghi."
    #expect(html(text) == "<p>\(text)</p>\n")
  }

  @Test func headingsGetStableUniqueIDs() {
    let rendered = CMarkBridge.render(
      "## Phân vùng cha\n\n## Phân vùng cha\n\n### `VMBus` & rings", lineOffset: 0,
      hooks: MarkdownHooks())
    #expect(rendered.headings.map(\.id) == ["phan-vung-cha", "phan-vung-cha-2", "vmbus-rings"])
    #expect(rendered.html.contains("<h2 id=\"phan-vung-cha\">"))
    #expect(rendered.html.contains("<h2 id=\"phan-vung-cha-2\">"))
    #expect(rendered.html.contains("<h3 id=\"vmbus-rings\">"))
    #expect(rendered.headings.map(\.line) == [1, 3, 5])
  }

  @Test func rawHTMLInsideAHeadingIsStillNeutralised() {
    let output = html("## Title <img src=x onerror=alert(1)>")
    #expect(!output.contains("onerror"))
    #expect(output.contains("<h2 id=\"title\">"))
  }

  @Test func ordinaryCodeBlocksStayCode() {
    let output = html("```powershell\nGet-VM | Where-Object State -eq 'Running'\n```")
    #expect(
      output.contains(
        "<pre><code class=\"language-powershell\">Get-VM | Where-Object State -eq 'Running'"))
  }

  @Test func replacedBlocksAreInsertedVerbatim() {
    let hooks = MarkdownHooks(replaceFencedBlock: { block in
      block.info.hasPrefix("figure") ? "<figure class=\"generated\"><svg></svg></figure>" : nil
    })
    let output = html("<div>author</div>\n\n```figure x\n```\n", hooks: hooks)
    #expect(output.contains("<figure class=\"generated\"><svg></svg></figure>"))
    #expect(!output.contains("<div>author</div>"))
  }

  @Test func fencedBlocksReportFileLineAndInfoColumn() {
    var seen: [FencedBlock] = []
    let hooks = MarkdownHooks(replaceFencedBlock: {
      seen.append($0)
      return nil
    })
    _ = CMarkBridge.render("Intro\n\n  ```trace boot step=2\n  ```\n", lineOffset: 5, hooks: hooks)
    #expect(seen.count == 1)
    #expect(seen.first?.line == 8)
    #expect(seen.first?.infoColumn == 6)
    #expect(seen.first?.info == "trace boot step=2")
  }

  @Test func lessonLinksAreRewrittenToPages() {
    let hooks = MarkdownHooks(rewriteLink: LinkRewriter.rewrite)
    let output = html(
      "[VMBus](vmbus.md#ring-buffers) and [EN](../en/vmbus.md) and [web](https://x.org/a.md)",
      hooks: hooks)
    #expect(output.contains("href=\"vmbus.html#ring-buffers\""))
    #expect(output.contains("href=\"../en/vmbus.html\""))
    #expect(output.contains("href=\"https://x.org/a.md\""))
  }

  @Test func asciiFoldingCoversVietnamese() {
    #expect(
      ASCIIFolding.fold("Máy ảo đang chạy ở Phân vùng ĐẦU") == "May ao dang chay o Phan vung DAU")
  }
}
