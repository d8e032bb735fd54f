import HVSimKernel
import HVTrace

extension Kernel {
  /// Records one hop between two of the model's actors now and continues `cost` nanoseconds later.
  ///
  /// The kernel takes actor ids as strings (it knows no Hyper-V); components name actors with
  /// ``ActorID`` so a typo is a compile error and every id is in the catalogue the trace lists.
  package func emit(
    _ kind: EventKind, _ from: ActorID, _ to: ActorID, _ label: Phrase, message: String? = nil,
    operation: String? = nil, flags: String? = nil, details: [Detail] = [], bytes: Int = 0,
    wire: (() -> WireImage)? = nil, cost: Int, then next: @escaping Continuation
  ) {
    emit(
      kind, from: from.rawValue, to: to.rawValue, label, message: message, operation: operation,
      flags: flags, details: details, bytes: bytes, wire: wire, cost: cost, then: next)
  }
}
