import HVHostModel
import HVSimKernel

/// SynIC message slots and event flags: how VMBus control messages and doorbells reach a
/// partition (fact sheet §3.1, §2.2 steps 6b, 7 and 10).
extension Hypervisor {
  /// Copies a message into the receiver's SINT2 slot; reports a full queue as a violation.
  package func postSynICMessage(_ type: UInt32, toGuest: Bool) {
    kernel.count(.vmbusMessagesDelivered)
    kernel.count(.interruptsDelivered)
    let accepted: Bool
    if toGuest {
      accepted = childPartition?.synic.post(type, to: SynIC.vmbusSINT) ?? false
    } else {
      accepted = rootPartition.synic.post(type, to: SynIC.vmbusSINT)
    }
    if !accepted {
      kernel.report(
        .synicQueueFull, "SynIC message queue full or partition missing at \(kernel.now) ns")
    }
  }

  /// The receiver handled the message in its slot (EOM).
  package func consumeSynICMessage(toGuest: Bool) {
    if toGuest {
      _ = childPartition?.synic.consume(SynIC.vmbusSINT)
    } else {
      _ = rootPartition.synic.consume(SynIC.vmbusSINT)
    }
  }

  /// `HvCallSignalEvent` lands: the flag is set in the receiver's SINT2 event page and the
  /// receiver is interrupted.
  package func raiseEventFlag(_ flag: Int, toGuest: Bool) {
    kernel.count(.interruptsDelivered)
    if toGuest {
      _ = childPartition?.synic.setEvent(flag, sint: SynIC.vmbusSINT)
    } else {
      _ = rootPartition.synic.setEvent(flag, sint: SynIC.vmbusSINT)
    }
  }

  /// The receiver's interrupt handler cleared the flag.
  package func clearEventFlag(_ flag: Int, toGuest: Bool) {
    if toGuest {
      childPartition?.synic.clearEvent(flag, sint: SynIC.vmbusSINT)
    } else {
      rootPartition.synic.clearEvent(flag, sint: SynIC.vmbusSINT)
    }
  }
}
