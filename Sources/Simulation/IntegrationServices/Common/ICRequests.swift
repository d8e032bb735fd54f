/// What a host step asks of a service: the scenario's request, before it becomes a message.

/// The value of `shutdown`: `{mode, force}`.
public struct ShutdownRequest: Sendable, Hashable {
  public var mode: ShutdownMode
  public var force: Bool

  public init(mode: ShutdownMode = .shutdown, force: Bool = false) {
    self.mode = mode
    self.force = force
  }
}

/// The value of a `kvp-*` step.
public struct KVPRequest: Sendable, Hashable {
  public var operation: KVPOperation
  public var pool: KVPPool
  public var key: String
  public var value: String

  public init(operation: KVPOperation, pool: KVPPool, key: String = "", value: String = "") {
    self.operation = operation
    self.pool = pool
    self.key = key
    self.value = value
  }
}

/// The value of `copy-file`.
public struct CopyFileRequest: Sendable, Hashable {
  /// The file on the host (`-SourcePath`).
  public var source: String
  /// The guest path (`-DestinationPath`).
  public var destination: String
  public var size: Int
  /// `-CreateFullPath` → `CREATE_PATH`.
  public var createFullPath: Bool
  /// `-Force` → `OVER_WRITE` (mapping UNCONFIRMED, fact sheet §4.9; the WMI class behind the
  /// cmdlet, `Msvm_CopyFileToGuestSettingData`, has an `OverwriteExisting` flag).
  public var force: Bool

  public init(
    source: String, destination: String, size: Int, createFullPath: Bool = false,
    force: Bool = false
  ) {
    self.source = source
    self.destination = destination
    self.size = size
    self.createFullPath = createFullPath
    self.force = force
  }
}
