import HVHostModel
import HVHypervisor
import HVSimKernel
import HVTrace

/// Disk I/O through the emulated IDE controller with bus-master DMA (fact sheet §9.2; the
/// sequence is libata's `ata_bmdma_setup` / `ata_bmdma_start` / `ata_bmdma_stop`).
///
/// Per command (at most 256 sectors): the PRD table's address (`OUTL`), the bus master's
/// direction, its status cleared, five task-file writes and the READ DMA / WRITE DMA command, the
/// start bit; the device model copies the data between guest memory and the VHDX in one request
/// and raises IRQ 14; the driver reads the bus master's status, clears the start bit and reads the
/// ATA status. That is 13 trapped port accesses and one interrupt per command, whatever its size.
///
/// **UNCONFIRMED** for Hyper-V's device model (fact sheet §2.1, §9.2): the register layout, the
/// I/O base 0xC000 and whether vmwp.exe's IDE model implements bus mastering are the model's.
extension Storage {
  func dmaIO(
    isWrite: Bool, sectors: Int, lba: Int, driver: ActorID, then next: @escaping Continuation
  ) {
    let perCommand = ATAModel.maxSectorsPerCommand
    let fullCommands = sectors / perCommand
    let rest = sectors % perCommand
    kernel.run(
      [
        { done in
          self.kernel.loop(
            fullCommands, "for each DMA command of \(perCommand) sectors",
            fastForward: { count in self.ide.fastForwardCommands(count, sectors: perCommand) },
            body: { index, iterationDone in
              self.dmaCommand(
                isWrite: isWrite, lba: lba + index * perCommand, sectors: perCommand,
                driver: driver, then: iterationDone)
            }, then: done)
        },
        { done in
          guard rest > 0 else { return done() }
          self.dmaCommand(
            isWrite: isWrite, lba: lba + fullCommands * perCommand, sectors: rest,
            driver: driver, then: done)
        },
      ], then: next)
  }

  private func dmaCommand(
    isWrite: Bool, lba: Int, sectors: Int, driver: ActorID, then next: @escaping Continuation
  ) {
    if ide.phase != .idle {
      kernel.report(.ataCommandWhileBusy, "ATA command while the controller is \(ide.phase)")
    }
    let bytes = sectors * ATAModel.sectorSize
    let prdEntries = (bytes + BusMasterIDE.bytesPerPRDEntry - 1) / BusMasterIDE.bytesPerPRDEntry
    let direction = isWrite ? 0 : BusMasterIDE.readIntoMemory
    let command = isWrite ? ATACommand.writeDMA : .readDMA
    let prdTable = BusMasterIDE.prdTableAddress
    let taskFile: [(ATAPort, Int)] = [
      (.sectorCount, sectors & 0xFF), (.lbaLow, lba & 0xFF), (.lbaMid, (lba >> 8) & 0xFF),
      (.lbaHigh, (lba >> 16) & 0xFF), (.driveHead, 0xE0 | ((lba >> 24) & 0x0F)),
    ]
    var actions: [Action] = [
      { done in self.trapBusMaster(.prdTable, write: prdTable, from: driver, then: done) },
      { done in self.trapBusMaster(.command, write: UInt64(direction), from: driver, then: done) },
      { done in
        self.trapBusMaster(
          .status, write: UInt64(BusMasterIDE.interrupt | BusMasterIDE.error), from: driver,
          then: done)
      },
    ]
    for (port, value) in taskFile {
      actions.append { done in self.trapPortAccess(.out(port, value), from: driver, then: done) }
    }
    actions += [
      { done in
        self.trapPortAccess(.out(.statusCommand, Int(command.rawValue)), from: driver, then: done)
      },
      { done in
        self.trapBusMaster(
          .command, write: UInt64(direction | BusMasterIDE.start), from: driver, then: done)
      },
      { done in
        let verb = isWrite ? "WriteFile" : "ReadFile"
        // The direction is a template of its own (word order differs between languages); the
        // entry count a phrase of its own (English needs the singular).
        let entries: Phrase =
          prdEntries == 1 ? "\(prdEntries) PRD entry" : "\(prdEntries) PRD entries"
        let label: Phrase =
          isWrite
          ? "\(verb): \(sectors) sector(s) at LBA \(lba) (\(bytes) bytes), copied from guest memory through \(entries)"
          : "\(verb): \(sectors) sector(s) at LBA \(lba) (\(bytes) bytes), copied into guest memory through \(entries)"
        self.kernel.emit(
          .call, .vmwp, .storageStack, label,
          details: [.int("lba", lba), .int("bytes", bytes), .int("prd_entries", prdEntries)],
          bytes: bytes, cost: self.costs.userToKernel + self.costs.storageStack, then: done)
      },
      { done in
        self.diskAccess(isWrite: isWrite, bytes: bytes, caller: .vmwp) {
          self.ide.finishDMA()
          self.busMaster.transferDone()
          done()
        }
      },
      { done in
        self.hypervisor.assertDeviceInterrupt(irq: ATAModel.irq, to: driver, then: done)
      },
      { done in self.trapBusMaster(.status, write: nil, from: driver, then: done) },
      { done in self.trapBusMaster(.command, write: UInt64(direction), from: driver, then: done) },
      { done in self.trapPortAccess(.in(.statusCommand), from: driver, then: done) },
    ]
    kernel.run(actions, then: next)
  }

  /// One trapped access to a Bus Master IDE register (`write` nil: a read).
  private func trapBusMaster(
    _ port: BusMasterIDE.Port, write value: UInt64?, from driver: ActorID,
    then next: @escaping Continuation
  ) {
    let hex = "0x" + String(port.rawValue, radix: 16, uppercase: true)
    let instruction: String
    if let value {
      let name = port.width == 4 ? "OUTL" : "OUT"
      instruction = "\(name) \(hex) ← \(DetailValue.hexString(value, digits: port.width * 2))"
    } else {
      instruction = "IN \(hex)"
    }
    hypervisor.interceptIOPort(
      IOPortAccess(
        port: port.rawValue, isWrite: value != nil, bytes: port.width, instruction: instruction),
      from: driver, device: "emulated IDE bus master", emulationCost: costs.ideEmulation,
      emulate: {
        self.kernel.count(.portAccessesEmulated)
        guard let value else {
          let read = self.busMaster.read(port)
          return "\(port.registerName) = \(DetailValue.hexString(UInt64(read), digits: 2))"
        }
        return self.busMaster.write(port, value: value, ide: &self.ide)
      }, then: next)
  }
}
