import Foundation

/// A short, unified-style line diff for failure messages: what a golden file expected (`-`) and
/// what the test produced (`+`), with a few lines of context, so a failing snapshot says where
/// and how it changed instead of only "differs".
public enum LineDiff {
  /// `@@ -a,b +c,d @@` hunks with `context` lines around each change; at most `limit` lines of
  /// output (a long diff ends with a line saying how much was left out). Empty when equal.
  public static func unified(expected: String, actual: String, context: Int = 3, limit: Int = 60)
    -> String
  {
    let old = lines(expected), new = lines(actual)
    let script = edits(old, new)
    guard script.contains(where: { $0.kind != .same }) else { return "" }
    var lines: [String] = []
    var index = 0
    while index < script.count {
      guard script[index].kind != .same else {
        index += 1
        continue
      }
      // A hunk: from `context` lines before this change to `context` lines after the last change
      // that is at most 2 × context lines away.
      let start = max(0, index - context)
      var end = index
      var cursor = index
      while cursor < script.count {
        if script[cursor].kind != .same { end = cursor }
        if cursor - end > 2 * context { break }
        cursor += 1
      }
      let stop = min(script.count, end + context + 1)
      let hunk = script[start..<stop]
      let oldStart = (hunk.first { $0.kind != .inserted }?.oldLine ?? 0) + 1
      let newStart = (hunk.first { $0.kind != .deleted }?.newLine ?? 0) + 1
      let oldCount = hunk.filter { $0.kind != .inserted }.count
      let newCount = hunk.filter { $0.kind != .deleted }.count
      lines.append("@@ -\(oldStart),\(oldCount) +\(newStart),\(newCount) @@")
      for edit in hunk {
        switch edit.kind {
        case .same: lines.append(" " + edit.text)
        case .deleted: lines.append("-" + edit.text)
        case .inserted: lines.append("+" + edit.text)
        }
      }
      index = stop
    }
    guard lines.count > limit else { return lines.joined(separator: "\n") }
    return (lines.prefix(limit) + ["… \(lines.count - limit) more diff lines"]).joined(
      separator: "\n")
  }

  /// Lines split at every LF byte (Swift's `Character` would keep `\r\n` together and hide a
  /// changed line ending); a CR shows as `\r`, so a line-ending change is visible in the diff.
  static func lines(_ text: String) -> [String] {
    Array(text.utf8).split(separator: 0x0A, omittingEmptySubsequences: false).map {
      String(decoding: $0, as: UTF8.self).replacingOccurrences(of: "\r", with: "\\r")
    }
  }

  struct Edit {
    enum Kind { case same, deleted, inserted }
    var kind: Kind
    var text: String
    /// 0-based line in the expected text (for `.same` and `.deleted`).
    var oldLine: Int
    /// 0-based line in the actual text (for `.same` and `.inserted`).
    var newLine: Int
  }

  /// Common prefix and suffix kept as they are; the middle through a longest common subsequence
  /// when it is small enough, otherwise all deleted and then all inserted (still readable, and a
  /// golden file rewritten from top to bottom needs no finer answer).
  static func edits(_ old: [String], _ new: [String]) -> [Edit] {
    var prefix = 0
    while prefix < old.count, prefix < new.count, old[prefix] == new[prefix] { prefix += 1 }
    var suffix = 0
    while suffix < old.count - prefix, suffix < new.count - prefix,
      old[old.count - 1 - suffix] == new[new.count - 1 - suffix]
    {
      suffix += 1
    }
    var result = (0..<prefix).map { Edit(kind: .same, text: old[$0], oldLine: $0, newLine: $0) }
    let a = Array(old[prefix..<(old.count - suffix)]), b = Array(new[prefix..<(new.count - suffix)])
    if a.count * b.count <= 4_000_000 {
      result += middle(a, b, offset: prefix)
    } else {
      result += a.indices.map {
        Edit(kind: .deleted, text: a[$0], oldLine: prefix + $0, newLine: prefix)
      }
      result += b.indices.map {
        Edit(kind: .inserted, text: b[$0], oldLine: prefix + a.count, newLine: prefix + $0)
      }
    }
    for index in 0..<suffix {
      let oldLine = old.count - suffix + index, newLine = new.count - suffix + index
      result.append(Edit(kind: .same, text: old[oldLine], oldLine: oldLine, newLine: newLine))
    }
    return result
  }

  private static func middle(_ a: [String], _ b: [String], offset: Int) -> [Edit] {
    // lengths[i][j]: longest common subsequence of a[i...] and b[j...].
    var lengths = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
    for i in stride(from: a.count - 1, through: 0, by: -1) {
      for j in stride(from: b.count - 1, through: 0, by: -1) {
        lengths[i][j] =
          a[i] == b[j] ? lengths[i + 1][j + 1] + 1 : max(lengths[i + 1][j], lengths[i][j + 1])
      }
    }
    var result: [Edit] = []
    var i = 0, j = 0
    while i < a.count || j < b.count {
      if i < a.count, j < b.count, a[i] == b[j] {
        result.append(Edit(kind: .same, text: a[i], oldLine: offset + i, newLine: offset + j))
        i += 1
        j += 1
      } else if i < a.count, j == b.count || lengths[i + 1][j] >= lengths[i][j + 1] {
        // Deletions before insertions, the way `diff -u` prints a changed line.
        result.append(Edit(kind: .deleted, text: a[i], oldLine: offset + i, newLine: offset + j))
        i += 1
      } else {
        result.append(Edit(kind: .inserted, text: b[j], oldLine: offset + i, newLine: offset + j))
        j += 1
      }
    }
    return result
  }
}
