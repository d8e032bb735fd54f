import HVTrace

/// The Bus Master IDE registers of the primary channel (SFF-8038i; a PIIX-style controller,
/// fact sheet §9.2): command (start bit, direction), status (interrupt, error, active) and the
/// physical address of the PRD table the guest built in its memory.
///
/// **UNCONFIRMED for Hyper-V's device model** (fact sheet §2.1, §9.2): the register layout and
/// the sequence below are the standard's and libata's (`ata_bmdma_setup`, `ata_bmdma_start`,
/// `ata_bmdma_stop`); the I/O base 0xC000 is the model's choice (the BIOS assigns it at boot).
package struct BusMasterIDE: Sendable, Hashable {
  /// The registers, at the model's I/O base 0xC000.
  package enum Port: UInt16, Sendable, CaseIterable {
    case command = 0xC000
    case status = 0xC002
    case prdTable = 0xC004

    package var registerName: String {
      switch self {
      case .command: "bus-master command"
      case .status: "bus-master status"
      case .prdTable: "PRD table address"
      }
    }

    /// Bytes one access moves (the PRD table address is a 32-bit `OUTL`).
    package var width: Int { self == .prdTable ? 4 : 1 }
  }

  /// Command register bits.
  package static let start = 0x01
  /// Set for a transfer *into* guest memory (a disk read).
  package static let readIntoMemory = 0x08
  /// Status register bits.
  package static let interrupt = 0x04
  package static let error = 0x02
  package static let active = 0x01
  /// A PRD entry moves at most 64 KiB (SFF-8038i).
  package static let bytesPerPRDEntry = 65_536
  /// Where the guest driver keeps its PRD table: a page it allocated once (model assumption).
  package static let prdTableAddress: UInt64 = 0x000F_F000
  /// The port range the worker process asks the hypervisor to intercept.
  package static let interceptedRange: ClosedRange<UInt16> = 0xC000...0xC00F

  package private(set) var commandRegister = 0
  package private(set) var statusRegister = 0
  package private(set) var prdTableAddress: UInt64 = 0
  package private(set) var protocolErrors: [String] = []

  package init() {}

  /// The guest writes a register; returns what the device model did. Writing 1s to the status
  /// register's interrupt and error bits clears them.
  package mutating func write(_ port: Port, value: UInt64, ide: inout EmulatedIDEController)
    -> Phrase
  {
    switch port {
    case .prdTable:
      prdTableAddress = value
      return "PRD table at guest physical \(DetailValue.hexString(value, digits: 8))"
    case .status:
      statusRegister &= ~(Int(value) & (Self.interrupt | Self.error))
      return "status bits cleared (now \(DetailValue.hexString(UInt64(statusRegister), digits: 2)))"
    case .command:
      let starting = Int(value) & Self.start != 0 && commandRegister & Self.start == 0
      let stopping = Int(value) & Self.start == 0 && commandRegister & Self.start != 0
      commandRegister = Int(value) & (Self.start | Self.readIntoMemory)
      if starting {
        ide.startDMA()
        statusRegister |= Self.active
        return "start: the device model copies the data through the PRD table"
      }
      if stopping { return "stop: the transfer is over" }
      return commandRegister & Self.readIntoMemory != 0
        ? "direction set: data moves into guest memory"
        : "direction set: data moves out of guest memory"
    }
  }

  /// The guest reads a register.
  package func read(_ port: Port) -> Int {
    switch port {
    case .command: commandRegister
    case .status: statusRegister
    case .prdTable: Int(prdTableAddress)
    }
  }

  /// The device model finished the transfer: the bus master is no longer active and interrupts.
  package mutating func transferDone() {
    guard statusRegister & Self.active != 0 else {
      protocolErrors.append("bus-master transfer finished while not active")
      return
    }
    statusRegister = (statusRegister & ~Self.active) | Self.interrupt
  }
}
