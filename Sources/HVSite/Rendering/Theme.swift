import HVDiagnostics
import Mustache

/// `Content/theme/`: Mustache templates (`templates/*.mustache`) and static assets (`assets/…`,
/// copied to `Site/assets/`). An author restyles the site here without recompiling.
struct Theme: Sendable {
  /// The templates every build needs, by name (file name without `.mustache`).
  static let requiredTemplates = [
    "layout", "home", "language-index", "lesson", "not-found", "sidebar-item", "scenario",
    "scenario-index", "print",
  ]

  /// The content folder whose files are copied to the site's `assets/` (``Route/asset(path:)``).
  static let assetsFolder = "theme/assets"

  /// `theme/assets/style.css` → `style.css`, the path under the site's `assets/`.
  static func assetPath(of contentPath: String) -> String {
    String(contentPath.dropFirst(assetsFolder.count + 1))
  }

  var library: MustacheLibrary
  /// Every `{{strings.key}}` used by a template, with where it is used.
  var stringReferences: [(key: String, location: SourceLocation)]

  static func load(from content: ContentSnapshot) -> (Theme?, [Diagnostic]) {
    var library = MustacheLibrary()
    var diagnostics: [Diagnostic] = []
    var references: [(String, SourceLocation)] = []
    var found: Set<String> = []
    for file in content.files(under: "theme/templates") where file.path.hasSuffix(".mustache") {
      let displayPath = content.displayPath(file.path)
      let name = String(file.path.dropFirst("theme/templates/".count).dropLast(".mustache".count))
      switch content.text(of: file) {
      case .failure(let error): diagnostics += error.diagnostics
      case .success(let text):
        do {
          try library.register(text, named: name)
          found.insert(name)
          references += stringKeys(in: text, path: displayPath)
        } catch let error as MustacheTemplate.ParserError {
          diagnostics.append(
            Diagnostic(
              at: SourceLocation(
                path: displayPath, line: error.context.lineNumber,
                column: error.context.columnNumber),
              id: .themeTemplateSyntax, "invalid Mustache template: \(error.error)"))
        } catch {
          diagnostics.append(
            Diagnostic(
              at: SourceLocation(path: displayPath, line: 1, column: 1),
              id: .themeTemplateSyntax, "invalid Mustache template: \(error)"))
        }
      }
    }
    for name in requiredTemplates where !found.contains(name) {
      diagnostics.append(
        Diagnostic(
          at: SourceLocation(
            path: content.displayPath("theme/templates/\(name).mustache"), line: 1, column: 1),
          id: .themeMissingTemplate, "the theme has no '\(name)' template",
          suggestion: "every theme needs: " + requiredTemplates.joined(separator: ", ")))
    }
    guard diagnostics.isEmpty else { return (nil, diagnostics) }
    return (Theme(library: library, stringReferences: references), [])
  }

  func render(_ view: Any, template: String) -> String {
    guard let output = library.render(view, withTemplate: template) else {
      preconditionFailure("template '\(template)' was checked at load time")
    }
    return output
  }

  /// Finds `{{strings.key}}` (and `{{{strings.key}}}`, `{{#strings.key}}`) uses with positions.
  private static func stringKeys(in text: String, path: String) -> [(String, SourceLocation)] {
    var result: [(String, SourceLocation)] = []
    for (lineIndex, line) in text.split(separator: "\n", omittingEmptySubsequences: false)
      .enumerated()
    {
      var rest = line[...]
      while let open = rest.range(of: "strings.") {
        let before = rest[..<open.lowerBound]
        guard
          before.hasSuffix("{{") || before.hasSuffix("{{{") || before.hasSuffix("{{#")
            || before.hasSuffix("{{^") || before.hasSuffix("{{ ")
        else {
          rest = rest[open.upperBound...]
          continue
        }
        let key = rest[open.upperBound...].prefix {
          $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_"
        }
        let column = line.distance(from: line.startIndex, to: open.upperBound) + 1
        result.append(
          (String(key), SourceLocation(path: path, line: lineIndex + 1, column: column)))
        rest = rest[open.upperBound...]
      }
    }
    return result
  }
}
