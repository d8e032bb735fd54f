/// How the guest's driver moves data through the emulated IDE controller (`vm.ide-transfer`).
///
/// - `dma`: bus-master DMA, the realistic case for a Gen-1 emulated disk (fact sheet §9.2): the
///   task file, the Bus Master IDE command/status/PRD-table ports, the device model copying from
///   guest memory, one interrupt per command; the count does not grow with the size.
/// - `pio`: programmed I/O with one intercept per `IN`/`OUT`/`REP OUTSW` instruction, the shape
///   the I/O-port intercept message documents (`string_op`, `rep_prefix`, RCX; fact sheet §9.1).
/// - `pio-per-word`: programmed I/O with one intercept per 16-bit word of `REP OUTSW`, the worst
///   case, kept as a bound.
///
/// The model's default is `dma`, the realistic case. The details of Hyper-V's own IDE device
/// model (which ports it decodes, when it raises the interrupt) are not public: UNCONFIRMED; the
/// model follows the PIIX bus-master protocol that Linux's `ata_piix` drives.
public enum IDETransferMode: String, Sendable, CaseIterable {
  case dma
  case pio
  case pioPerWord = "pio-per-word"

  /// How a PIO string instruction traps in this mode (DMA moves no data through the data port).
  public var stringIO: StringIOTrapping { self == .pioPerWord ? .perWord : .perString }
}
