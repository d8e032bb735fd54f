import HVTrace
import HVHostModel
import HVHypervisor
import HVSimKernel
import HVVMBus

/// ATA task-file registers of the primary channel and the PIO commands the model uses
/// (fact sheet §2.1; Seagate ATA Interface Reference Manual; osdev ATA_PIO_Mode).
package enum ATAPort: UInt16, Sendable, CaseIterable {
  case data = 0x1F0
  case errorFeatures = 0x1F1
  case sectorCount = 0x1F2
  case lbaLow = 0x1F3
  case lbaMid = 0x1F4
  case lbaHigh = 0x1F5
  case driveHead = 0x1F6
  case statusCommand = 0x1F7
  case alternateStatus = 0x3F6

  package var registerName: Phrase {
    switch self {
    case .data: return "data"
    case .errorFeatures: return "features"
    case .sectorCount: return "sector count"
    case .lbaLow: return "LBA low"
    case .lbaMid: return "LBA mid"
    case .lbaHigh: return "LBA high"
    case .driveHead: return "drive/head"
    case .statusCommand: return "status/command"
    case .alternateStatus: return "alternate status"
    }
  }

  /// The port ranges the worker process asks the hypervisor to intercept.
  package static let interceptedRanges: [ClosedRange<UInt16>] = [0x1F0...0x1F7, 0x3F6...0x3F6]
}

package enum ATACommand: UInt8, Sendable {
  /// READ SECTORS (bochs BIOS notes: "out 1f7, 0x20").
  case readSectors = 0x20
  /// WRITE SECTORS, from the ATA standard (fact sheet §2.1: not re-verified).
  case writeSectors = 0x30
  /// READ DMA and WRITE DMA (ATA/ATAPI, fact sheet §2.1 "Bus-master DMA": UNCONFIRMED codes).
  case readDMA = 0xC8
  case writeDMA = 0xCA

  package var name: String {
    switch self {
    case .readSectors: "READ SECTORS"
    case .writeSectors: "WRITE SECTORS"
    case .readDMA: "READ DMA"
    case .writeDMA: "WRITE DMA"
    }
  }
}

/// Status register bits.
package enum ATAStatus {
  package static let busy: UInt8 = 0x80
  package static let ready: UInt8 = 0x40
  package static let dataRequest: UInt8 = 0x08
  package static let error: UInt8 = 0x01
}

package enum ATAModel {
  package static let sectorSize = 512
  /// 16-bit data-port accesses per sector: 512 / 2 (fact sheet §2.1).
  package static let wordsPerSector = sectorSize / 2
  /// LBA28 sector count register: at most 256 sectors per command (0 means 256).
  package static let maxSectorsPerCommand = 256
  /// IRQ line of the primary IDE channel, PC/AT convention (fact sheet §2.1: UNCONFIRMED).
  package static let irq = 14
}
