/// A 128-bit fingerprint of bytes that is the same in every process and on every machine.
///
/// Swift's `Hasher` is seeded anew in each process, so its values cannot be stored and compared
/// by the next build; this one can. It is a checksum, not a cryptographic hash: it tells an
/// edited file from an unchanged one (two independent 64-bit lanes, so an accidental collision
/// is out of reach), and it need not resist an attacker, since whoever can write the content
/// folder can write the site anyway. Eight bytes at a time: fingerprinting a 1,000-lesson course
/// (2.3 MB) takes about a millisecond.
struct Fingerprint {
  private var first: UInt64 = 0x9E37_79B9_7F4A_7C15
  private var second: UInt64 = 0xC2B2_AE3D_27D4_EB4F

  /// Adds `bytes`, preceded by their length, so `"ab" + "c"` and `"a" + "bc"` differ.
  mutating func combine(_ bytes: UnsafeRawBufferPointer) {
    mix(UInt64(bytes.count))
    var offset = 0
    while offset + 8 <= bytes.count {
      mix(bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
      offset += 8
    }
    var tail: UInt64 = 0
    var shift: UInt64 = 0
    while offset < bytes.count {
      tail |= UInt64(bytes[offset]) << shift
      shift += 8
      offset += 1
    }
    mix(tail)
  }

  mutating func combine(_ bytes: [UInt8]) {
    bytes.withUnsafeBytes { combine($0) }
  }

  mutating func combine(_ text: String) {
    combine(Array(text.utf8))
  }

  mutating func combine(_ value: UInt64) {
    mix(1)
    mix(value)
  }

  private mutating func mix(_ word: UInt64) {
    first = (first ^ word) &* 0xFF51_AFD7_ED55_8CCD
    first ^= first >> 32
    second = (second &+ word) &* 0xC4CE_B9FE_1A85_EC53
    second = (second << 29) | (second >> 35)
  }

  /// 32 hexadecimal digits.
  var hex: String {
    [Self.finish(first ^ (second >> 1)), Self.finish(second ^ (first << 1))]
      .map { word in
        let digits = String(word, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
      }
      .joined()
  }

  /// SplitMix64's finaliser: every input bit reaches every output bit.
  private static func finish(_ value: UInt64) -> UInt64 {
    var z = value
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}
