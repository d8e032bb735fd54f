import Foundation
import HVSite

/// What the last build into an output folder was made from and what it left there, kept beside
/// the folder in `.<name>.state` (next to its lock, outside the site, so the site's bytes never
/// depend on it) — so that `hvwalk build` over an unchanged course writes nothing and returns at
/// once, the way `make` and `ninja` skip an up-to-date target (issue 18 item 2: a warm rebuild
/// ≤ 0.25 × a cold one).
///
/// A build is skipped only when both fingerprints match:
/// - **inputs**: every content file's path and bytes, and the hvwalk executable that builds
///   them (a new hvwalk may write different pages from the same content);
/// - **output**: every entry of the output folder as the build left it (path, type, size,
///   modification time, inode), so a page edited, deleted or added by hand, or a `git checkout`
///   of an older `Site/`, makes the next build write the site again.
///
/// The site is a pure function of the content (same content ⇒ byte-identical site), which is
/// what makes skipping safe. The state is written after the swap, under the lock, in one
/// rename; a build killed before that leaves the old state, which no longer matches the
/// output, so the next build rebuilds. Reading it needs no lock: a check that overlaps another
/// build's swap sees an output that matches no state and rebuilds.
struct BuildState: Equatable {
  var inputs: String
  var output: String
  var files: Int

  /// `.<name>.state` beside the output folder.
  static func path(of destination: String) -> String {
    let target = URL(fileURLWithPath: destination).standardizedFileURL
    return target.deletingLastPathComponent()
      .appendingPathComponent(".\(target.lastPathComponent).state").path
  }

  /// The fingerprint of a build's inputs: the generator and every content file.
  static func inputs(of snapshot: ContentSnapshot, generator: String = generatorIdentity)
    -> String
  {
    var fingerprint = Fingerprint()
    fingerprint.combine(generator)
    for file in snapshot.files {
      fingerprint.combine(file.path)
      fingerprint.combine(file.bytes)
    }
    return fingerprint.hex
  }

  /// The running hvwalk: its version of the state format and the executable file itself
  /// (device, inode, size, modification time), so rebuilding hvwalk invalidates every state.
  static let generatorIdentity: String = {
    var info = stat()
    let executable = "/proc/self/exe"
    guard stat(executable, &info) == 0 else { return "hvwalk-state-1 unknown \(getpid())" }
    return
      "hvwalk-state-1 \(info.st_dev) \(info.st_ino) \(info.st_size) \(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec)"
  }()

  /// The fingerprint of an output folder's tree; nil if it is absent.
  static func output(of folder: String) -> (fingerprint: String, files: Int)? {
    var info = stat()
    guard lstat(folder, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR else { return nil }
    var fingerprint = Fingerprint()
    var files = 0
    walk(folder, relative: "", into: &fingerprint, files: &files)
    return (fingerprint.hex, files)
  }

  private static func walk(
    _ folder: String, relative: String, into fingerprint: inout Fingerprint, files: inout Int
  ) {
    guard let directory = opendir(folder) else {
      fingerprint.combine("unreadable " + relative)
      return
    }
    var names: [String] = []
    while let entry = readdir(directory) {
      let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
        String(cString: raw.bindMemory(to: CChar.self).baseAddress!)
      }
      if name != "." && name != ".." { names.append(name) }
    }
    closedir(directory)
    for name in names.sorted() {
      let path = folder + "/" + name
      let shown = relative.isEmpty ? name : relative + "/" + name
      var info = stat()
      guard lstat(path, &info) == 0 else { continue }
      fingerprint.combine(shown)
      fingerprint.combine(UInt64(info.st_mode))
      fingerprint.combine(UInt64(info.st_size))
      fingerprint.combine(UInt64(bitPattern: Int64(info.st_mtim.tv_sec)))
      fingerprint.combine(UInt64(bitPattern: Int64(info.st_mtim.tv_nsec)))
      fingerprint.combine(UInt64(info.st_ino))
      if (info.st_mode & S_IFMT) == S_IFDIR {
        walk(path, relative: shown, into: &fingerprint, files: &files)
      } else {
        files += 1
      }
    }
  }

  /// The state recorded beside `destination`, if any and readable.
  static func load(for destination: String) -> BuildState? {
    guard let text = try? String(contentsOfFile: path(of: destination), encoding: .utf8) else {
      return nil
    }
    var fields: [String: String] = [:]
    for line in text.split(separator: "\n") {
      let parts = line.split(separator: " ", maxSplits: 1).map(String.init)
      if parts.count == 2 { fields[parts[0]] = parts[1] }
    }
    guard fields["format"] == "1", let inputs = fields["inputs"], let output = fields["output"],
      let files = fields["files"].flatMap({ Int($0) })
    else { return nil }
    return BuildState(inputs: inputs, output: output, files: files)
  }

  /// The state of the last build into `destination` if it was over these inputs and the output
  /// folder still holds exactly what that build left; nil otherwise.
  static func currentState(of destination: String, inputs: String) -> BuildState? {
    guard let recorded = load(for: destination), recorded.inputs == inputs,
      let current = output(of: destination), current.fingerprint == recorded.output
    else { return nil }
    return recorded
  }

  /// Records what a build over `inputs` has just left in `destination` (called with the output
  /// lock held, after the swap). Written to a temporary name and renamed, so a reader sees the
  /// old state or the new one, never half of one.
  static func record(_ destination: String, inputs: String, files: Int) {
    guard let current = output(of: destination) else { return }
    let text = """
      format 1
      inputs \(inputs)
      output \(current.fingerprint)
      files \(files)

      """
    let final = path(of: destination)
    let temporary = final + ".tmp-\(getpid())"
    guard FileManager.default.createFile(atPath: temporary, contents: Data(text.utf8)) else {
      return
    }
    if rename(temporary, final) != 0 { unlink(temporary) }
  }
}
