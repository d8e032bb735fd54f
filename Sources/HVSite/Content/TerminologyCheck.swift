import HVDiagnostics
import Yams

/// One term per concept (issue 16 item 5): `terminology/<lang>.yaml` lists, per concept, the word
/// the language's lessons use and the variants they must not, and every build reports each
/// variant it finds, at its position, with the word to write instead.
///
/// ```yaml
/// - concept: virtual machine (guest)
///   use: máy ảo
///   avoid: [máy khách]
/// ```
///
/// Checked: the language's lessons (front matter and text, outside code spans, fenced blocks
/// and quotations — a quotation keeps its source's words; the glossary is exempt, since it names
/// variants to explain them), the values of its strings and phrases files, and the scenarios'
/// titles and summaries in the language. Matching ignores case and takes whole words only.
struct TerminologyCheck: Sendable {
  struct Term: Sendable, Hashable {
    var concept: String
    var use: String
    var avoid: [String]
  }

  static func path(for language: String) -> String { "terminology/\(language).yaml" }
  static let exemptLessons: Set<String> = ["glossary"]

  let content: ContentSnapshot
  let languages: [String]
  /// Findings kept between `serve` builds: per lesson file, and for the rest (which only
  /// changes with the context files).
  var cache: RenderCache? = nil

  func check() -> [Diagnostic] {
    var diagnostics: [Diagnostic] = []
    for language in languages {
      let make = { contextFindings(language) }
      guard let (terms, problems, others) = cache?.reuse("terminology \(language)", key: 0, make: make) ?? make()
      else { continue }
      diagnostics += problems
      guard !terms.isEmpty else { continue }
      // Each lesson on its own (on every core), the findings kept in file order.
      let lessons = content.files(under: "lessons/\(language)").filter { $0.path.hasSuffix(".md") }
      diagnostics += lessons.parallelMap { lesson in
        let check = { lessonFindings(lesson, terms: terms) }
        return cache?.findings(lesson, make: check) ?? check()
      }.flatMap { $0 }
      diagnostics += others
    }
    return diagnostics
  }

  private func lessonFindings(_ lesson: ContentSnapshot.File, terms: [Term]) -> [Diagnostic] {
    let slug = String(lesson.path.split(separator: "/").last!.dropLast(3))
    guard !Self.exemptLessons.contains(slug), case .success(let text) = content.text(of: lesson)
    else { return [] }
    return Self.findings(
      in: Self.proseLines(ofMarkdown: text), terms: terms,
      displayPath: content.displayPath(lesson.path))
  }

  /// The language's terms, the terminology file's problems, and the findings in the scenarios,
  /// strings and phrases; nil when the language has no terminology file.
  private func contextFindings(_ language: String) -> ([Term], [Diagnostic], [Diagnostic])? {
    guard let file = content.file(Self.path(for: language)) else { return nil }
    let displayPath = content.displayPath(file.path)
    guard case .success(let text) = content.text(of: file) else { return nil }
    let (terms, problems) = Self.parse(text, displayPath: displayPath)
    var diagnostics: [Diagnostic] = []
    if !terms.isEmpty {
      for scenario in content.files(under: "scenarios") where scenario.path.hasSuffix(".yaml") {
        guard case .success(let text) = content.text(of: scenario) else { continue }
        diagnostics += Self.findings(
          in: Self.languageLines(ofScenario: text, language: language), terms: terms,
          displayPath: content.displayPath(scenario.path))
      }
      for path in [InterfaceStrings.path(for: language), PhraseCatalogue.path(for: language)] {
        guard let strings = content.file(path), case .success(let text) = content.text(of: strings)
        else { continue }
        diagnostics += Self.findings(
          in: Self.valueLines(ofYAML: text), terms: terms, displayPath: content.displayPath(path))
      }
    }
    return (terms, problems, diagnostics)
  }

  /// The terms of a terminology file, and its problems.
  static func parse(_ text: String, displayPath: String) -> ([Term], [Diagnostic]) {
    let source = YAMLSource(path: displayPath, lineOffset: 0)
    let (root, syntax) = source.compose(text)
    guard syntax.isEmpty else { return ([], syntax) }
    guard let root else { return ([], []) }
    guard let list = root.sequence else {
      return ([], [invalid(source.location(of: root))])
    }
    var terms: [Term] = []
    var diagnostics: [Diagnostic] = []
    for node in list {
      guard let mapping = node.mapping,
        let use = mapping["use"]?.string, !use.isEmpty,
        let avoid = mapping["avoid"]?.sequence?.compactMap(\.string)
      else {
        diagnostics.append(invalid(source.location(of: node)))
        continue
      }
      terms.append(Term(concept: mapping["concept"]?.string ?? use, use: use, avoid: avoid))
    }
    return (terms, diagnostics)
  }

  private static func invalid(_ location: SourceLocation) -> Diagnostic {
    Diagnostic(
      at: location, id: .terminologyInvalidFile,
      "a terminology file is a list of entries with 'concept', 'use' and 'avoid' (a list)",
      suggestion: "e.g. '- {concept: virtual machine, use: máy ảo, avoid: [máy khách]}'")
  }

  /// Each avoided variant found in `lines` (line number, column of the text's first character,
  /// text).
  static func findings(
    in lines: [(line: Int, column: Int, text: String)], terms: [Term], displayPath: String
  ) -> [Diagnostic] {
    var diagnostics: [Diagnostic] = []
    for (line, column, text) in lines {
      let lowered = Array(text.lowercased())
      // Lower-casing Vietnamese keeps the number of characters, so offsets carry over.
      guard lowered.count == text.count else { continue }
      for term in terms {
        for variant in term.avoid {
          for offset in wholeWordOffsets(of: Array(variant.lowercased()), in: lowered) {
            let found = String(Array(text)[offset..<(offset + variant.count)])
            diagnostics.append(
              Diagnostic(
                at: SourceLocation(path: displayPath, line: line, column: column + offset),
                id: .terminologyAvoidedVariant,
                "'\(found)' is a variant this course avoids for \(term.concept)",
                suggestion: "write '\(term.use)'"))
          }
        }
      }
    }
    return diagnostics
  }

  static func wholeWordOffsets(of needle: [Character], in haystack: [Character]) -> [Int] {
    guard !needle.isEmpty, needle.count <= haystack.count else { return [] }
    var offsets: [Int] = []
    var index = 0
    while index + needle.count <= haystack.count {
      if haystack[index] == needle[0], Array(haystack[index..<(index + needle.count)]) == needle {
        let before = index == 0 ? nil : haystack[index - 1]
        let after = index + needle.count < haystack.count ? haystack[index + needle.count] : nil
        if !(before?.isLetter ?? false) && !(after?.isLetter ?? false) {
          offsets.append(index)
          index += needle.count
          continue
        }
      }
      index += 1
    }
    return offsets
  }

  /// The lines of a Markdown file a reader sees as prose: fenced blocks dropped, code spans
  /// blanked (so columns stay right).
  static func proseLines(ofMarkdown text: String) -> [(line: Int, column: Int, text: String)] {
    var result: [(Int, Int, String)] = []
    var fence: String?
    for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
      let line = String(raw)
      let trimmed = line.drop { $0 == " " }
      if let open = fence {
        if trimmed.hasPrefix(open) { fence = nil }
        continue
      }
      if trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") {
        fence = String(trimmed.prefix { $0 == "`" || $0 == "~" })
        continue
      }
      result.append((index + 1, 1, blankingQuotations(blankingCodeSpans(line))))
    }
    return result
  }

  /// `a `code` b` → `a        b`: code spans replaced by spaces of the same length.
  static func blankingCodeSpans(_ line: String) -> String {
    guard line.contains("`") else { return line }
    var output = ""
    var inCode = false
    for character in line {
      if character == "`" {
        inCode.toggle()
        output.append(" ")
      } else {
        output.append(inCode ? " " : character)
      }
    }
    return output
  }

  /// Text between `"…"` or `“…”` replaced by spaces of the same length: a quotation keeps the
  /// words of its source.
  static func blankingQuotations(_ line: String) -> String {
    guard line.contains("\"") || line.contains("“") else { return line }
    var output = ""
    var inQuote = false
    for character in line {
      if character == "\"" || character == "“" || character == "”" {
        inQuote = character == "\"" ? !inQuote : character == "“"
        output.append(character)
      } else {
        output.append(inQuote ? " " : character)
      }
    }
    return output
  }

  /// The lines of a scenario file that hold its text in `language`: `  vi: …` under `title:` or
  /// `summary:`, and the lines of a folded value that follows it.
  static func languageLines(ofScenario text: String, language: String)
    -> [(line: Int, column: Int, text: String)]
  {
    var result: [(Int, Int, String)] = []
    var block: Int?  // indentation of a folded value in the language
    let marker = "\(language):"
    for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
      let line = String(raw)
      let indent = line.prefix { $0 == " " }.count
      if let depth = block {
        if indent > depth || line.allSatisfy({ $0 == " " }) {
          result.append((index + 1, 1, line))
          continue
        }
        block = nil
      }
      let trimmed = line.dropFirst(indent)
      guard indent > 0, trimmed.hasPrefix(marker) else { continue }
      let value = trimmed.dropFirst(marker.count)
      if value.trimmingPrefix(" ").hasPrefix(">") || value.trimmingPrefix(" ").hasPrefix("|") {
        block = indent
      } else {
        result.append((index + 1, indent + marker.count + 1, String(value)))
      }
    }
    return result
  }

  /// The values of a flat YAML mapping, line by line (`key: value` and `"key": "value"`), with
  /// the column where each value starts.
  static func valueLines(ofYAML text: String) -> [(line: Int, column: Int, text: String)] {
    var result: [(Int, Int, String)] = []
    for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
      let line = Array(raw)
      guard let first = line.first, first != "#", first != " " else { continue }
      var position = 0
      if first == "\"" {
        position = 1
        while position < line.count, line[position] != "\"" {
          position += line[position] == "\\" ? 2 : 1
        }
        position += 1
      }
      while position < line.count, line[position] != ":" { position += 1 }
      guard position + 1 < line.count else { continue }
      result.append((index + 1, position + 2, String(line[(position + 1)...])))
    }
    return result
  }
}
