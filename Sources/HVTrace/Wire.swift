/// The bytes of a message as they sit in memory, and what each field is (issue 17 item 1).
///
/// A ring packet's image is what the writer copies into the ring: the `vmpacket_descriptor`, the
/// payload, the padding to 8 bytes and the ring's 8-byte trailer, little-endian as on x86. Field
/// names are the C names of Linux `include/linux/hyperv.h` and the storvsc and util headers
/// (`icmsg_hdr.icmsgtype`), so a reader can look each one up.
public struct WireImage: Sendable, Hashable {
  public var bytes: [UInt8]
  public var fields: [WireField]

  public init(bytes: [UInt8], fields: [WireField]) {
    self.bytes = bytes
    self.fields = fields
  }

  /// `0600100b…`: the bytes as lower-case hex (the JSON export's form).
  public var hex: String {
    let digits = Array("0123456789abcdef".utf8)
    var output: [UInt8] = []
    output.reserveCapacity(bytes.count * 2)
    for byte in bytes {
      output.append(digits[Int(byte >> 4)])
      output.append(digits[Int(byte & 0xF)])
    }
    return String(decoding: output, as: UTF8.self)
  }

  /// The field called `name`.
  public func field(_ name: String) -> WireField? { fields.first { $0.name == name } }
}

/// One field of a ``WireImage``: where it is, its C name, its value decoded, and a note.
public struct WireField: Sendable, Hashable {
  /// `struct.field`, as in the C headers (`vmpacket_descriptor.len8`).
  public var name: String
  public var offset: Int
  public var size: Int
  /// The value as a reader wants it: `6 (VM_PKT_DATA_INBAND)`, `0x1F0`, `'Owner'`.
  public var value: String
  /// What the field is for, in the model's words (translated like every phrase).
  public var note: Phrase

  public init(name: String, offset: Int, size: Int, value: String, note: Phrase) {
    self.name = name
    self.offset = offset
    self.size = size
    self.value = value
    self.note = note
  }
}

/// Builds a ``WireImage`` field by field, little-endian, checking that fields follow each other.
public struct WireWriter: Sendable {
  public private(set) var bytes: [UInt8] = []
  public private(set) var fields: [WireField] = []
  private var prefixes: [String] = []

  public init() {}

  public var image: WireImage { WireImage(bytes: bytes, fields: fields) }
  public var count: Int { bytes.count }

  /// Fields written by `body` are named `name.field`.
  public mutating func group(_ name: String, _ body: (inout WireWriter) -> Void) {
    prefixes.append(name)
    body(&self)
    prefixes.removeLast()
  }

  private mutating func add(_ name: String, _ raw: [UInt8], value: String, note: Phrase) {
    let full = (prefixes + [name]).joined(separator: ".")
    fields.append(WireField(name: full, offset: bytes.count, size: raw.count, value: value, note: note))
    bytes += raw
  }

  private static func littleEndian(_ value: UInt64, _ size: Int) -> [UInt8] {
    (0..<size).map { UInt8(truncatingIfNeeded: value >> (8 * UInt64($0))) }
  }

  /// An unsigned integer of `size` bytes; `value` describes it (the number itself by default).
  public mutating func integer(
    _ name: String, _ number: UInt64, size: Int, value: String? = nil, note: Phrase
  ) {
    add(name, Self.littleEndian(number, size), value: value ?? String(number), note: note)
  }

  public mutating func u8(_ name: String, _ number: UInt8, value: String? = nil, note: Phrase) {
    integer(name, UInt64(number), size: 1, value: value, note: note)
  }

  public mutating func u16(_ name: String, _ number: UInt16, value: String? = nil, note: Phrase) {
    integer(name, UInt64(number), size: 2, value: value, note: note)
  }

  public mutating func u32(_ name: String, _ number: UInt32, value: String? = nil, note: Phrase) {
    integer(name, UInt64(number), size: 4, value: value, note: note)
  }

  public mutating func u64(_ name: String, _ number: UInt64, value: String? = nil, note: Phrase) {
    integer(name, number, size: 8, value: value, note: note)
  }

  /// `text` as UTF-16LE with its NUL, in a field of `capacity` bytes (the rest zero).
  public mutating func utf16(_ name: String, _ text: String, capacity: Int, note: Phrase) {
    var raw: [UInt8] = []
    for unit in text.utf16 { raw += Self.littleEndian(UInt64(unit), 2) }
    raw += [0, 0]
    raw = Array(raw.prefix(capacity))
    raw += [UInt8](repeating: 0, count: capacity - raw.count)
    add(name, raw, value: "'\(text)'", note: note)
  }

  /// `count` bytes the model does not give meaning to (reserved, padding, data not modelled).
  public mutating func zeros(_ name: String, _ count: Int, note: Phrase) {
    guard count > 0 else { return }
    add(name, [UInt8](repeating: 0, count: count), value: "0 × \(count)", note: note)
  }

  /// Zeros up to the next multiple of `alignment` bytes.
  public mutating func pad(to alignment: Int, _ name: String = "padding", note: Phrase) {
    zeros(name, (alignment - bytes.count % alignment) % alignment, note: note)
  }

  /// Appends another image (a payload built by the layer above), its fields under the current
  /// group.
  public mutating func append(_ image: WireImage) {
    let base = bytes.count
    let prefix = prefixes.joined(separator: ".")
    for field in image.fields {
      var moved = field
      moved.offset += base
      if !prefix.isEmpty { moved.name = prefix + "." + field.name }
      fields.append(moved)
    }
    bytes += image.bytes
  }
}
