/// The VM as the host's management service sees it.
public enum VMPowerState: String, Sendable, Hashable {
  case off = "Off"
  case starting = "Starting"
  case running = "Running"
  /// `Save-VM`: memory and device state in files, no partition (contract §3 `Saved`).
  case saved = "Saved"
  /// The guest accepted a shutdown request and is shutting down.
  case stopping = "Stopping"
}
