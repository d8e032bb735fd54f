/// Stable, readable anchor ids for headings, unique within one page.
///
/// Vietnamese headings keep their meaning in ASCII: diacritics are removed ("Phân vùng cha" →
/// `phan-vung-cha`, "đ" → `d`), so a deep link can be typed and shared. Repeats get `-2`, `-3`…
struct HeadingIDAllocator {
  private var used: Set<String> = []

  mutating func allocate(for text: String) -> String {
    let base = Self.slug(text).isEmpty ? "section" : Self.slug(text)
    var candidate = base
    var counter = 2
    while used.contains(candidate) {
      candidate = "\(base)-\(counter)"
      counter += 1
    }
    used.insert(candidate)
    return candidate
  }

  /// Lower-case ASCII letters and digits separated by single hyphens.
  static func slug(_ text: String) -> String {
    var result = ""
    var pendingHyphen = false
    for scalar in ASCIIFolding.fold(text).lowercased().unicodeScalars {
      if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) {
        if pendingHyphen, !result.isEmpty { result += "-" }
        pendingHyphen = false
        result.unicodeScalars.append(scalar)
      } else {
        pendingHyphen = true
      }
    }
    return result
  }
}
