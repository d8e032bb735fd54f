import Foundation
import HVDiagnostics

/// A problem that stops a command after its arguments were fine (a file exists, a folder is
/// missing): printed as `Error: …` without the usage text that argument mistakes get. Paths in
/// the message may come from the author's file names, so control characters are escaped.
struct CommandFailure: Error, CustomStringConvertible {
  var description: String

  init(_ description: String) {
    self.description = TerminalText.escaped(description)
  }

  /// A file-system error in words: `cannot write Site/en: No space left on device`, not the raw
  /// `NSCocoaErrorDomain` text Foundation gives.
  init(_ action: String, _ path: String, _ error: any Error) {
    self.init("cannot \(action) \(path): \(FileSystemError.reason(error))")
  }
}

/// What a Foundation or POSIX file error means, in the words `strerror` uses.
enum FileSystemError {
  static func reason(_ error: any Error) -> String {
    let nsError = error as NSError
    if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError,
      underlying.domain == NSPOSIXErrorDomain
    {
      return String(cString: strerror(Int32(underlying.code)))
    }
    if nsError.domain == NSPOSIXErrorDomain {
      return String(cString: strerror(Int32(nsError.code)))
    }
    if let posix = error as? POSIXError { return String(cString: strerror(posix.code.rawValue)) }
    switch CocoaError.Code(rawValue: nsError.code) {
    case .fileNoSuchFile, .fileReadNoSuchFile: return "No such file or directory"
    case .fileReadNoPermission, .fileWriteNoPermission: return "Permission denied"
    case .fileWriteOutOfSpace: return "No space left on device"
    case .fileWriteFileExists: return "File exists"
    case .fileWriteVolumeReadOnly: return "Read-only file system"
    default: return nsError.localizedFailureReason ?? nsError.localizedDescription
    }
  }

  /// The current `errno` in words.
  static var current: String { String(cString: strerror(errno)) }
}
