import HVSimKernel

/// What the network model counts, and the rules it can break.
extension Tallies.Key {
  package static let framesSent = Self("network.frames-sent")
  package static let framesReceived = Self("network.frames-received")
  package static let vswitchFrames = Self("network.vswitch-frames")
}

extension Violation.Kind {
  /// Frames sent or received on an adapter the VM does not have, or before its driver is ready.
  package static let networkNotReady = Self("network.not-ready")
  /// NVSP INIT found no version both sides speak.
  package static let noCommonNVSPVersion = Self("network.no-common-nvsp-version")
}
