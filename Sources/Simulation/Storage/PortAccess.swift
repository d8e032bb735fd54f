import HVTrace

/// One guest I/O-port instruction against the emulated IDE controller.
struct PortAccess {
  var port: ATAPort
  var isWrite: Bool
  var value: Int
  /// Bytes moved between the guest register and the device model.
  var bytes: Int
  var instruction: String
  /// The repeat count of a `REP` string instruction (nil for a single access).
  var repeatCount: Int? = nil

  static func out(_ port: ATAPort, _ value: Int) -> PortAccess {
    PortAccess(
      port: port, isWrite: true, value: value, bytes: 1,
      instruction: "OUT 0x\(String(port.rawValue, radix: 16, uppercase: true)) ← "
        + DetailValue.hexString(UInt64(value), digits: 2))
  }

  static func `in`(_ port: ATAPort) -> PortAccess {
    PortAccess(
      port: port, isWrite: false, value: 0, bytes: 1,
      instruction: "IN 0x\(String(port.rawValue, radix: 16, uppercase: true))")
  }

  /// One data-port word, or a whole `REP OUTSW`/`REP INSW` string when the string traps once.
  static func data(isWrite: Bool, words: Int) -> PortAccess {
    let name = words == 1 ? (isWrite ? "OUTSW" : "INSW") : (isWrite ? "REP OUTSW" : "REP INSW")
    return PortAccess(
      port: .data, isWrite: isWrite, value: words, bytes: 2 * words,
      instruction: "\(name) 0x1F0" + (words == 1 ? "" : " (\(words) words)"),
      repeatCount: words == 1 ? nil : words)
  }

  /// Applies the access to the controller; returns what the device model did.
  func apply(_ ide: inout EmulatedIDEController) -> Phrase {
    if port == .data {
      if isWrite {
        ide.acceptWords(value)
        return "\(bytes) bytes into the sector buffer (\(ide.bufferFill) of 512)"
      }
      let before = ide.bufferFill
      ide.provideWords(value)
      return
        "\(bytes) bytes out of the sector buffer (\(ATAModel.sectorSize - before + bytes) of 512)"
    }
    if isWrite {
      ide.write(port, value: value)
      if port == .statusCommand, let command = ATACommand(rawValue: UInt8(value)) {
        return "command \(DetailValue.hexString(UInt64(value), digits: 2)) \(command.name) accepted"
      }
      return "\(port.registerName) = \(DetailValue.hexString(UInt64(value), digits: 2))"
    }
    let status = ide.read(port)
    return
      "status \(DetailValue.hexString(UInt64(status), digits: 2)) (\(Self.describe(status: status)))"
  }

  static func describe(status: Int) -> Phrase {
    var bits: [String] = []
    if status & Int(ATAStatus.busy) != 0 { bits.append("BSY") }
    if status & Int(ATAStatus.ready) != 0 { bits.append("DRDY") }
    if status & Int(ATAStatus.dataRequest) != 0 { bits.append("DRQ") }
    if status & Int(ATAStatus.error) != 0 { bits.append("ERR") }
    return bits.isEmpty ? "clear" : .verbatim(bits.joined(separator: " "))
  }
}
