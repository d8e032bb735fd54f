extension StringProtocol {
  /// Whether `needle` (ASCII) occurs, compared byte by byte. Foundation's `contains(_:)` and
  /// `range(of:)` go through NSString and showed up in profiles of large courses.
  func containsASCII(_ needle: StaticString) -> Bool {
    let pattern = UnsafeBufferPointer(start: needle.utf8Start, count: needle.utf8CodeUnitCount)
    guard let first = pattern.first else { return true }
    let bytes = Array(utf8)
    guard bytes.count >= pattern.count else { return false }
    var index = 0
    while index <= bytes.count - pattern.count {
      if bytes[index] == first, bytes[index..<(index + pattern.count)].elementsEqual(pattern) {
        return true
      }
      index += 1
    }
    return false
  }
}
