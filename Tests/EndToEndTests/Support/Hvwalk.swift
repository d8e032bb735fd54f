import Foundation
import HVTestSupport

/// Runs the real `hvwalk` executable, built beside the test bundle, as a separate process, the
/// way an author runs it (so each run also gets its own hash seed).
enum Hvwalk {
  struct Outcome {
    var status: Int32
    var standardOutput: String
    var standardError: String
  }

  static var executable: URL {
    let testBinary = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
    var folder = testBinary.deletingLastPathComponent()
    // Swift Testing may run from inside an .xctest bundle folder.
    while folder.pathComponents.count > 1 {
      let candidate = folder.appendingPathComponent("hvwalk")
      if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
      folder = folder.deletingLastPathComponent()
    }
    return Repository.url(".build/debug/hvwalk")
  }

  @discardableResult
  static func run(
    _ arguments: [String], in directory: URL? = nil, environment: [String: String] = [:]
  ) throws -> Outcome {
    let process = start(arguments, in: directory, environment: environment)
    let output = Pipe(), error = Pipe()
    process.standardOutput = output
    process.standardError = error
    try process.run()
    let outData = output.fileHandleForReading.readDataToEndOfFile()
    let errData = error.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return Outcome(
      status: process.terminationStatus,
      standardOutput: String(decoding: outData, as: UTF8.self),
      standardError: String(decoding: errData, as: UTF8.self))
  }

  static func start(
    _ arguments: [String], in directory: URL? = nil, environment: [String: String] = [:]
  ) -> Process {
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    if let directory { process.currentDirectoryURL = directory }
    var env = ProcessInfo.processInfo.environment
    for (key, value) in environment { env[key] = value }
    process.environment = env
    return process
  }
}

/// A temporary folder removed when the test ends.
final class TemporaryFolder {
  let url: URL

  init() throws {
    url = FileManager.default.temporaryDirectory.appendingPathComponent(
      "hvwalk-test-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  }

  deinit { try? FileManager.default.removeItem(at: url) }

  func path(_ relative: String) -> String { url.appendingPathComponent(relative).path }
}

/// Every file under a folder, by relative path, with its bytes.
func tree(_ folder: String) -> [String: Data] {
  let manager = FileManager.default
  var result: [String: Data] = [:]
  for relative in (manager.subpaths(atPath: folder) ?? []).sorted() {
    let full = (folder as NSString).appendingPathComponent(relative)
    var isDirectory: ObjCBool = false
    if manager.fileExists(atPath: full, isDirectory: &isDirectory), !isDirectory.boolValue {
      result[relative] = manager.contents(atPath: full)
    }
  }
  return result
}

/// A readable summary of how two trees differ (for failure messages).
func differences(_ expected: [String: Data], _ actual: [String: Data]) -> [String] {
  var lines: [String] = []
  for path in Set(expected.keys).union(actual.keys).sorted() {
    switch (expected[path], actual[path]) {
    case (nil, _): lines.append("+ \(path) (unexpected)")
    case (_, nil): lines.append("- \(path) (missing)")
    case (let a?, let b?) where a != b: lines.append("~ \(path) (different bytes)")
    default: break
    }
  }
  return lines
}

func copyFolder(_ source: URL, to destination: URL) throws {
  try FileManager.default.copyItem(at: source, to: destination)
}
