import HVHostModel
import HVSimKernel
import HVVMBus

/// The guest's files as far as `Copy-VMFile` can see them: folders, files with their sizes, and
/// free space (a model of the file system the fcopy daemon writes to, fact sheet §4.9).
///
/// **Model assumptions**: the guest is a Linux guest with the folders and files of ``initial``
/// and 768 MiB free; `CREATE_PATH` creates every missing folder of the destination (what
/// `Copy-VMFile -CreateFullPath` promises: "creates folders if the folder does not already
/// exist"); fragments land in the page cache, so the guest's own disk I/O is not traced.
public struct GuestFileSystem: Sendable, Hashable {
  public private(set) var directories: Set<String>
  /// Path → size in bytes.
  public private(set) var files: [String: Int]
  public private(set) var freeBytes: Int

  public init(directories: Set<String>, files: [String: Int], freeBytes: Int) {
    self.directories = directories
    self.files = files
    self.freeBytes = freeBytes
  }

  /// Folders and files every model guest starts with.
  public static let initial = GuestFileSystem(
    directories: ["/", "/etc", "/home", "/home/admin", "/opt", "/tmp", "/var", "/var/log"],
    files: [
      "/etc/hostname": 6, "/etc/hosts": 221, "/home/admin/.bashrc": 3_771,
      "/home/admin/setup.sh": 2_048,
    ],
    freeBytes: 768 * 1_048_576)

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

  /// The last component of a host or guest path (`setup.sh` for `C:\Tools\setup.sh`).
  public static func lastComponent(_ path: String) -> String {
    path.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? path
  }

  /// Join a folder and a file name.
  public static func join(_ folder: String, _ name: String) -> String {
    folder == "/" ? "/" + name : folder + "/" + name
  }

  public func isDirectory(_ path: String) -> Bool { directories.contains(Self.normalize(path)) }
  public func fileExists(_ path: String) -> Bool { files[Self.normalize(path)] != nil }

  /// Where a copy to `destination` lands: into an existing folder (or one written with a trailing
  /// `/`) under the source's name, otherwise at the path itself (`Msvm_CopyFileToGuestSettingData`
  /// DestinationPath semantics).
  public func target(source: String, destination: String) -> (folder: String, name: String) {
    if destination.hasSuffix("/") || isDirectory(destination) {
      return (Self.normalize(destination), Self.lastComponent(source))
    }
    return (Self.parent(of: destination), Self.lastComponent(destination))
  }

  /// Creates `folder` and every missing folder above it; returns those created, outermost first.
  @discardableResult
  public mutating func createDirectories(_ folder: String) -> [String] {
    var created: [String] = []
    var current = ""
    for part in Self.normalize(folder).split(separator: "/") {
      current += "/" + part
      if !directories.contains(current) {
        directories.insert(current)
        created.append(current)
      }
    }
    return created
  }

  /// `open(O_CREAT | O_TRUNC)`: the file exists with size 0 (its old bytes are freed).
  public mutating func createEmpty(_ path: String) {
    let key = Self.normalize(path)
    freeBytes += files[key] ?? 0
    files[key] = 0
  }

  /// `pwrite` of `bytes` more bytes; false when the disk is full (nothing written).
  public mutating func append(_ bytes: Int, to path: String) -> Bool {
    guard bytes <= freeBytes else { return false }
    let key = Self.normalize(path)
    files[key, default: 0] += bytes
    freeBytes -= bytes
    return true
  }

  /// Removes a file (a cancelled copy's partial file).
  public mutating func remove(_ path: String) {
    let key = Self.normalize(path)
    freeBytes += files[key] ?? 0
    files[key] = nil
  }
}
