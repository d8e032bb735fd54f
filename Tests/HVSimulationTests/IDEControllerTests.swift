import HVHostModel
import Testing

@testable import HVHypervisor
@testable import HVIntegrationServices
@testable import HVPower
@testable import HVSimKernel
@testable import HVSimulation
@testable import HVStorage
@testable import HVVMBus

@Suite struct IDEControllerTests {
  func issue(_ command: ATACommand, lba: Int, sectors: Int, on ide: inout EmulatedIDEController) {
    ide.write(.sectorCount, value: sectors & 0xFF)
    ide.write(.lbaLow, value: lba & 0xFF)
    ide.write(.lbaMid, value: (lba >> 8) & 0xFF)
    ide.write(.lbaHigh, value: (lba >> 16) & 0xFF)
    ide.write(.driveHead, value: 0xE0 | ((lba >> 24) & 0x0F))
    ide.write(.statusCommand, value: Int(command.rawValue))
  }

  @Test func pioWriteFollowsTheATAProtocol() {
    var ide = EmulatedIDEController()
    issue(.writeSectors, lba: 2048, sectors: 2, on: &ide)
    #expect(ide.phase == .awaitingWriteData)
    let status = ide.read(.statusCommand)
    #expect(status & Int(ATAStatus.dataRequest) != 0)
    ide.acceptWords(255)
    #expect(ide.phase == .awaitingWriteData)
    ide.acceptWords(1)
    #expect(ide.phase == .storingSector)
    ide.sectorStored()
    #expect(ide.interruptPending)
    #expect(ide.phase == .awaitingWriteData && ide.currentLBA == 2049)
    _ = ide.read(.statusCommand)
    #expect(!ide.interruptPending)
    ide.acceptWords(256)
    ide.sectorStored()
    #expect(ide.phase == .idle && ide.commandsCompleted == 1 && ide.sectorsTransferred == 2)
    #expect(ide.protocolErrors.isEmpty)
  }

  @Test func dataOutsideACommandIsAProtocolError() {
    var ide = EmulatedIDEController()
    ide.acceptWords(1)
    #expect(!ide.protocolErrors.isEmpty)
  }

  @Test func fastForwardEqualsSteppingSectorsAndCommands() {
    var stepped = EmulatedIDEController()
    var fast = EmulatedIDEController()
    for lba in [100, 356, 612] {
      issue(.writeSectors, lba: lba, sectors: 256, on: &stepped)
      for _ in 0..<256 {
        _ = stepped.read(.statusCommand)
        stepped.acceptWords(256)
        stepped.sectorStored()
      }
      _ = stepped.read(.statusCommand)
    }
    issue(.writeSectors, lba: 100, sectors: 256, on: &fast)
    _ = fast.read(.statusCommand)
    fast.acceptWords(256)
    fast.sectorStored()
    fast.fastForwardSectors(255)
    _ = fast.read(.statusCommand)
    fast.fastForwardCommands(2, sectors: 256)
    #expect(fast == stepped)
  }

  @Test func pioReadDeliversSectorsAfterTheInterrupt() {
    var ide = EmulatedIDEController()
    issue(.readSectors, lba: 0, sectors: 1, on: &ide)
    #expect(ide.phase == .fetchingSector)
    ide.sectorFetched()
    #expect(ide.interruptPending && ide.phase == .awaitingReadData)
    _ = ide.read(.statusCommand)
    ide.provideWords(256)
    #expect(ide.phase == .idle && ide.sectorsTransferred == 1)
  }
}
