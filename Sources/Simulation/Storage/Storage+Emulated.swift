import HVHostModel
import HVHypervisor
import HVSimKernel
import HVTrace
import HVVMBus

/// Disk I/O through the emulated IDE controller in vmwp.exe: ATA PIO, every port access trapped
/// (fact sheet §2.1).
///
/// Per command: a status poll (BSY clear), six task-file writes (0x1F2–0x1F7, the last one the
/// command), then per sector a status read (DRQ), 256 data-port words, the sector's trip through
/// the root storage stack and IRQ 14; a write ends with a final status read. The fact sheet's naive
/// count for one sector is ≈264 intercepts; this model takes 8 + 257 × sectors for a write (it also
/// polls for DRQ before the first sector) and 7 + 257 × sectors for a read.
extension Storage {
  /// - Parameter dma: bus-master DMA (``IDETransferMode/dma``); the firmware always uses PIO.
  package func emulatedIO(
    isWrite: Bool, sectors: Int, lba: Int, driver: ActorID, dma: Bool = false,
    then next: @escaping Continuation
  ) {
    guard !dma else {
      return dmaIO(isWrite: isWrite, sectors: sectors, lba: lba, driver: driver, then: next)
    }
    let perCommand = ATAModel.maxSectorsPerCommand
    let fullCommands = sectors / perCommand
    let rest = sectors % perCommand
    kernel.run(
      [
        { done in
          self.kernel.loop(
            fullCommands, "for each ATA command of \(perCommand) sectors",
            fastForward: { count in self.ide.fastForwardCommands(count, sectors: perCommand) },
            body: { index, iterationDone in
              self.ataCommand(
                isWrite: isWrite, lba: lba + index * perCommand, sectors: perCommand,
                driver: driver, then: iterationDone)
            }, then: done)
        },
        { done in
          guard rest > 0 else { return done() }
          self.ataCommand(
            isWrite: isWrite, lba: lba + fullCommands * perCommand, sectors: rest, driver: driver,
            then: done)
        },
      ], then: next)
  }

  private func ataCommand(
    isWrite: Bool, lba: Int, sectors: Int, driver: ActorID, then next: @escaping Continuation
  ) {
    if ide.phase != .idle {
      kernel.report(.ataCommandWhileBusy, "ATA command while the controller is \(ide.phase)")
    }
    let command = isWrite ? ATACommand.writeSectors : .readSectors
    let taskFile: [(ATAPort, Int)] = [
      (.sectorCount, sectors & 0xFF), (.lbaLow, lba & 0xFF), (.lbaMid, (lba >> 8) & 0xFF),
      (.lbaHigh, (lba >> 16) & 0xFF), (.driveHead, 0xE0 | ((lba >> 24) & 0x0F)),
      (.statusCommand, Int(command.rawValue)),
    ]
    var actions: [Action] = [
      { done in self.trapPortAccess(.in(.statusCommand), from: driver, then: done) }
    ]
    for (port, value) in taskFile {
      actions.append { done in self.trapPortAccess(.out(port, value), from: driver, then: done) }
    }
    actions.append { done in
      self.kernel.loop(
        sectors, "for each of \(sectors) sectors, LBA \(lba)…\(lba + sectors - 1)",
        fastForward: { count in self.ide.fastForwardSectors(count) },
        body: { index, iterationDone in
          if isWrite {
            self.writeSector(lba: lba + index, driver: driver, then: iterationDone)
          } else {
            self.readSector(lba: lba + index, driver: driver, then: iterationDone)
          }
        }, then: done)
    }
    if isWrite {
      actions.append { done in self.trapPortAccess(.in(.statusCommand), from: driver, then: done) }
    }
    kernel.run(actions, then: next)
  }

  private func writeSector(lba: Int, driver: ActorID, then next: @escaping Continuation) {
    kernel.run(
      [
        { done in self.trapPortAccess(.in(.statusCommand), from: driver, then: done) },
        { done in self.dataPhase(isWrite: true, driver: driver, then: done) },
        { done in
          self.kernel.emit(
            .call, .vmwp, .storageStack, "WriteFile: sector LBA \(lba) (512 bytes) into the VHDX",
            details: [.int("lba", lba), .int("bytes", ATAModel.sectorSize)],
            cost: self.costs.userToKernel + self.costs.storageStack, then: done)
        },
        { done in
          self.diskAccess(isWrite: true, bytes: ATAModel.sectorSize, caller: .vmwp) {
            self.ide.sectorStored()
            done()
          }
        },
        { done in self.hypervisor.assertDeviceInterrupt(irq: ATAModel.irq, to: driver, then: done)
        },
      ], then: next)
  }

  private func readSector(lba: Int, driver: ActorID, then next: @escaping Continuation) {
    kernel.run(
      [
        { done in
          self.kernel.emit(
            .call, .vmwp, .storageStack, "ReadFile: sector LBA \(lba) (512 bytes) from the VHDX",
            details: [.int("lba", lba), .int("bytes", ATAModel.sectorSize)],
            cost: self.costs.userToKernel + self.costs.storageStack, then: done)
        },
        { done in
          self.diskAccess(isWrite: false, bytes: ATAModel.sectorSize, caller: .vmwp) {
            self.ide.sectorFetched()
            done()
          }
        },
        { done in self.hypervisor.assertDeviceInterrupt(irq: ATAModel.irq, to: driver, then: done)
        },
        { done in self.trapPortAccess(.in(.statusCommand), from: driver, then: done) },
        { done in self.dataPhase(isWrite: false, driver: driver, then: done) },
      ], then: next)
  }

  /// The 512 data bytes of one sector: 256 trapped `OUTSW`/`INSW` words, or one trapped
  /// `REP OUTSW`/`REP INSW` when ``StringIOTrapping/perString`` is chosen.
  private func dataPhase(isWrite: Bool, driver: ActorID, then next: @escaping Continuation) {
    switch stringIO {
    case .perString:
      trapPortAccess(
        .data(isWrite: isWrite, words: ATAModel.wordsPerSector), from: driver, then: next)
    case .perWord:
      kernel.loop(
        ATAModel.wordsPerSector, "for each of \(ATAModel.wordsPerSector) data words",
        fastForward: { count in
          if isWrite { self.ide.acceptWords(count) } else { self.ide.provideWords(count) }
        },
        body: { _, done in
          self.trapPortAccess(.data(isWrite: isWrite, words: 1), from: driver, then: done)
        }, then: next)
    }
  }

  /// The root storage stack hands the request to the physical disk and back to `caller`.
  ///
  /// Convention of the whole model: an event's duration is the work its receiver does before the
  /// next hop, so the disk's service time sits on the request to the disk.
  func diskAccess(
    isWrite: Bool, bytes: Int, caller: ActorID, then next: @escaping Continuation
  ) {
    let verb: Phrase = isWrite ? "write" : "read"
    kernel.run(
      [
        { done in
          self.kernel.count(.diskRequests)
          if isWrite {
            self.kernel.count(.diskBytesWritten, bytes)
          } else {
            self.kernel.count(.diskBytesRead, bytes)
          }
          self.kernel.emit(
            .call, .storageStack, .disk, "\(verb) \(bytes) bytes", details: [.int("bytes", bytes)],
            cost: self.costs.diskService(bytes: bytes, baseLatency: self.diskBaseLatency),
            then: done)
        },
        { done in
          self.kernel.emit(
            .return, .disk, .storageStack, "\(verb) done", cost: self.costs.componentWork,
            then: done)
        },
        { done in
          self.kernel.emit(
            .return, .storageStack, caller, "I/O complete",
            cost: caller == .vmwp ? self.costs.kernelToUser : self.costs.kernelCall, then: done)
        },
      ], then: next)
  }
}
