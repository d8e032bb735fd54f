import Foundation
import HVDiagnostics
import HVTestSupport

@testable import HVSite

/// A small, complete content folder in memory: two languages, minimal templates that expose what
/// the tests look at (sidebar, pager, language links), and whatever lessons a test adds.
struct ContentFixture {
  var files: [String: String] = ContentFixture.base

  static let base: [String: String] = [
    "site.yaml": """
    title:
      vi: Khóa học
      en: Course
    description:
      vi: Mô tả
      en: Description
    languages: [vi, en]
    default-language: vi
    """,
    "strings/vi.yaml":
      "language-name: Tiếng Việt\nprevious: Bài trước\nnext: Bài tiếp theo\nself-check-heading: Tự kiểm tra\n",
    "strings/en.yaml":
      "language-name: English\nprevious: Previous\nnext: Next\nself-check-heading: Check yourself\n",
    "theme/templates/layout.mustache": """
    <html lang="{{lang}}"><title>{{pageTitle}}</title>
    {{#languages}}<a class="lang" hreflang="{{code}}" href="{{href}}">{{name}}</a>{{/languages}}
    <ol class="sidebar">{{{sidebar}}}</ol>
    <main>{{{content}}}</main></html>
    """,
    "theme/templates/lesson.mustache": """
    <h1>{{title}}</h1>{{{body}}}
    {{#previous}}<a rel="prev" href="{{href}}">{{strings.previous}}: {{title}}</a>{{/previous}}
    {{#next}}<a rel="next" href="{{href}}">{{strings.next}}: {{title}}</a>{{/next}}
    """,
    "theme/templates/language-index.mustache":
      "{{#lessons}}<a href=\"{{href}}\">{{title}}</a>{{/lessons}}",
    "theme/templates/home.mustache":
      "{{#sections}}<section lang=\"{{code}}\">{{siteTitle}}</section>{{/sections}}",
    "theme/templates/not-found.mustache": "not found",
    "theme/templates/scenario.mustache": "<h1>{{title}}</h1>{{{figure}}}",
    "theme/templates/print.mustache":
      "{{#lessons}}<section id=\"{{anchor}}\">{{{body}}}</section>{{/lessons}}",
    "theme/templates/scenario-index.mustache":
      "{{#scenarios}}<a href=\"{{href}}\">{{title}}</a>{{/scenarios}}",
    "theme/templates/sidebar-item.mustache":
      "<li{{#current}} class=\"current\"{{/current}}><a href=\"{{href}}\">{{title}}</a></li>",
    "theme/assets/style.css": "body{}",
  ]

  /// Adds the same lesson in both languages (the course requires every lesson in every language).
  mutating func addLesson(_ slug: String, order: Int, title: String, body: String = "Text.") {
    for language in ["vi", "en"] {
      files["lessons/\(language)/\(slug).md"] = lesson(
        title: "\(title) (\(language))", order: order, body: body)
    }
  }

  func lesson(title: String, order: Int, body: String) -> String {
    "---\ntitle: \(title)\norder: \(order)\nsummary: About \(title).\n---\n\(body)\n"
  }

  /// The shipped interface strings and a scenario from the shipped content, for tests of the
  /// directives that show traces.
  static func withScenarios(_ ids: [String] = ["disk-write-emulated", "disk-write-synthetic"])
    throws -> ContentFixture
  {
    var fixture = ContentFixture()
    let content = Repository.url("Content")
    for language in ["vi", "en"] {
      fixture.files["strings/\(language).yaml"] = try String(
        contentsOf: content.appendingPathComponent("strings/\(language).yaml"), encoding: .utf8)
    }
    for id in ids {
      fixture.files["scenarios/\(id).yaml"] = try String(
        contentsOf: content.appendingPathComponent("scenarios/\(id).yaml"), encoding: .utf8)
    }
    return fixture
  }

  var snapshot: ContentSnapshot {
    ContentSnapshot(
      displayRoot: "Content",
      files: files.map { ContentSnapshot.File(path: $0.key, bytes: Array($0.value.utf8)) })
  }

  func build(_ directives: [any Directive] = []) -> Result<Site, DiagnosticsError> {
    SiteBuilder(directives: DirectiveRegistry(directives)).build(snapshot)
  }

  /// The diagnostics of a build that must fail, as printed lines.
  func errors(_ directives: [any Directive] = []) -> [String] {
    switch build(directives) {
    case .success: return []
    case .failure(let error): return error.diagnostics.map(\.description)
    }
  }
}

extension Result where Success == Site {
  var site: Site? { try? get() }
}
