import HVHostModel
import HVIntegrationServices

/// The rules a `copy-file` destination must follow in the guest it is copied to (fact sheet
/// §4.9: `hv_start_fcopy` carries folder and file name as UTF-16 of at most `W_MAX_PATH` = 260
/// characters with the NUL).
///
/// A Linux destination is an absolute `/` path. A Windows destination follows the Win32 naming
/// rules (Microsoft, "Naming Files, Paths, and Namespaces"): a drive letter, a colon and `\`
/// (`C:\Temp\notes.txt`); components separated by `\` (a `/` is accepted and turned into `\` by
/// Win32, so the model reports it as a suggestion, not an error); none of `< > : " | ? *` or a
/// control character in a name; no name that is a reserved device name (`CON`, `PRN`, `AUX`,
/// `NUL`, `COM1`–`COM9`, `LPT1`–`LPT9`, also with an extension: `nul.txt`); no name ending in a
/// space or a dot; the whole path below `MAX_PATH` (260 with the NUL, so 259 characters).
enum GuestPathRules {
  /// One broken rule: what is wrong and, where obvious, what to write instead.
  struct Problem: Equatable {
    var message: String
    var suggestion: String?
  }

  static let reservedNames = Set(
    ["CON", "PRN", "AUX", "NUL"] + (1...9).map { "COM\($0)" } + (1...9).map { "LPT\($0)" })
  static let invalidCharacters: Set<Character> = ["<", ">", ":", "\"", "|", "?", "*"]

  /// The problems of `path` as a destination in `guest` (empty: the path is fine).
  static func problems(_ path: String, in guest: GuestOS) -> [Problem] {
    guest.isWindows ? windowsProblems(path) : linuxProblems(path)
  }

  static func linuxProblems(_ path: String) -> [Problem] {
    guard path.hasPrefix("/") else {
      let hint =
        looksLikeWindows(path)
        ? "a Windows path needs a Windows guest: set vm.guest to windows-server-2012r2, windows-server-2016 or windows-server-2019"
        : "e.g. '/tmp/setup.sh'"
      return [
        Problem(
          message: "destination '\(path)' must be an absolute path in a Linux guest",
          suggestion: hint)
      ]
    }
    let limit = FileCopyModel.maximumPath - 1
    let name = GuestFileSystem.lastComponent(path)
    let folder = GuestFileSystem.parent(of: path)
    if folder.utf16.count > limit || name.utf16.count > limit {
      return [
        Problem(
          message:
            "destination '\(path.prefix(40))…' is too long: the folder and the file name may have at most \(limit) characters each (W_MAX_PATH)",
          suggestion: nil)
      ]
    }
    return []
  }

  /// `C:\…` or `C:/…`.
  static func looksLikeWindows(_ path: String) -> Bool {
    let characters = Array(path)
    return characters.count >= 2 && characters[0].isLetter && characters[0].isASCII
      && characters[1] == ":"
  }

  static func windowsProblems(_ path: String) -> [Problem] {
    guard looksLikeWindows(path), path.count >= 3, path.dropFirst(2).first == "\\" else {
      if path.hasPrefix("/") {
        let windows = "C:" + path.replacing("/", with: "\\")
        return [
          Problem(
            message:
              "destination '\(path)' is a Linux path, but the guest runs Windows: a Windows path starts with a drive letter",
            suggestion: "write '\(windows)'")
        ]
      }
      if looksLikeWindows(path), path.dropFirst(2).first == "/" {
        return [
          Problem(
            message: "destination '\(path)' separates folders with '/': Windows uses '\\'",
            suggestion: "write '\(path.replacing("/", with: "\\"))'")
        ]
      }
      return [
        Problem(
          message:
            "destination '\(path)' must be an absolute Windows path: a drive letter, ':' and '\\'",
          suggestion: "e.g. 'C:\\Temp\\notes.txt'")
      ]
    }
    var problems: [Problem] = []
    let limit = FileCopyModel.maximumPath - 1
    if path.utf16.count > limit {
      problems.append(
        Problem(
          message:
            "destination is \(path.utf16.count) characters long: a Windows path has at most \(limit) (MAX_PATH, 260 with the terminating NUL)",
          suggestion: "use a shorter folder, e.g. 'C:\\Temp\\\(GuestFileSystem.lastComponent(path))'"))
    }
    if path.contains("/") {
      problems.append(
        Problem(
          message: "destination '\(path)' mixes '/' into a Windows path: Windows separates with '\\'",
          suggestion: "write '\(path.replacing("/", with: "\\"))'"))
    }
    let names = path.dropFirst(3).split(separator: "\\", omittingEmptySubsequences: false)
      .map(String.init)
    if path.hasSuffix("\\") && names.count <= 1 && names.first?.isEmpty != false {
      problems.append(
        Problem(
          message: "destination '\(path)' is a drive, not a file",
          suggestion: "e.g. '\(path)Temp\\notes.txt'"))
      return problems
    }
    for (index, name) in names.enumerated() {
      let last = index == names.count - 1
      if name.isEmpty {
        if !last {
          problems.append(
            Problem(message: "destination '\(path)' has an empty folder name ('\\\\')", suggestion: nil))
        }
        continue
      }
      if let bad = name.first(where: { invalidCharacters.contains($0) || $0.asciiValue.map { $0 < 32 } == true }) {
        let shown = bad.asciiValue.map { $0 < 32 } == true ? "a control character" : "'\(bad)'"
        problems.append(
          Problem(
            message: "'\(name)' contains \(shown), which Windows does not allow in a file or folder name",
            suggestion: "write '\(name.filter { !invalidCharacters.contains($0) })'"))
      }
      let stem = name.split(separator: ".", maxSplits: 1).first.map(String.init) ?? name
      if reservedNames.contains(stem.uppercased().trimmingTrailingSpaces) {
        problems.append(
          Problem(
            message:
              "'\(name)' is a reserved device name in Windows (\(stem.uppercased())): no file or folder can have it",
            suggestion: "write '\(stem)-file\(name.dropFirst(stem.count))'"))
      }
      if name.hasSuffix(" ") || name.hasSuffix(".") {
        problems.append(
          Problem(
            message: "'\(name)' ends with a space or a dot, which Windows removes from names",
            suggestion: "write '\(name.trimmingTrailingSpacesAndDots)'"))
      }
    }
    return problems
  }
}

extension String {
  fileprivate var trimmingTrailingSpaces: String {
    var text = self
    while text.hasSuffix(" ") { text.removeLast() }
    return text
  }

  fileprivate var trimmingTrailingSpacesAndDots: String {
    var text = self
    while text.hasSuffix(" ") || text.hasSuffix(".") { text.removeLast() }
    return text
  }
}
