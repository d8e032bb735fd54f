import HVHostModel
import HVSimKernel
import HVVMBus

/// The guest's wall clock, modelled as an offset from the host's clock (fact sheet §4.6).
///
/// **Model assumptions** (documented in SIMULATION.md):
/// - the guest clock runs at a constant rate error, seeded between −150 and −50 ppm (slow, as a
///   guest that loses timer ticks under load does; the value is illustrative, the sources give
///   none);
/// - while the VM is saved the guest clock stands still, so a restored guest is behind by the
///   time it spent saved ([BA10]: VMs come back "with the time they were saved with");
/// - a SYNC, and every SAMPLE the guest applies, set the clock to the host's time; with the
///   version-4 message (`vmreferencetime`) the guest adds the time since the sample was taken and
///   lands exactly, with older versions it lands behind by that delay.
package struct GuestClock: Sendable, Hashable {
  /// Rate error in parts per million (negative: the guest clock runs slow).
  package let driftPPM: Int
  /// Guest time minus host time at ``referenceTime``.
  package private(set) var offsetNanoseconds: Int
  /// Simulated time at which ``offsetNanoseconds`` held.
  package private(set) var referenceTime: Int
  /// True while the VM is saved.
  package private(set) var isFrozen = false

  package init(driftPPM: Int, offsetNanoseconds: Int, at time: Int) {
    self.driftPPM = driftPPM
    self.offsetNanoseconds = offsetNanoseconds
    referenceTime = time
  }

  /// Guest time minus host time at simulated time `time` (negative: the guest is behind).
  package func offset(at time: Int) -> Int {
    let elapsed = time - referenceTime
    return offsetNanoseconds + (isFrozen ? -elapsed : elapsed * driftPPM / 1_000_000)
  }

  /// The guest sets its clock so that its offset is `offset` at `time`.
  package mutating func set(offset: Int, at time: Int) {
    offsetNanoseconds = offset
    referenceTime = time
  }

  /// Save-VM: from `time` on, the guest's time stands still.
  package mutating func freeze(at time: Int) {
    set(offset: offset(at: time), at: time)
    isFrozen = true
  }

  /// Restore: the guest's time runs again, from where it stood.
  package mutating func thaw(at time: Int) {
    set(offset: offset(at: time), at: time)
    isFrozen = false
  }

  /// A compressed repeat skipped `nanoseconds` of identical cycles that each ended with the same
  /// correction: the last correction simply happened that much later.
  mutating func shift(by nanoseconds: Int) { referenceTime += nanoseconds }
}
