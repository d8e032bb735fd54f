import ArgumentParser
import Foundation
import HVSite

/// Reads a content folder into a `ContentSnapshot`: every regular file, in sorted order,
/// skipping hidden files (editor swap files, `.DS_Store`).
enum ContentReader {
  static func read(_ folder: String) throws -> ContentSnapshot {
    let manager = FileManager.default
    var isDirectory: ObjCBool = false
    guard manager.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
      throw CommandFailure("content folder '\(folder)' does not exist (use --content DIR)")
    }
    let root = URL(fileURLWithPath: folder, isDirectory: true).standardizedFileURL
    var files: [ContentSnapshot.File] = []
    let relativePaths = (manager.subpaths(atPath: root.path) ?? []).sorted()
    for relative in relativePaths where !relative.split(separator: "/").contains(where: { $0.hasPrefix(".") }) {
      let url = root.appendingPathComponent(relative)
      var directory: ObjCBool = false
      guard manager.fileExists(atPath: url.path, isDirectory: &directory), !directory.boolValue else { continue }
      let data = try Data(contentsOf: url)
      files.append(.init(path: relative, bytes: Array(data)))
    }
    let display = folder.hasSuffix("/") ? String(folder.dropLast()) : folder
    return ContentSnapshot(displayRoot: display, files: files)
  }
}
