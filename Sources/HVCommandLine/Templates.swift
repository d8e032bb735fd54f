import ArgumentParser
import Foundation
import HVSite

/// The starting files `hvwalk new` writes. Each one builds and runs as it is (a test checks), so
/// an author starts from something that works and changes one thing at a time.
enum Templates {
  static func isValidID(_ id: String) -> Bool {
    guard let first = id.first, first.isLetter, first.isASCII, id.count <= 64, !id.hasSuffix("-")
    else { return false }
    return id.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
  }

  static func scenario(id: String) -> String {
    """
    # A scenario: one run of the simulated Hyper-V host. Each step below is one request path in the
    # trace. Every key is described in docs/AUTHORING.md; `hvwalk check` reports mistakes with
    # their line and column.
    id: \(id)                  # must equal the file name
    title:                     # one entry per site language
      en: A synthetic 4 KiB write
      vi: Ghi 4 KiB qua đường synthetic
    summary:
      en: A guest with Integration Services writes one page through storvsc, VMBus and storvsp.
      vi: Một máy ảo có Integration Services ghi một trang qua storvsc, VMBus và storvsp.
    seed: 1                    # same seed ⇒ same trace
    host:
      version: 2012R2          # 2008 | 2008R2 | 2012 | 2012R2 | 2016 | 2019 | 2022
    vm:
      name: VM01
      generation: 2            # 1 | 2 (generation 2 has no IDE controller)
      disk: scsi               # ide (emulated, generation 1 only) | scsi (synthetic)
      integration-services: all  # none | all | a list such as [heartbeat, shutdown]
      state: running           # running | off (then start it with a '- start' step)
      guest: linux-6.12        # the guest's Linux kernel, linux-<major>.<minor>
      network: none            # none | legacy (generation 1) | synthetic
    steps:
      - write-disk: 4 KiB      # sizes: B, KB, KiB, MB, MiB, GB, GiB

    """
  }

  static func lesson(slug: String, order: Int, language: String) -> String {
    let (title, summary, body) =
      language == "vi"
      ? (
        "Bài học mới", "Một câu tóm tắt bài học.",
        """
        ## Bạn sẽ học được gì

        - Điều thứ nhất.

        ## Nội dung

        Viết bài học ở đây. Chèn biểu đồ của một kịch bản bằng một khối `trace <id-kịch-bản>`,
        và lấy con số từ mô phỏng bằng `{{count <id-kịch-bản> vmExits}}`
        (xem docs/AUTHORING.md).
        """
      )
      : (
        "A new lesson", "One sentence saying what the lesson covers.",
        """
        ## What you will learn

        - The first thing.

        ## The lesson

        Write the lesson here. Show a scenario's walkthrough with a `trace <scenario-id>` block,
        and take numbers from the simulation with `{{count <scenario-id> vmExits}}`
        (see docs/AUTHORING.md).
        """
      )
    return "---\ntitle: \(title)\norder: \(order)\nsummary: \(summary)\n---\n\n\(body)\n"
  }

  /// The languages that have an interface strings file (every site language has one; a build
  /// checks that), or `vi` and `en` when there are none yet.
  static func languages(in snapshot: ContentSnapshot) -> [String] {
    let folders = Set(
      snapshot.files(under: "strings").compactMap { file -> String? in
        let name = file.path.split(separator: "/").last.map(String.init) ?? ""
        return name.hasSuffix(".yaml") ? String(name.dropLast(5)) : nil
      })
    return folders.isEmpty ? ["vi", "en"] : folders.sorted()
  }

  /// One more than the largest `order:` of any lesson.
  static func nextOrder(in snapshot: ContentSnapshot) -> Int {
    var largest = 0
    for file in snapshot.files(under: "lessons") {
      let text = String(decoding: file.bytes, as: UTF8.self)
      for line in text.split(separator: "\n").prefix(12) where line.hasPrefix("order:") {
        if let value = Int(line.dropFirst(6).trimmingCharacters(in: .whitespaces)) {
          largest = max(largest, value)
        }
      }
    }
    return largest + 1
  }

  static func write(_ text: String, to path: String) throws {
    let manager = FileManager.default
    guard !manager.fileExists(atPath: path) else {
      throw CommandFailure("\(path) already exists; choose another name or edit that file")
    }
    let folder = (path as NSString).deletingLastPathComponent
    try manager.createDirectory(atPath: folder, withIntermediateDirectories: true)
    guard manager.createFile(atPath: path, contents: Data(text.utf8)) else {
      throw CommandFailure("could not write \(path)")
    }
  }
}
