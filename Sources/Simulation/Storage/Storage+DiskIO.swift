import HVHostModel
import HVHypervisor
import HVSimKernel
import HVTrace
import HVVMBus

/// The entry point of `write-disk` and `read-disk`: the configuration decides the path.
extension Storage {
  /// The guest application reads or writes its disk; the configuration decides the path.
  package func diskIO(isWrite: Bool, bytes: Int, then next: @escaping Continuation) {
    let sectors = (bytes + ATAModel.sectorSize - 1) / ATAModel.sectorSize
    let lba = nextGuestLBA
    nextGuestLBA += sectors
    if !usesEmulatedDisk {
      syntheticIO(isWrite: isWrite, bytes: bytes, lba: lba, then: next)
      return
    }
    let verb = isWrite ? "write" : "read"
    let sectorBytes = sectors * ATAModel.sectorSize
    kernel.run(
      [
        { done in
          self.kernel.emit(
            .call, .guestApp, .ataDriver,
            "\(syscall: verb): \(Self.describe(bytes: bytes, sectorBytes: sectorBytes)) = \(sectors) sector(s) at LBA \(lba), \(self.transfer == .dma ? "bus-master DMA" : "programmed I/O" as Phrase)",
            details: [.int("bytes", bytes), .int("lba", lba), .int("sectors", sectors)],
            cost: self.costs.userToKernel, then: done)
        },
        { done in
          self.emulatedIO(
            isWrite: isWrite, sectors: sectors, lba: lba, driver: .ataDriver,
            dma: self.transfer == .dma, then: done)
        },
        { done in
          self.kernel.emit(
            .return, .ataDriver, .guestApp, "\(syscall: verb) returns: \(sectorBytes) bytes done",
            cost: self.costs.kernelToUser, then: done)
        },
      ], then: next)
  }
}
