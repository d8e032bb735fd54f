import HVDiagnostics

/// Every file of a content folder, read into memory by the command-line layer.
///
/// The site is built from this value alone, so building is a pure function of the content and
/// tests can build from files they write in memory.
public struct ContentSnapshot: Sendable {
  public struct File: Sendable {
    /// Path relative to the content folder, with `/` separators, e.g. `lessons/en/vmbus.md`.
    public var path: String
    public var bytes: [UInt8]

    public init(path: String, bytes: [UInt8]) {
      self.path = path
      self.bytes = bytes
    }
  }

  /// The content folder as the author named it (`Content`), used to print paths they recognise.
  public var displayRoot: String
  /// Sorted by path, so every listing derived from it is in a stable order.
  public private(set) var files: [File]

  public init(displayRoot: String, files: [File]) {
    self.displayRoot = displayRoot
    self.files = files.sorted { $0.path < $1.path }
  }

  public func file(_ path: String) -> File? { files.first { $0.path == path } }

  /// Files directly or indirectly under `folder` (no trailing slash).
  public func files(under folder: String) -> [File] {
    files.filter { $0.path.hasPrefix(folder + "/") }
  }

  /// The path an author sees in a diagnostic, e.g. `Content/lessons/en/vmbus.md`.
  public func displayPath(_ path: String) -> String {
    displayRoot.isEmpty ? path : displayRoot + "/" + path
  }

  /// The file as text, or a diagnostic pointing at the first byte that is not UTF-8.
  public func text(of file: File) -> Result<String, DiagnosticsError> {
    var bytes = file.bytes[...]
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
    if let text = String(validating: bytes, as: UTF8.self) {
      return .success(text.replacingCRLF())
    }
    let (line, column) = Self.firstInvalidUTF8(in: Array(bytes))
    return .failure(
      DiagnosticsError([
        Diagnostic(
          at: SourceLocation(path: displayPath(file.path), line: line, column: column),
          id: .contentNotUtf8, "file is not valid UTF-8",
          suggestion: "save it with UTF-8 encoding")
      ]))
  }

  private static func firstInvalidUTF8(in bytes: [UInt8]) -> (line: Int, column: Int) {
    var line = 1, lineStart = 0, index = 0
    while index < bytes.count {
      let length = validSequenceLength(bytes, at: index)
      if length == 0 {
        let prefix = Array(bytes[lineStart..<index])
        return (line, String(decoding: prefix, as: UTF8.self).count + 1)
      }
      if bytes[index] == 0x0A {
        line += 1
        lineStart = index + 1
      }
      index += length
    }
    return (line, 1)
  }

  /// Length of the valid UTF-8 sequence starting at `index`, or 0 if it is invalid.
  private static func validSequenceLength(_ bytes: [UInt8], at index: Int) -> Int {
    for length in 1...4 where index + length <= bytes.count {
      if String(validating: bytes[index..<(index + length)], as: UTF8.self) != nil { return length }
    }
    return 0
  }
}

extension String {
  /// Windows line endings become `\n`, so positions and output do not depend on the editor. A
  /// lone `\r` (old Mac line ending) is a line break too, for YAML and for editors alike: left in,
  /// YAML's line numbers and ours would disagree (found by the mutation fuzz).
  func replacingCRLF() -> String {
    utf8.contains(0x0D) ? replacing("\r\n", with: "\n").replacing("\r", with: "\n") : self
  }
}
