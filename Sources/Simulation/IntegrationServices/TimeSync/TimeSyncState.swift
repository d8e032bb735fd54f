/// The time-sync host's state (fact sheet §4.6).
package struct TimeSyncState: Sendable, Hashable {
  /// The next message is a SYNC: after the channel opens and after a restore.
  package var sendSyncNext = true
  package var samplesSent = 0
  /// SAMPLE messages the guest applied to its clock (kernels before 4.13 apply the first 50).
  package var samplesApplied = 0

  package init() {}
}
