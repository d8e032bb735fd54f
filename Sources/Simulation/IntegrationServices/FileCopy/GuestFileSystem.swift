import HVHostModel
import HVSimKernel
import HVVMBus

/// The guest's files as far as `Copy-VMFile` can see them: folders, files with their sizes, and
/// free space (a model of the file system the fcopy daemon writes to, fact sheet §4.9).
///
/// **Model assumptions**: the guest has the folders and files of ``initial`` (Linux) or
/// ``initialWindows`` and 768 MiB free; `CREATE_PATH` creates every missing folder of the destination (what
/// `Copy-VMFile -CreateFullPath` promises: "creates folders if the folder does not already
/// exist"); fragments land in the page cache, so the guest's own disk I/O is not traced.
public struct GuestFileSystem: Sendable, Hashable {
  /// How the guest spells paths.
  public enum Style: Sendable, Hashable {
    /// Linux: `/` separated, case-sensitive.
    case posix
    /// Windows: a drive letter, `\\` separated, case-insensitive (NTFS's default), fact sheet §4.9.
    case windows
  }

  public let style: Style
  /// Folders by their key (the path itself on Linux, lower-cased on Windows).
  public private(set) var directories: Set<String>
  /// Path key → size in bytes.
  public private(set) var files: [String: Int]
  public private(set) var freeBytes: Int

  public init(
    style: Style = .posix, directories: Set<String>, files: [String: Int], freeBytes: Int
  ) {
    self.style = style
    self.directories = directories
    self.files = files
    self.freeBytes = freeBytes
  }

  /// Folders and files every Linux model guest starts with.
  public static let initial = GuestFileSystem(
    directories: ["/", "/etc", "/home", "/home/admin", "/opt", "/tmp", "/var", "/var/log"],
    files: [
      "/etc/hostname": 6, "/etc/hosts": 221, "/home/admin/.bashrc": 3_771,
      "/home/admin/setup.sh": 2_048,
    ],
    freeBytes: 768 * 1_048_576)

  /// Folders and files a Windows model guest starts with (model values; `C:\\Temp` does not exist,
  /// so `-CreateFullPath` has something to do, as in the cmdlet's documented example).
  public static let initialWindows: GuestFileSystem = {
    let folders = [
      "C:\\", "C:\\Program Files", "C:\\Users", "C:\\Users\\Administrator",
      "C:\\Users\\Administrator\\Desktop", "C:\\Windows", "C:\\Windows\\System32",
      "C:\\Windows\\System32\\drivers", "C:\\Windows\\System32\\drivers\\etc",
    ]
    let files = [
      "C:\\Windows\\System32\\drivers\\etc\\hosts": 824,
      "C:\\Users\\Administrator\\Desktop\\setup.ps1": 2_048,
    ]
    var system = GuestFileSystem(style: .windows, directories: [], files: [:], freeBytes: 0)
    system.directories = Set(folders.map(system.key))
    system.files = Dictionary(uniqueKeysWithValues: files.map { (system.key($0.key), $0.value) })
    system.freeBytes = 768 * 1_048_576
    return system
  }()

  /// The starting file system of `guest`.
  public static func initial(for guest: GuestOS) -> GuestFileSystem {
    guest.isWindows ? initialWindows : initial
  }

  // MARK: Linux paths (the static forms the parser and older tests use)

  /// `/a/b` for `/a/b/`, `/` for `/`.
  public static func normalize(_ path: String) -> String {
    let parts = path.split(separator: "/").map(String.init)
    return "/" + parts.joined(separator: "/")
  }

  /// The folder part of a path (`/a` for `/a/b`).
  public static func parent(of path: String) -> String {
    let parts = normalize(path).split(separator: "/").map(String.init)
    return "/" + parts.dropLast().joined(separator: "/")
  }

  /// The last component of a host or guest path (`setup.sh` for `C:\\Tools\\setup.sh`).
  public static func lastComponent(_ path: String) -> String {
    path.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? path
  }

  /// Join a folder and a file name.
  public static func join(_ folder: String, _ name: String) -> String {
    folder == "/" ? "/" + name : folder + "/" + name
  }

  // MARK: Paths in the guest's own style

  /// The path's components (a Windows path's first one is its drive, `C:`).
  private func components(_ path: String) -> [String] {
    switch style {
    case .posix: return path.split(separator: "/").map(String.init)
    case .windows:
      return path.split(whereSeparator: { $0 == "\\" || $0 == "/" }).map(String.init)
    }
  }

  private func assemble(_ parts: [String]) -> String {
    switch style {
    case .posix: return "/" + parts.joined(separator: "/")
    case .windows:
      guard let drive = parts.first else { return "C:\\" }
      return parts.count == 1 ? drive + "\\" : parts.joined(separator: "\\")
    }
  }

  /// The path in canonical form: `/a/b`, `C:\\a\\b`, `C:\\`.
  public func normalize(_ path: String) -> String { assemble(components(path)) }

  /// The key a path is stored under: Windows compares names without regard to case.
  public func key(_ path: String) -> String {
    style == .windows ? normalize(path).lowercased() : normalize(path)
  }

  /// The folder part of a path.
  public func parent(of path: String) -> String { assemble(components(path).dropLast()) }

  /// Join a folder and a file name.
  public func join(_ folder: String, _ name: String) -> String {
    assemble(components(folder) + [name])
  }

  public func isDirectory(_ path: String) -> Bool { directories.contains(key(path)) }
  public func fileExists(_ path: String) -> Bool { files[key(path)] != nil }
  /// The size of the file at `path`, if there is one.
  public func size(of path: String) -> Int? { files[key(path)] }

  /// True when the path ends with a separator (a folder by its spelling).
  private func endsWithSeparator(_ path: String) -> Bool {
    path.hasSuffix("/") || (style == .windows && path.hasSuffix("\\"))
  }

  /// Where a copy to `destination` lands: into an existing folder (or one written with a trailing
  /// separator) under the source's name, otherwise at the path itself
  /// (`Msvm_CopyFileToGuestSettingData` DestinationPath semantics).
  public func target(source: String, destination: String) -> (folder: String, name: String) {
    if endsWithSeparator(destination) || isDirectory(destination) {
      return (normalize(destination), Self.lastComponent(source))
    }
    return (parent(of: destination), Self.lastComponent(destination))
  }

  /// Creates `folder` and every missing folder above it; returns those created, outermost first,
  /// as written in `folder`.
  @discardableResult
  public mutating func createDirectories(_ folder: String) -> [String] {
    var created: [String] = []
    var parts: [String] = []
    for part in components(folder) {
      parts.append(part)
      let path = assemble(parts)
      if !directories.contains(key(path)) {
        directories.insert(key(path))
        created.append(path)
      }
    }
    return created
  }

  /// `open(O_CREAT | O_TRUNC)`: the file exists with size 0 (its old bytes are freed).
  public mutating func createEmpty(_ path: String) {
    let key = key(path)
    freeBytes += files[key] ?? 0
    files[key] = 0
  }

  /// A write of `bytes` more bytes; false when the disk is full (nothing written).
  public mutating func append(_ bytes: Int, to path: String) -> Bool {
    guard bytes <= freeBytes else { return false }
    files[key(path), default: 0] += bytes
    freeBytes -= bytes
    return true
  }

  /// Removes a file (a cancelled copy's partial file).
  public mutating func remove(_ path: String) {
    let key = key(path)
    freeBytes += files[key] ?? 0
    files[key] = nil
  }
}
