import Foundation
import HVTestSupport

@testable import HVSite

/// The course in `Content/`, read once and built once for the tests that check what it ships.
enum ShippedCourse {
  static let snapshot: ContentSnapshot? = {
    let root = Repository.url("Content")
    var files: [ContentSnapshot.File] = []
    for relative in (FileManager.default.subpaths(atPath: root.path) ?? []).sorted() {
      var isFolder: ObjCBool = false
      let url = root.appendingPathComponent(relative)
      guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder),
        !isFolder.boolValue, let data = try? Data(contentsOf: url)
      else { continue }
      files.append(ContentSnapshot.File(path: relative, bytes: [UInt8](data)))
    }
    return ContentSnapshot(displayRoot: "Content", files: files)
  }()

  static let site: Site? = snapshot.flatMap { try? SiteBuilder().build($0).get() }
}

extension Repository {
  static func contentSnapshot() throws -> ContentSnapshot {
    guard let snapshot = ShippedCourse.snapshot else { throw CocoaError(.fileReadUnknown) }
    return snapshot
  }
}

enum BuiltCourse {
  static func site() throws -> Site? { ShippedCourse.site }
}
