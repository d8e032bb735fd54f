import Foundation
import HVDiagnostics
import HVScenario
import HVTestSupport
import HVTrace
import Testing

/// Property-style: thousands of scenario files broken at random (lines deleted, duplicated,
/// re-indented, keys and values retyped, garbage inserted, files cut short) must each give either
/// a valid run or diagnostics that point inside the file — never a crash, never a silent default.
@Suite struct MutationTests {
  static let contentFolder = Repository.url("Content/scenarios")

  /// The seeded generator of HVTestSupport, so every run tries the same cases.
  typealias Generator = SplitMix64

  static let tokens = [
    "", "0", "-1", "1.5", "10", "10 KiB", "10 PiB", "999999999999 GiB", "1e9 s", "5 fortnights",
    "yes", "no",
    "null", "~", "[]", "{}", "[1, 2]", "{a: b}", "'quoted'", "\"", "&anchor", "*alias",
    "!!binary x", "../evil",
    "write-disc", "start", "off", "ide", "scsi", "3", "2099", "all", "none", "[heartbeat, nope]",
    "Ghi 10 KB", "\u{0}",
    "\t", "%", "@", "`", "|", ">", "- ", ": ", "#",
  ]

  static func mutate(_ text: String, _ random: inout Generator) -> String {
    var lines = text.components(separatedBy: "\n")
    for _ in 0...random.below(3) {
      guard !lines.isEmpty else { break }
      let index = random.below(lines.count)
      switch random.below(9) {
      case 0: lines.remove(at: index)
      case 1: lines.insert(lines[index], at: index)
      case 2:
        lines[index] =
          String(repeating: " ", count: random.below(6))
          + lines[index].trimmingCharacters(in: .whitespaces)
      case 3:
        if let colon = lines[index].firstIndex(of: ":") {
          lines[index] = String(lines[index][...colon]) + " " + random.pick(tokens)
        }
      case 4:
        if let colon = lines[index].firstIndex(of: ":") {
          let indent = lines[index].prefix { $0 == " " || $0 == "-" }
          lines[index] =
            indent
            + random.pick(["idd", "titel", "step", "vm", "disk", "seed", "host", "wait", "x"])
            + String(lines[index][colon...])
        }
      case 5:
        lines.insert(
          String(repeating: " ", count: random.below(4)) + random.pick(tokens), at: index)
      case 6: lines = Array(lines.prefix(index))
      case 7: lines[index] = lines[index].replacingOccurrences(of: " ", with: "\t")
      default:
        var characters = Array(lines[index])
        if !characters.isEmpty {
          characters[random.below(characters.count)] = random.pick(Array("{}[]:,-#'\"&*!|>%@`x1 "))
        }
        lines[index] = String(characters)
      }
    }
    return lines.joined(separator: "\n")
  }

  @Test func brokenFilesNeverCrashAndAlwaysExplain() throws {
    let files = try FileManager.default.contentsOfDirectory(atPath: Self.contentFolder.path)
      .filter { $0.hasSuffix(".yaml") }.sorted()
    #expect(!files.isEmpty)
    var random = Generator(seed: 20_261_127)
    var runs = 0, rejected = 0
    for round in 0..<3000 {
      let name = files[round % files.count]
      let original = try String(
        contentsOf: Self.contentFolder.appendingPathComponent(name), encoding: .utf8)
      let text = Self.mutate(original, &random)
      let path = "Content/scenarios/\(name)"
      let lineCount = text.components(separatedBy: "\n").count
      let (scenario, diagnostics) = ScenarioParser.parse(source: text, path: path)
      for diagnostic in diagnostics {
        #expect(diagnostic.location.path == path)
        #expect(
          (1...max(lineCount, 1) + 1).contains(diagnostic.location.line),
          "\(diagnostic) is outside the file")
        #expect(!diagnostic.message.isEmpty)
      }
      if let scenario, diagnostics.isEmpty {
        #expect(!ScenarioRunner.run(scenario).steps.isEmpty)
        runs += 1
      } else {
        #expect(!diagnostics.isEmpty, "a file that does not parse must say why:\n\(text)")
        rejected += 1
      }
    }
    #expect(runs > 100, "some mutations are harmless and must still run")
    #expect(rejected > 1000, "most mutations break the file and must be reported")
  }
}

extension SplitMix64 {
  /// A draw in `0..<bound` by plain modulo (slightly biased), as this suite has always drawn, so
  /// it keeps trying exactly the same mutated files.
  mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(max(bound, 1))) }
  mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }
}
