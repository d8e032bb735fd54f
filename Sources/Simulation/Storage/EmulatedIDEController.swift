import HVHostModel
import HVHypervisor
import HVSimKernel
import HVVMBus

/// The emulated IDE controller inside vmwp.exe: ATA task-file registers and a sector buffer
/// (fact sheet §2.1, rows 5 and 8–11).
///
/// PIO data-out (WRITE SECTORS): after the command the device sets DRQ; the host writes 256 words;
/// the device goes busy, stores the sector, raises INTRQ and sets DRQ again for the next sector.
/// PIO data-in (READ SECTORS): the device fetches a sector, raises INTRQ with DRQ set; the host
/// reads status and 256 words.
package struct EmulatedIDEController: Sendable, Hashable {
  package enum Phase: String, Sendable, Hashable {
    case idle
    /// DRQ set, waiting for the guest's 256 data words.
    case awaitingWriteData
    /// The sector buffer is full; vmwp.exe writes it through the root storage stack.
    case storingSector
    /// vmwp.exe fetches the next sector from the root storage stack.
    case fetchingSector
    /// DRQ set, the guest reads 256 data words.
    case awaitingReadData
    /// READ DMA / WRITE DMA accepted: the device waits for the bus master's start bit.
    case awaitingDMA
    /// The bus master moves the data between guest memory and the disk.
    case transferringDMA
  }

  package private(set) var phase: Phase = .idle
  package private(set) var status: UInt8 = ATAStatus.ready
  package private(set) var sectorCountRegister: UInt8 = 0
  package private(set) var lbaRegister = 0
  package private(set) var driveHead: UInt8 = 0xE0
  package private(set) var currentLBA = 0
  package private(set) var sectorsRemaining = 0
  /// Bytes currently in the 512-byte sector buffer.
  package private(set) var bufferFill = 0
  package private(set) var interruptPending = false
  package private(set) var sectorsTransferred = 0
  package private(set) var commandsCompleted = 0
  package private(set) var protocolErrors: [String] = []
  /// The direction of the last command, so that a fast-forward knows what a sector means.
  package private(set) var lastCommandWasWrite = true

  package init() {}

  /// The guest writes a task-file register or the command register.
  package mutating func write(_ port: ATAPort, value: Int) {
    switch port {
    case .sectorCount: sectorCountRegister = UInt8(value & 0xFF)
    case .lbaLow: lbaRegister = (lbaRegister & ~0xFF) | (value & 0xFF)
    case .lbaMid: lbaRegister = (lbaRegister & ~0xFF00) | (value & 0xFF) << 8
    case .lbaHigh: lbaRegister = (lbaRegister & ~0xFF_0000) | (value & 0xFF) << 16
    case .driveHead:
      driveHead = UInt8(value & 0xFF)
      lbaRegister = (lbaRegister & 0xFF_FFFF) | (value & 0x0F) << 24
    case .statusCommand: command(UInt8(value & 0xFF))
    case .data: acceptWords(1)
    case .errorFeatures, .alternateStatus: break
    }
  }

  /// The guest reads a register. Reading status acknowledges the interrupt.
  package mutating func read(_ port: ATAPort) -> Int {
    switch port {
    case .statusCommand:
      interruptPending = false
      return Int(status)
    case .alternateStatus: return Int(status)
    case .data:
      provideWords(1)
      return 0
    default: return 0
    }
  }

  private mutating func command(_ code: UInt8) {
    let count = sectorCountRegister == 0 ? 256 : Int(sectorCountRegister)
    switch code {
    case ATACommand.writeSectors.rawValue:
      lastCommandWasWrite = true
      currentLBA = lbaRegister
      sectorsRemaining = count
      bufferFill = 0
      phase = .awaitingWriteData
      status = ATAStatus.ready | ATAStatus.dataRequest
    case ATACommand.readSectors.rawValue:
      lastCommandWasWrite = false
      currentLBA = lbaRegister
      sectorsRemaining = count
      bufferFill = 0
      phase = .fetchingSector
      status = ATAStatus.busy
    case ATACommand.writeDMA.rawValue, ATACommand.readDMA.rawValue:
      lastCommandWasWrite = code == ATACommand.writeDMA.rawValue
      currentLBA = lbaRegister
      sectorsRemaining = count
      phase = .awaitingDMA
      status = ATAStatus.busy
    default:
      protocolErrors.append("unsupported ATA command 0x\(String(code, radix: 16))")
    }
  }

  /// The bus master's start bit: the device begins the DMA transfer it was told about.
  package mutating func startDMA() {
    guard phase == .awaitingDMA else {
      protocolErrors.append("bus-master start while the controller is \(phase.rawValue)")
      return
    }
    phase = .transferringDMA
  }

  /// The whole DMA transfer is done: the device raises INTRQ and is ready again.
  package mutating func finishDMA() {
    guard phase == .transferringDMA else {
      protocolErrors.append("DMA completion while the controller is \(phase.rawValue)")
      return
    }
    sectorsTransferred += sectorsRemaining
    currentLBA += sectorsRemaining
    sectorsRemaining = 0
    commandsCompleted += 1
    phase = .idle
    status = ATAStatus.ready
    interruptPending = true
  }

  /// `count` 16-bit words arrive through the data port (OUTSW).
  package mutating func acceptWords(_ count: Int) {
    guard phase == .awaitingWriteData, bufferFill + 2 * count <= ATAModel.sectorSize else {
      protocolErrors.append("data written while the controller is \(phase.rawValue)")
      return
    }
    bufferFill += 2 * count
    if bufferFill == ATAModel.sectorSize {
      phase = .storingSector
      status = ATAStatus.busy
    }
  }

  /// `count` 16-bit words leave through the data port (INSW).
  package mutating func provideWords(_ count: Int) {
    guard phase == .awaitingReadData, bufferFill >= 2 * count else {
      protocolErrors.append("data read while the controller is \(phase.rawValue)")
      return
    }
    bufferFill -= 2 * count
    if bufferFill == 0 { finishSector() }
  }

  /// vmwp.exe stored the full sector buffer; the device raises INTRQ.
  package mutating func sectorStored() {
    guard phase == .storingSector else {
      protocolErrors.append("sector stored while the controller is \(phase.rawValue)")
      return
    }
    bufferFill = 0
    finishSector()
    interruptPending = true
  }

  /// vmwp.exe fetched the next sector into the buffer; the device raises INTRQ with DRQ set.
  package mutating func sectorFetched() {
    guard phase == .fetchingSector else {
      protocolErrors.append("sector fetched while the controller is \(phase.rawValue)")
      return
    }
    bufferFill = ATAModel.sectorSize
    phase = .awaitingReadData
    status = ATAStatus.ready | ATAStatus.dataRequest
    interruptPending = true
  }

  private mutating func finishSector() {
    currentLBA += 1
    sectorsRemaining -= 1
    sectorsTransferred += 1
    if sectorsRemaining > 0 {
      let writing = phase == .storingSector
      phase = writing ? .awaitingWriteData : .fetchingSector
      status = writing ? ATAStatus.ready | ATAStatus.dataRequest : ATAStatus.busy
    } else {
      phase = .idle
      status = ATAStatus.ready
      commandsCompleted += 1
    }
  }

  /// Applies `count` more whole sectors of the current command (a compressed sector loop). The
  /// state after a sector is the same for every sector but the position, so only that moves.
  mutating func fastForwardSectors(_ count: Int) {
    guard count > 0 else { return }
    precondition(sectorsRemaining >= count, "more sectors applied than the command has")
    let writing = lastCommandWasWrite
    currentLBA += count
    sectorsRemaining -= count
    sectorsTransferred += count
    if sectorsRemaining == 0 {
      phase = .idle
      status = ATAStatus.ready
      commandsCompleted += 1
      bufferFill = 0
    } else {
      phase = writing ? .awaitingWriteData : .fetchingSector
      status = writing ? ATAStatus.ready | ATAStatus.dataRequest : ATAStatus.busy
    }
  }

  /// Applies `count` more whole commands of `sectors` sectors each, starting where the controller
  /// stands (a compressed command loop). The task file ends holding the last command's values.
  mutating func fastForwardCommands(_ count: Int, sectors: Int) {
    guard count > 0 else { return }
    let lastLBA = currentLBA + (count - 1) * sectors
    lbaRegister = lastLBA & 0x0FFF_FFFF
    driveHead = 0xE0 | UInt8((lastLBA >> 24) & 0x0F)
    sectorCountRegister = UInt8(sectors & 0xFF)
    currentLBA = lastLBA + sectors
    sectorsTransferred += count * sectors
    commandsCompleted += count
    interruptPending = false
  }
}
