import Foundation
import HVDiagnostics
import Testing

@testable import HVSite

/// Whole builds of content broken at random — lessons, strings files and scenarios, each
/// mutated many ways — never crash, and every diagnostic points inside the file it names (a line
/// that exists, a column on that line). `swift test` tries 60 cases per kind;
/// `Benchmarks/reliability.sh` sets `HVWALK_FUZZ_CASES` to try thousands.
@Suite struct MutationFuzzTests {
  static var casesPerKind: Int {
    Int(ProcessInfo.processInfo.environment["HVWALK_FUZZ_CASES"] ?? "") ?? 60
  }

  /// SplitMix64, so every run tries the same cases.
  struct Generator {
    var state: UInt64
    mutating func next() -> UInt64 {
      state &+= 0x9E37_79B9_7F4A_7C15
      var z = state
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return z ^ (z >> 31)
    }
    mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(max(bound, 1))) }
    mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }
  }

  static let tokens = [
    "", "0", "-1", "99999", "10 KiB", "10 PiB", "24 h", "25 h", "yes", "null", "~", "[]", "{}",
    "[1, 2]", "{a: b}",
    "'quoted'", "\"", "&anchor", "*alias", "!!binary x", "---", "```", "```trace", "```trace nope",
    "```self-check",
    "```compare a b", "{{count", "{{count disk-write-emulated vmExits}}", "{{ratio a b c}}",
    "{{detail x 1 y}}",
    "[link](nope.md)", "[x](javascript:alert(1))", "![i](http://x/y.png)",
    "![i](../../media/x.png)", "<script>",
    "# Heading", "## Heading", "## ", "- question: q", "  answer: a", "\u{0}", "\u{1B}[2J", "\t",
    "\r", "%", ": ",
    "#", "é", "máy ảo", String(repeating: "x", count: 300),
  ]

  static func mutate(_ text: String, _ random: inout Generator) -> String {
    var lines = text.components(separatedBy: "\n")
    for _ in 0...random.below(3) {
      guard !lines.isEmpty else { break }
      let index = random.below(lines.count)
      switch random.below(10) {
      case 0: lines.remove(at: index)
      case 1: lines.insert(lines[index], at: index)
      case 2:
        lines[index] =
          String(repeating: " ", count: random.below(6))
          + lines[index].trimmingCharacters(in: .whitespaces)
      case 3:
        if let colon = lines[index].firstIndex(of: ":") {
          lines[index] = String(lines[index][...colon]) + " " + random.pick(tokens)
        } else {
          lines[index] += " " + random.pick(tokens)
        }
      case 4:
        lines.insert(
          String(repeating: " ", count: random.below(4)) + random.pick(tokens), at: index)
      case 5: lines = Array(lines.prefix(index))
      case 6: lines[index] = lines[index].replacingOccurrences(of: " ", with: "\t")
      case 7:
        let other = random.below(lines.count)
        lines.swapAt(index, other)
      case 8:
        var characters = Array(lines[index])
        if !characters.isEmpty {
          characters.insert(contentsOf: random.pick(tokens), at: random.below(characters.count))
        }
        lines[index] = String(characters)
      default:
        var characters = Array(lines[index])
        if !characters.isEmpty {
          characters[random.below(characters.count)] = random.pick(
            Array("{}[]:,-#'\"&*!|>%@`x1 ()"))
        }
        lines[index] = String(characters)
      }
    }
    return lines.joined(separator: "\n")
  }

  /// Every diagnostic names a file of the content and a position inside it (or none).
  static func checkInside(_ diagnostics: [Diagnostic], _ fixture: ContentFixture) -> [String] {
    var problems: [String] = []
    for diagnostic in diagnostics {
      let location = diagnostic.location
      guard location.path.hasPrefix("Content/") else {
        problems.append("outside the content: \(diagnostic)")
        continue
      }
      let relative = String(location.path.dropFirst("Content/".count))
      if diagnostic.message.isEmpty { problems.append("empty message: \(diagnostic)") }
      guard location.hasPosition else { continue }
      guard let text = fixture.files[relative] else {
        if location.line != 1 || location.column != 1 {
          problems.append("no such file: \(diagnostic)")
        }
        continue
      }
      let lines = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(
        of: "\r", with: "\n"
      )
      .components(separatedBy: "\n")
      guard location.line <= lines.count + 1 else {
        problems.append("line past the end (\(lines.count) lines): \(diagnostic)")
        continue
      }
      // Columns from cmark (links) count UTF-8 bytes, those from YAML count characters.
      let line = location.line <= lines.count ? lines[location.line - 1] : ""
      let length = max(line.count, line.utf8.count)
      if location.column > length + 2 {
        let context = lines[max(0, location.line - 3)..<min(lines.count, location.line)].joined(
          separator: "⏎")
        problems.append(
          "column past the line (\(length)): \(diagnostic) — lines up to it: \(context)")
      }
    }
    return problems
  }

  /// Mutates `path` in `base` `count` times, builds each, and checks every answer.
  static func fuzz(
    _ path: String, in base: ContentFixture, seed: UInt64, count: Int, builder: SiteBuilder
  )
    -> (built: Int, rejected: Int, problems: [String])
  {
    var random = Generator(state: seed)
    var built = 0, rejected = 0
    var problems: [String] = []
    let original = base.files[path] ?? ""
    for _ in 0..<count {
      var fixture = base
      fixture.files[path] = mutate(original, &random)
      switch builder.build(fixture.snapshot) {
      case .success: built += 1
      case .failure(let error):
        rejected += 1
        if error.diagnostics.isEmpty {
          problems.append("a failure without a diagnostic:\n\(fixture.files[path] ?? "")")
        }
        problems += checkInside(error.diagnostics, fixture)
      }
      if problems.count > 5 { break }
    }
    return (built, rejected, problems)
  }

  /// The shipped strings and scenarios, and three shipped lessons that link only each other
  /// (the small fixture templates keep each build cheap).
  static func shippedFixture() throws -> ContentFixture {
    let content = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("Content")
    let scenarios = try FileManager.default.contentsOfDirectory(
      atPath: content.appendingPathComponent("scenarios").path
    )
    .filter { $0.hasSuffix(".yaml") }.map { String($0.dropLast(5)) }.sorted()
    var fixture = try ContentFixture.withScenarios(scenarios)
    for language in ["vi", "en"] {
      for slug in ["data-exchange", "glossary", "model-assumptions"] {
        fixture.files["lessons/\(language)/\(slug).md"] = try String(
          contentsOf: content.appendingPathComponent("lessons/\(language)/\(slug).md"),
          encoding: .utf8)
      }
    }
    return fixture
  }

  @Test(arguments: [
    ("lessons/en/data-exchange.md", UInt64(15_01)), ("lessons/vi/glossary.md", 15_02),
    ("strings/en.yaml", 15_03), ("strings/vi.yaml", 15_04),
    ("scenarios/kvp.yaml", 15_05), ("scenarios/disk-write-synthetic.yaml", 15_06),
    ("site.yaml", 15_07),
  ])
  func brokenContentNeverCrashesAndAlwaysPointsInsideTheFile(path: String, seed: UInt64) throws {
    let base = try Self.shippedFixture()
    // Scenarios that did not change are not simulated again (the cache is keyed by their text).
    let builder = SiteBuilder(scenarioCache: ScenarioCache(), parallel: false)
    if case .failure(let error) = builder.build(base.snapshot) {
      Issue.record("the unmutated fixture must build: \(error.diagnostics.prefix(3))")
      return
    }
    let count = path == "site.yaml" ? max(Self.casesPerKind / 3, 20) : Self.casesPerKind
    let result = Self.fuzz(path, in: base, seed: seed, count: count, builder: builder)
    #expect(
      result.problems.isEmpty, "\(path): \(result.problems.prefix(5).joined(separator: "\n"))")
    #expect(
      result.rejected > count / 10, "\(path): most mutations break the file and must be reported")
    if let report = ProcessInfo.processInfo.environment["HVWALK_FUZZ_REPORT"] {
      let line =
        "\(path) cases=\(result.built + result.rejected) built=\(result.built) rejected=\(result.rejected) problems=\(result.problems.count)\n"
      if let handle = FileHandle(forWritingAtPath: report) {
        handle.seekToEndOfFile()
        handle.write(Data(line.utf8))
        handle.closeFile()
      } else {
        FileManager.default.createFile(atPath: report, contents: Data(line.utf8))
      }
    }
  }
}
