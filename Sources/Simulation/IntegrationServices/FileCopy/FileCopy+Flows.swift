import HVHostModel
import HVSimKernel
import HVStorage
import HVTrace
import HVVMBus

/// `Copy-VMFile … -FileSource Host` through the Guest Service Interface (fact sheet §4.9):
/// START_FILE_COPY (name, folder, flags, size), WRITE_TO_FILE fragments of 6144 bytes,
/// COMPLETE_FCOPY; the guest's fcopy daemon creates and writes the file.
///
/// Model assumptions: `-Force` maps to OVER_WRITE (UNCONFIRMED); a folder that does not exist
/// without CREATE_PATH fails with HV_E_FAIL (the daemon's default error); a fragment that does not
/// fit on the guest's disk fails with HV_ERROR_DISK_FULL and the host cancels the copy
/// (CANCEL_FCOPY), which removes the partial file (the older daemon's behaviour, UNCONFIRMED).
extension IntegrationServices {
  package func copyFile(_ request: CopyFileRequest, then next: @escaping Continuation) {
    var command =
      "Copy-VMFile -Name \(vmName) -SourcePath '\(request.source)' -DestinationPath '\(request.destination)' -FileSource Host"
    if request.createFullPath { command += " -CreateFullPath" }
    if request.force { command += " -Force" }
    kernel.emit(.stateNote, .vmms, .vmms, .verbatim(command), cost: costs.componentWork) {
      if let reason = self.unavailability(.guestServices) {
        return self.hostRefuses(.vmms, "Copy-VMFile", because: reason, then: next)
      }
      let target = self.guestFiles.target(source: request.source, destination: request.destination)
      var flags: FileCopyFlags = []
      if request.force { flags.insert(.overWrite) }
      if request.createFullPath { flags.insert(.createPath) }
      let fragments = (request.size + FileCopyModel.fragmentSize - 1) / FileCopyModel.fragmentSize
      self.kernel.emit(
        .call, .vmms, .fcopyHost,
        "copy \(request.size) bytes to \(self.guestFiles.join(target.folder, target.name)) in \(fragments) fragment(s) of at most \(FileCopyModel.fragmentSize) bytes",
        cost: self.costs.componentWork
      ) {
        let start = FileCopyMessage(
          operation: .startFileCopy, fileName: target.name, pathName: target.folder, flags: flags,
          fileSize: UInt64(request.size))
        self.fcopyExchange(start) { status in
          guard status == .ok else {
            return self.copyFailed(request, "START_FILE_COPY", status, then: next)
          }
          self.sendFragments(
            request, path: self.guestFiles.join(target.folder, target.name), then: next)
        }
      }
    }
  }

  /// The file's bytes in fragments: a compressed repeat of the full ones (cut where a heartbeat
  /// comes due), then the last, partial one; a fragment that does not fit ends the copy.
  private func sendFragments(
    _ request: CopyFileRequest, path: String, then next: @escaping Continuation
  ) {
    let size = FileCopyModel.fragmentSize
    let full = request.size / size
    let rest = request.size % size
    let fitting = min(full, guestFiles.freeBytes / size)
    kernel.run(
      [
        { done in
          self.kernel.loop(
            fitting, "for each WRITE_TO_FILE fragment of \(size) bytes", timers: true,
            fastForward: { skipped in self.fastForwardFragments(skipped, path: path) },
            body: { index, iterationDone in
              self.writeFragment(offset: index * size, size: size) { _ in iterationDone() }
            }, then: done)
        },
        { done in
          let failing = fitting < full
          guard failing || rest > 0 else { return done() }
          self.writeFragment(offset: fitting * size, size: failing ? size : rest) { status in
            guard status == .ok else {
              return self.cancelCopy(request, path: path, status: status, then: next)
            }
            done()
          }
        },
        { done in
          self.fcopyExchange(FileCopyMessage(operation: .completeFcopy)) { status in
            guard status == .ok else {
              return self.copyFailed(request, "COMPLETE_FCOPY", status, then: next)
            }
            self.kernel.log(
              source: "Hyper-V-VMMS",
              message:
                "Copy-VMFile copied '\(request.source)' to '\(path)' in '\(self.vmName)' (\(request.size) bytes)."
            )
            self.kernel.emit(
              .return, .fcopyHost, .vmms, "Copy-VMFile done: \(request.size) bytes in \(path)",
              cost: self.costs.componentWork, then: done)
          }
        },
      ], then: next)
  }

  private func writeFragment(offset: Int, size: Int, then next: @escaping (ICStatus?) -> Void) {
    fcopyExchange(
      FileCopyMessage(operation: .writeToFile, offset: UInt64(offset), fragmentSize: size),
      then: next)
  }

  /// Skipped fragments: written by the daemon, both rings passed through.
  private func fastForwardFragments(_ count: Int, path: String) {
    guard let relid = ic(.guestServices).relid else { return }
    let message = requestMessage(
      .guestServices, type: .fcopy, payload: .fcopy(FileCopyMessage(operation: .writeToFile)),
      size: FileCopyMessage(operation: .writeToFile).size, requestID: 0)
    let bytes = icPacket(message, requestID: 0).ringBytes
    bus.fastForwardPassThrough(relid, fromGuest: false, packetBytes: bytes, count: count)
    bus.fastForwardPassThrough(relid, fromGuest: true, packetBytes: bytes, count: count)
    updateIC(.guestServices) { $0.nextRequestID += UInt64(count) }
    _ = guestFiles.append(count * FileCopyModel.fragmentSize, to: path)
  }

  /// One fcopy transaction; nil when the guest did not answer.
  private func fcopyExchange(_ message: FileCopyMessage, then next: @escaping (ICStatus?) -> Void) {
    var details: [Detail] = [.int("operation", Int(message.operation.rawValue))]
    var what: Phrase = .verbatim(message.operation.identifier)
    switch message.operation {
    case .startFileCopy:
      details += [
        .text("file_name", message.fileName), .text("path_name", message.pathName),
        .hex("copy_flags", UInt64(message.flags.rawValue), digits: 1),
        .int("file_size", Int(message.fileSize)),
      ]
      what =
        "\(message.operation.identifier) \(guestFiles.join(message.pathName, message.fileName)), \(message.fileSize) bytes"
    case .writeToFile:
      details += [.int("offset", Int(message.offset)), .int("size", message.fragmentSize)]
      what =
        "\(message.operation.identifier) offset \(message.offset), \(message.fragmentSize) bytes"
    default:
      break
    }
    icRequest(
      .guestServices, .fcopy(message), size: message.size, what, details: details,
      handler: { request, answer in self.answerFileCopy(request, then: answer) }
    ) { answer in next(answer?.header.status) }
  }

  /// The fcopy daemon's side: the checks of START_FILE_COPY, `pwrite` of each fragment, close.
  func answerFileCopy(_ request: ICMessage, then answer: @escaping (ICMessage) -> Void) {
    guard case .fcopy(let message) = request.payload else {
      return answer(request.response(status: .fail))
    }
    daemonRoundTrip(
      .guestServices, message.operation.identifier,
      work: {
        let cost = self.costs.daemonWork
        switch message.operation {
        case .startFileCopy: return self.startCopy(message, cost: cost)
        case .writeToFile:
          guard let path = self.copyTarget, self.guestFiles.append(message.fragmentSize, to: path)
          else {
            return (
              "\(self.words.fileWrite) at offset \(message.offset): no space left on the guest's disk", .diskFull,
              [], cost
            )
          }
          return (
            "\(self.words.fileWrite) \(message.fragmentSize) bytes at offset \(message.offset) of \(path)", .ok,
            [], cost
          )
        case .completeFcopy:
          let path = self.copyTarget ?? "?"
          self.copyTarget = nil
          return ("\(self.words.fileClose): \(path) is complete", .ok, [], cost)
        case .cancelFcopy:
          if let path = self.copyTarget { self.guestFiles.remove(path) }
          let path = self.copyTarget ?? "?"
          self.copyTarget = nil
          return ("cancel: close and delete the partial \(path)", .ok, [], cost)
        }
      }
    ) { status in answer(request.response(status: status)) }
  }

  private func startCopy(_ message: FileCopyMessage, cost: Int) -> (
    label: Phrase, status: ICStatus, details: [Detail], cost: Int
  ) {
    let path = guestFiles.join(message.pathName, message.fileName)
    var notes: [Phrase] = []
    if !guestFiles.isDirectory(message.pathName) {
      guard message.flags.contains(.createPath) else {
        return (
          "\(message.pathName) does not exist and CREATE_PATH is not set: invalid path", .fail, [],
          cost
        )
      }
      let created = guestFiles.createDirectories(message.pathName)
      notes.append("created \(created.joined(separator: ", "))")
    }
    if guestFiles.fileExists(path) {
      guard message.flags.contains(.overWrite) else {
        return ("\(path) exists and OVER_WRITE is not set", .alreadyExists, [], cost)
      }
      notes.append("\(path) exists: OVER_WRITE replaces it")
    }
    guestFiles.createEmpty(path)
    copyTarget = path
    notes.append(.verbatim(words.fileCreate(path)))
    return (Phrase.joined(notes, separator: "; "), .ok, [], cost)
  }

  private func cancelCopy(
    _ request: CopyFileRequest, path: String, status: ICStatus?, then next: @escaping Continuation
  ) {
    guard status != nil else { return copyFailed(request, "WRITE_TO_FILE", status, then: next) }
    fcopyExchange(FileCopyMessage(operation: .cancelFcopy)) { _ in
      self.copyFailed(request, "WRITE_TO_FILE", status, then: next)
    }
  }

  private func copyFailed(
    _ request: CopyFileRequest, _ step: String, _ status: ICStatus?,
    then next: @escaping Continuation
  ) {
    let why = status?.text ?? "no answer from the guest"
    kernel.log(
      source: "Hyper-V-VMMS",
      message:
        "Copy-VMFile of '\(request.source)' to '\(request.destination)' in '\(vmName)' failed at \(step): \(why)."
    )
    kernel.emit(
      .return, .fcopyHost, .vmms, "Copy-VMFile fails at \(step): \(why)", cost: costs.componentWork,
      then: next)
  }
}
