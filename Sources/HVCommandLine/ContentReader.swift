import Foundation
import HVDiagnostics
import HVSite

/// Reads a content folder into a `ContentSnapshot`: every regular file, in sorted order,
/// skipping hidden files (editor swap files, `.DS_Store`).
///
/// Content never leaves its folder: a symbolic link is followed only when it resolves to a file
/// inside the content folder (`media/x → /etc/passwd` would otherwise publish that file), links
/// to folders are not followed (no cycles), and anything that is not a regular file (a FIFO would
/// block the build forever) is refused. Each refusal is a position-less diagnostic (`path:
/// error: …`) reported with every other problem of the build, as is a file that cannot be read.
enum ContentReader {
  /// The largest file read at all; the per-kind limits (`ContentLimits`) are smaller and are
  /// checked by the site build. This one only keeps a huge file from being loaded into memory.
  static let largestFile = 64 * 1024 * 1024
  /// The most bytes read from one content folder.
  static let largestTotal = 512 * 1024 * 1024

  struct Reading {
    var snapshot: ContentSnapshot
    /// Files refused or unreadable; the build fails with these and every other problem.
    var diagnostics: [Diagnostic]
  }

  /// The bytes of every file of the last read, with what `stat` said about it (`serve` reads
  /// the folder after every change; a file whose device, inode, size and modification time are
  /// all unchanged is not read again). Editors that save in place change the modification
  /// time (nanoseconds here), and those that save by rename change the inode.
  final class ReadCache {
    fileprivate struct Stamp: Equatable {
      var device: UInt64
      var inode: UInt64
      var size: Int
      var seconds: Int
      var nanoseconds: Int

      init(_ info: stat) {
        device = UInt64(info.st_dev)
        inode = UInt64(info.st_ino)
        size = Int(info.st_size)
        seconds = Int(info.st_mtim.tv_sec)
        nanoseconds = Int(info.st_mtim.tv_nsec)
      }
    }
    fileprivate var files: [String: (stamp: Stamp, bytes: [UInt8])] = [:]
    /// Files read from disk by the last read (the rest came from the cache), for tests.
    private(set) var reads = 0

    fileprivate func update(_ files: [String: (stamp: Stamp, bytes: [UInt8])], reads: Int) {
      self.files = files
      self.reads = reads
    }
  }

  /// - Parameter cache: what an earlier read of the same folder found (`serve`); nil reads
  ///   every file.
  static func read(_ folder: String, cache: ReadCache? = nil) throws -> Reading {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory),
      isDirectory.boolValue
    else {
      throw CommandFailure("content folder '\(folder)' does not exist (use --content DIR)")
    }
    let display = folder.hasSuffix("/") && folder.count > 1 ? String(folder.dropLast()) : folder
    guard let root = realPath(folder) else {
      throw CommandFailure("cannot open the content folder '\(folder)': \(FileSystemError.current)")
    }
    var walk = Walk(root: root, display: display, cache: cache)
    walk.visit("")
    cache?.update(walk.seen, reads: walk.reads)
    return Reading(
      snapshot: ContentSnapshot(displayRoot: display, files: walk.files),
      diagnostics: walk.diagnostics)
  }

  static func realPath(_ path: String) -> String? {
    guard let resolved = realpath(path, nil) else { return nil }
    defer { free(resolved) }
    return String(cString: resolved)
  }

  private struct Walk {
    let root: String
    let display: String
    var files: [ContentSnapshot.File] = []
    var diagnostics: [Diagnostic] = []
    var total = 0
    let cache: ReadCache?
    var seen: [String: (stamp: ReadCache.Stamp, bytes: [UInt8])] = [:]
    var reads = 0

    init(root: String, display: String, cache: ReadCache?) {
      self.root = root
      self.display = display
      self.cache = cache
    }

    mutating func visit(_ relative: String) {
      let folder = relative.isEmpty ? root : root + "/" + relative
      let names: [String]
      do {
        names = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
      } catch {
        refuse(
          relative, "cannot read this folder: \(FileSystemError.reason(error))",
          id: .contentUnreadable)
        return
      }
      for name in names where !name.hasPrefix(".") {
        let path = relative.isEmpty ? name : relative + "/" + name
        let full = root + "/" + path
        var info = stat()
        guard lstat(full, &info) == 0 else {
          refuse(path, "cannot read: \(FileSystemError.current)", id: .contentUnreadable)
          continue
        }
        switch info.st_mode & S_IFMT {
        case S_IFDIR: visit(path)
        case S_IFREG: readFile(path, from: full, info: info)
        case S_IFLNK: followLink(path, full)
        default:
          refuse(
            path,
            "is not a regular file (a device, socket or pipe); content holds only files and folders",
            id: .contentNotAFile)
        }
      }
    }

    /// A link is read as the file it points to, only if that file is inside the content folder.
    mutating func followLink(_ path: String, _ full: String) {
      guard let target = ContentReader.realPath(full) else {
        refuse(path, "symbolic link points to nothing", id: .contentDanglingLink)
        return
      }
      guard target.hasPrefix(root + "/") else {
        refuse(
          path,
          "symbolic link leads outside the content folder (to '\(target)'); content must stay inside it",
          id: .contentLinkOutside, suggestion: "copy the file into the content folder instead")
        return
      }
      var info = stat()
      guard stat(target, &info) == 0 else {
        refuse(path, "cannot read: \(FileSystemError.current)", id: .contentUnreadable)
        return
      }
      guard (info.st_mode & S_IFMT) == S_IFREG else {
        refuse(
          path, "symbolic links to folders or special files are not followed",
          id: .contentLinkNotFile, suggestion: "move the folder here, or link each file")
        return
      }
      readFile(path, from: target, info: info)
    }

    mutating func readFile(_ path: String, from full: String, info: stat) {
      let size = Int(info.st_size)
      guard size <= ContentReader.largestFile else {
        refuse(
          path,
          "file is \(size / 1_048_576) MiB; no content file may be larger than \(ContentReader.largestFile / 1_048_576) MiB",
          id: .limitFileSize)
        return
      }
      guard total + size <= ContentReader.largestTotal else {
        refuse(
          path,
          "the content folder holds more than \(ContentReader.largestTotal / 1_048_576) MiB; this file and the rest are not read",
          id: .limitContentSize)
        return
      }
      let stamp = ReadCache.Stamp(info)
      if let known = cache?.files[path], known.stamp == stamp {
        total += known.bytes.count
        files.append(.init(path: path, bytes: known.bytes))
        seen[path] = known
        return
      }
      switch Self.contents(of: full, size: size) {
      case .success(let bytes):
        total += bytes.count
        files.append(.init(path: path, bytes: bytes))
        reads += 1
        if cache != nil { seen[path] = (stamp, bytes) }
      case .failure(let reason):
        refuse(path, "cannot read: \(reason)", id: .contentUnreadable)
      }
    }

    /// Opens without following a link (the path was resolved already) and without blocking (a
    /// file swapped for a FIFO between the look and the read), then reads at most `size` bytes
    /// more than were announced, so a file growing while it is read cannot exhaust memory.
    static func contents(of path: String, size: Int) -> Result<[UInt8], FileReadFailure> {
      let descriptor = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
      guard descriptor >= 0 else { return .failure(FileReadFailure(FileSystemError.current)) }
      defer { close(descriptor) }
      var info = stat()
      guard fstat(descriptor, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else {
        return .failure(FileReadFailure("not a regular file"))
      }
      let limit = min(ContentReader.largestFile, max(size, Int(info.st_size))) + 1
      var bytes = [UInt8](repeating: 0, count: limit)
      var count = 0
      while count < limit {
        let read = bytes.withUnsafeMutableBytes {
          Glibc.read(descriptor, $0.baseAddress! + count, limit - count)
        }
        if read < 0 {
          if errno == EINTR { continue }
          return .failure(FileReadFailure(FileSystemError.current))
        }
        if read == 0 { break }
        count += read
      }
      guard count < limit else {
        return .failure(FileReadFailure("the file kept growing while it was read"))
      }
      return .success(Array(bytes[..<count]))
    }

    mutating func refuse(
      _ path: String, _ message: String, id: DiagnosticID, suggestion: String? = nil
    ) {
      let shown = path.isEmpty ? display : display + "/" + path
      diagnostics.append(
        Diagnostic(at: SourceLocation(file: shown), id: id, message, suggestion: suggestion))
    }
  }

  struct FileReadFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
  }
}
