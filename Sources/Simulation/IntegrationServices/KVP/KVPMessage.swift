import HVHostModel
import HVSimKernel
import HVVMBus

/// `hv_kvp_msg.kvp_hdr.operation` (fact sheet §4.7, Linux uapi `KVP_OP_*`).
public enum KVPOperation: UInt8, Sendable, Hashable, CaseIterable {
  case get = 0
  case set = 1
  case delete = 2
  case enumerate = 3
  case getIPInfo = 4
  case setIPInfo = 5

  public var identifier: String {
    switch self {
    case .get: return "KVP_OP_GET"
    case .set: return "KVP_OP_SET"
    case .delete: return "KVP_OP_DELETE"
    case .enumerate: return "KVP_OP_ENUMERATE"
    case .getIPInfo: return "KVP_OP_GET_IP_INFO"
    case .setIPInfo: return "KVP_OP_SET_IP_INFO"
    }
  }
}

/// `hv_kvp_msg.kvp_hdr.pool` (fact sheet §4.7): the guest keeps one store per pool (Linux
/// `.kvp_pool_0` … `.kvp_pool_4`).
public enum KVPPool: UInt8, Sendable, Hashable, CaseIterable {
  /// Data the host gives the guest.
  case external = 0
  /// Data the guest publishes for the host.
  case guest = 1
  /// Intrinsic data the guest publishes about itself (OS, addresses, IS version).
  case auto = 2
  /// Host-provided intrinsic data (host name, VM name).
  case autoExternal = 3
  case autoInternal = 4

  public var identifier: String {
    switch self {
    case .external: return "KVP_POOL_EXTERNAL"
    case .guest: return "KVP_POOL_GUEST"
    case .auto: return "KVP_POOL_AUTO"
    case .autoExternal: return "KVP_POOL_AUTO_EXTERNAL"
    case .autoInternal: return "KVP_POOL_AUTO_INTERNAL"
    }
  }

  /// Where a Windows guest keeps the pool: a key under `HKLM\\SOFTWARE\\Microsoft\\Virtual Machine`
  /// (fact sheet §4.7: `Auto` and `Guest\\Parameters` are documented; the mapping of each pool to
  /// its key, and `AutoInternal`'s, are UNCONFIRMED, the model's choice).
  public var windowsRegistryKey: String {
    let root = "HKLM\\SOFTWARE\\Microsoft\\Virtual Machine\\"
    switch self {
    case .external: return root + "External"
    case .guest: return root + "Guest"
    case .auto: return root + "Auto"
    case .autoExternal: return root + "Guest\\Parameters"
    case .autoInternal: return root + "AutoInternal"
    }
  }

  /// The scenario-file name (contract §1): `external`, `guest`, `auto`, `auto-external`.
  public var scenarioName: String {
    switch self {
    case .external: return "external"
    case .guest: return "guest"
    case .auto: return "auto"
    case .autoExternal: return "auto-external"
    case .autoInternal: return "auto-internal"
    }
  }
}

/// Sizes and limits of the KVP wire format (fact sheet §4.7, Linux uapi).
public enum KVPModel {
  /// `HV_KVP_EXCHANGE_MAX_KEY_SIZE`: 512 bytes of UTF-16 including the terminating NUL.
  public static let maximumKeyBytes = 512
  /// `HV_KVP_EXCHANGE_MAX_VALUE_SIZE`: 2048 bytes of UTF-16 including the terminating NUL.
  public static let maximumValueBytes = 2048
  /// `hv_kvp_msg` header: operation u8, pool u8, pad u16.
  public static let headerSize = 4
  /// `hv_kvp_exchg_msg_value`: value_type, key_size, value_size (u32 each), key[512], value[2048].
  public static let exchangeValueSize = 12 + maximumKeyBytes + maximumValueBytes
  /// `REG_SZ`: every value the model exchanges is a string ([IS]: "keys and values are strings").
  public static let regSZ = 1

  /// Bytes a string takes on the wire: UTF-16 code units plus the NUL, two bytes each.
  public static func wireBytes(_ text: String) -> Int { (text.utf16.count + 1) * 2 }
}

/// One KVP request or answer. Model assumption: the host sends the header and the union member its
/// operation uses (`kvp_set`/`kvp_get` the exchange value, `kvp_delete` key_size + key,
/// `kvp_enum_data` index + exchange value).
public struct KVPMessage: Sendable, Hashable {
  public var operation: KVPOperation
  public var pool: KVPPool
  public var key: String
  public var value: String
  /// `kvp_enum_data.index` for ENUMERATE.
  public var index: Int

  public init(
    operation: KVPOperation, pool: KVPPool, key: String = "", value: String = "", index: Int = 0
  ) {
    self.operation = operation
    self.pool = pool
    self.key = key
    self.value = value
    self.index = index
  }

  public var size: Int {
    switch operation {
    case .delete: return KVPModel.headerSize + 4 + KVPModel.maximumKeyBytes
    case .enumerate: return KVPModel.headerSize + 4 + KVPModel.exchangeValueSize
    default: return KVPModel.headerSize + KVPModel.exchangeValueSize
    }
  }
}
