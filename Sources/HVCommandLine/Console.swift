import Foundation
import HVDiagnostics

/// Where people read what hvwalk says: diagnostics and errors on standard error, results on
/// standard output. Colour only on a terminal, and never when `NO_COLOR` is set.
struct Console: Sendable {
  var useColor: Bool

  static var standard: Console {
    let environment = ProcessInfo.processInfo.environment
    let noColor = environment["NO_COLOR"].map { !$0.isEmpty } ?? false
    return Console(
      useColor: isatty(STDERR_FILENO) == 1 && !noColor && environment["TERM"] != "dumb")
  }

  func report(_ diagnostics: [Diagnostic]) {
    for diagnostic in diagnostics.sorted() { error(format(diagnostic)) }
    let count = diagnostics.filter { $0.severity == .error }.count
    // A failure must always say why; "0 errors" alone would leave the author guessing.
    if count == 0 && diagnostics.isEmpty {
      error("error: the build failed without a reported cause (please report this)")
    }
    error(count == 1 ? "1 error" : "\(count) errors")
  }

  func format(_ diagnostic: Diagnostic) -> String {
    guard useColor else { return diagnostic.description }
    let severity =
      diagnostic.severity == .error
      ? "\u{1B}[1;31merror:\u{1B}[0m" : "\u{1B}[1;33mwarning:\u{1B}[0m"
    // Only our own escapes reach the terminal: the author's text is escaped first.
    var text =
      "\u{1B}[1m\(diagnostic.location):\u{1B}[0m \(severity) \(TerminalText.escaped(diagnostic.message))"
    if let suggestion = diagnostic.suggestion {
      text += "; \u{1B}[36m\(TerminalText.escaped(suggestion))\u{1B}[0m"
    }
    return text
  }

  func info(_ line: String) { FileHandle.standardOutput.write(Data((line + "\n").utf8)) }
  func error(_ line: String) { FileHandle.standardError.write(Data((line + "\n").utf8)) }
}
