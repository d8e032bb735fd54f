/// "Did you mean …?" for misspelled keys and values.
public enum Suggestion {
  /// The candidate closest to `word` by edit distance, when it is close enough to be a likely typo
  /// (at most a third of the word's length, and at least 1 edit allowed). Among equally close
  /// candidates the one sharing the longest prefix wins (people mistype endings more than starts).
  public static func closest(to word: String, in candidates: [String]) -> String? {
    let limit = max(1, word.count / 3)
    let lowered = word.lowercased()
    var best: (name: String, distance: Int, prefix: Int)?
    for candidate in candidates.sorted() {
      let distance = editDistance(lowered, candidate.lowercased())
      guard distance <= limit else { continue }
      let prefix = zip(lowered, candidate.lowercased()).prefix { $0 == $1 }.count
      if let current = best, (distance, -prefix) >= (current.distance, -current.prefix) { continue }
      best = (candidate, distance, prefix)
    }
    return best?.name
  }

  /// `did you mean 'x'?` when a close candidate exists, otherwise the list of valid values.
  public static func didYouMean(_ word: String, in candidates: [String]) -> String {
    if let match = closest(to: word, in: candidates) { return "did you mean '\(match)'?" }
    return "expected one of: " + candidates.sorted().map { "'\($0)'" }.joined(separator: ", ")
  }

  /// Levenshtein distance over Unicode scalars, with transpositions counted as one edit.
  public static func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a.unicodeScalars), b = Array(b.unicodeScalars)
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var previous2 = [Int](repeating: 0, count: b.count + 1)
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
      current[0] = i
      for j in 1...b.count {
        let cost = a[i - 1] == b[j - 1] ? 0 : 1
        current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
        if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
          current[j] = min(current[j], previous2[j - 2] + 1)
        }
      }
      (previous2, previous, current) = (previous, current, previous2)
    }
    return previous[b.count]
  }
}
