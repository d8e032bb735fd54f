import HVHostModel

/// netvsc's side of the synthetic adapter (Linux `struct netvsc_device`).
package struct NetVSCState: Sendable, Hashable {
  package enum Phase: String, Sendable, Hashable {
    case absent
    case negotiating
    /// NVSP and the buffers are set up; RNDIS initialized; the packet filter set.
    case ready
  }

  package var phase: Phase = .absent
  package var relid: UInt32?
  package var version: NVSPVersion?
  package var receiveBufferGPADL: UInt32?
  package var sendBufferGPADL: UInt32?
  /// VMBus `requestid` of the next packet netvsc sends.
  package var nextTransactionID: UInt64 = 1
  /// RNDIS `req_id` of the next control message.
  package var nextRNDISRequest: UInt32 = 1
  package var framesSent = 0
  package var framesReceived = 0
}

/// The emulated DEC 21140's registers that the model follows (vmwp.exe's device model).
package struct TulipState: Sendable, Hashable {
  /// CSR6 has SR and ST set: the receive and transmit processes run.
  package var running = false
  /// Next transmit and receive descriptor the device looks at (rings of 32 and 128, Linux).
  package var transmitIndex = 0
  package var receiveIndex = 0
  package var framesSent = 0
  package var framesReceived = 0
}

/// Facts of the DEC 21140 "Tulip" that the legacy adapter's model uses (QEMU `hw/net/tulip.h`,
/// Linux `drivers/net/ethernet/dec/tulip/`). That Hyper-V's Legacy Network Adapter is a 21140
/// rests on Microsoft blog posts (Ben Armstrong, 2011); which of its BARs Hyper-V implements is
/// UNCONFIRMED: the model uses port I/O at 0xEC00, as the Linux driver does by default (BAR 0).
package enum Tulip {
  /// The CSR window: 16 registers, 8 bytes apart (CSR n at n × 8).
  package static let ioBase: UInt16 = 0xEC00
  package static let interceptedRange: ClosedRange<UInt16> = 0xEC00...0xEC7F
  package static func csr(_ number: UInt16) -> UInt16 { ioBase + number * 8 }
  /// CSR5 status bits: TI (transmit interrupt), TU (transmit buffer unavailable), RI, NIS.
  package static let statusTI: UInt32 = 1 << 0
  package static let statusTU: UInt32 = 1 << 2
  package static let statusRI: UInt32 = 1 << 6
  package static let statusNIS: UInt32 = 1 << 16
  /// CSR6: SR (start receive, bit 1) and ST (start transmit, bit 13).
  package static let operationStart: UInt32 = 1 << 1 | 1 << 13
  /// Linux's rings: 32 transmit and 128 receive descriptors of 16 bytes.
  package static let transmitRing = 32
  package static let receiveRing = 128
  /// The driver asks for a transmit-done interrupt (TDES1.IC) once 16 frames are outstanding,
  /// half the ring (`tulip_start_xmit`); a burst's end raises TU, which the ISR treats the same.
  package static let framesPerTransmitInterrupt = 16
  /// The legacy adapter's interrupt line. Model assumption: IRQ 11 (a PCI INTA# routed by the
  /// Gen-1 BIOS; the real routing is not documented).
  package static let irq = 11
}
