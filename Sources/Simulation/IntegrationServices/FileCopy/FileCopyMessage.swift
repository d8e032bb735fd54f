import HVHostModel
import HVSimKernel
import HVVMBus

/// `hv_fcopy_hdr.operation` (fact sheet §4.9, Linux uapi).
public enum FileCopyOperation: UInt32, Sendable, Hashable, CaseIterable {
  case startFileCopy = 0
  case writeToFile = 1
  case completeFcopy = 2
  case cancelFcopy = 3

  public var identifier: String {
    switch self {
    case .startFileCopy: return "START_FILE_COPY"
    case .writeToFile: return "WRITE_TO_FILE"
    case .completeFcopy: return "COMPLETE_FCOPY"
    case .cancelFcopy: return "CANCEL_FCOPY"
    }
  }
}

/// `hv_start_fcopy.copy_flags`: OVER_WRITE 0x1, CREATE_PATH 0x2 (fact sheet §4.9).
public struct FileCopyFlags: OptionSet, Sendable, Hashable, CustomStringConvertible {
  public let rawValue: UInt32
  public init(rawValue: UInt32) { self.rawValue = rawValue }

  public static let overWrite = FileCopyFlags(rawValue: 0x1)
  public static let createPath = FileCopyFlags(rawValue: 0x2)

  /// `OVER_WRITE|CREATE_PATH`, or `0` when no flag is set.
  public var description: String {
    var names: [String] = []
    if contains(.overWrite) { names.append("OVER_WRITE") }
    if contains(.createPath) { names.append("CREATE_PATH") }
    return names.isEmpty ? "0" : names.joined(separator: "|")
  }
}

/// One fcopy message: `hv_start_fcopy`, `hv_do_fcopy` or a bare `hv_fcopy_hdr` (fact sheet §4.9).
public struct FileCopyMessage: Sendable, Hashable {
  public var operation: FileCopyOperation
  /// `file_name` (UTF-16, at most `W_MAX_PATH` = 260 with the NUL).
  public var fileName: String
  /// `path_name`: the destination folder.
  public var pathName: String
  public var flags: FileCopyFlags
  public var fileSize: UInt64
  /// `hv_do_fcopy.offset` and `size` of a fragment.
  public var offset: UInt64
  public var fragmentSize: Int

  public init(
    operation: FileCopyOperation, fileName: String = "", pathName: String = "",
    flags: FileCopyFlags = [], fileSize: UInt64 = 0, offset: UInt64 = 0, fragmentSize: Int = 0
  ) {
    self.operation = operation
    self.fileName = fileName
    self.pathName = pathName
    self.flags = flags
    self.fileSize = fileSize
    self.offset = offset
    self.fragmentSize = fragmentSize
  }

  /// Packed sizes: header 36 (operation u32 + two unused GUIDs); start 36 + 2 × 520 + 4 + 8;
  /// data 36 + pad 4 + offset 8 + size 4 + 6144.
  public var size: Int {
    switch operation {
    case .startFileCopy: return FileCopyModel.headerSize + 2 * 2 * FileCopyModel.maximumPath + 4 + 8
    case .writeToFile: return FileCopyModel.headerSize + 4 + 8 + 4 + FileCopyModel.fragmentSize
    case .completeFcopy, .cancelFcopy: return FileCopyModel.headerSize
    }
  }
}

/// Constants of the file-copy model.
public enum FileCopyModel {
  /// `DATA_FRAGMENT` = 6 × 1024 bytes (fact sheet §4.9: not 6 × 4096).
  public static let fragmentSize = 6 * 1024
  /// `W_MAX_PATH` = 260 UTF-16 characters, NUL included.
  public static let maximumPath = 260
  /// sizeof(struct hv_fcopy_hdr).
  public static let headerSize = 36
}
