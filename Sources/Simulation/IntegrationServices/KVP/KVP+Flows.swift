import HVHostModel
import HVSimKernel
import HVStorage
import HVTrace
import HVVMBus

/// Data Exchange (KVP, fact sheet §4.7): the host's GET, SET, DELETE and ENUMERATE on the guest's
/// pools, one transaction at a time; the guest's `hv_kvp_daemon` does the work.
///
/// Model assumptions: the host checks the wire limits (512-byte key, 2048-byte value, UTF-16 with
/// the NUL) before sending and fails the operation with `HV_INVALIDARG` (0x80070057) — the
/// message format cannot carry more, and the sources give no host-side error text; the daemon
/// answers a missing key or the end of an enumeration with `HV_S_CONT` (0x80070103), which ends
/// the host's enumeration.
extension IntegrationServices {
  package func kvpStep(_ request: KVPRequest, then next: @escaping Continuation) {
    let operation = request.operation
    let pool = request.pool
    var what = "\(operation.identifier) in \(pool.identifier)"
    if operation != .enumerate { what += ", key '\(Self.shorten(request.key))'" }
    if operation == .set { what += " = '\(Self.shorten(request.value))'" }
    kernel.emit(
      .stateNote, .vmms, .vmms, "KVP request from the host: \(what)", cost: costs.componentWork
    ) {
      if let problem = Self.kvpLimitProblem(request) {
        return self.hostRefuses(
          .vmms, "The KVP request", because: "\(problem): \(ICStatus.invalidArgument.text)",
          then: next)
      }
      if let reason = self.unavailability(.dataExchange) {
        return self.hostRefuses(.vmms, "The KVP request", because: reason, then: next)
      }
      self.kernel.emit(
        .call, .vmms, .kvpHost, "pass it to the Data Exchange component",
        cost: self.costs.componentWork
      ) {
        if operation == .enumerate {
          self.enumerate(pool, index: 0, found: [], then: next)
        } else {
          let message = KVPMessage(
            operation: operation, pool: pool, key: request.key, value: request.value)
          self.kvpExchange(message) { answer in self.kvpResult(message, answer, then: next) }
        }
      }
    }
  }

  /// Why a request breaks the wire limits, or nil.
  static func kvpLimitProblem(_ request: KVPRequest) -> Phrase? {
    let key = KVPModel.wireBytes(request.key)
    if key > KVPModel.maximumKeyBytes {
      return
        "the key takes \(key) bytes in UTF-16 with its NUL, more than HV_KVP_EXCHANGE_MAX_KEY_SIZE (\(KVPModel.maximumKeyBytes))"
    }
    let value = KVPModel.wireBytes(request.value)
    if request.operation == .set, value > KVPModel.maximumValueBytes {
      return
        "the value takes \(value) bytes in UTF-16 with its NUL, more than HV_KVP_EXCHANGE_MAX_VALUE_SIZE (\(KVPModel.maximumValueBytes))"
    }
    return nil
  }

  static func shorten(_ text: String) -> String {
    text.count <= 40 ? text : String(text.prefix(37)) + "… (\(text.count) characters)"
  }

  /// One KVP transaction.
  func kvpExchange(_ message: KVPMessage, then next: @escaping (ICMessage?) -> Void) {
    var details: [Detail] = [.int("pool", Int(message.pool.rawValue))]
    if message.operation == .enumerate {
      details.append(.int("index", message.index))
    } else {
      details.append(.int("key_size", KVPModel.wireBytes(message.key)))
    }
    if message.operation == .set {
      details.append(.int("value_size", KVPModel.wireBytes(message.value)))
    }
    let what: Phrase =
      message.operation == .enumerate
      ? "\(message.pool.identifier) index \(message.index)"
      : "\(message.pool.identifier) '\(Self.shorten(message.key))'"
    icRequest(
      .dataExchange, .kvp(message), size: message.size, what, details: details,
      handler: { request, answer in self.answerKVP(request, then: answer) }, then: next)
  }

  /// Host side of the answer: what `Get-VMIntegrationService`'s KVP consumers would see.
  private func kvpResult(
    _ message: KVPMessage, _ answer: ICMessage?, then next: @escaping Continuation
  ) {
    guard let answer else { return next() }
    let status = answer.header.status
    var text: Phrase
    switch (message.operation, status) {
    case (.get, .ok):
      let value = answer.payload.kvpValue ?? ""
      text = "'\(Self.shorten(message.key))' = '\(Self.shorten(value))'"
    case (.set, .ok): text = "'\(Self.shorten(message.key))' stored"
    case (.delete, .ok): text = "'\(Self.shorten(message.key))' deleted"
    default: text = "'\(Self.shorten(message.key))' not found: \(status.text)"
    }
    if status != .ok {
      kernel.log(
        source: ICModel.logSource,
        message:
          "KVP \(message.operation.identifier) of '\(Self.shorten(message.key))' in \(message.pool.identifier) on '\(vmName)' failed: \(status.text)."
      )
    }
    kernel.emit(
      .return, .kvpHost, .vmms, "KVP result: \(text)", cost: costs.componentWork, then: next)
  }

  /// ENUMERATE index 0, 1, … until the guest answers with an error (fact sheet §4.7).
  private func enumerate(
    _ pool: KVPPool, index: Int, found: [KVPItem], then next: @escaping Continuation
  ) {
    kvpExchange(KVPMessage(operation: .enumerate, pool: pool, index: index)) { answer in
      guard let answer else { return next() }
      guard answer.header.status == .ok, case .kvp(let record) = answer.payload else {
        let list = found.map { "\($0.key)=\(Self.shorten($0.value))" }
        self.kernel.emit(
          .return, .kvpHost, .vmms,
          "\(answer.header.status.identifier) at index \(index): \(pool.identifier) holds \(found.count) item(s)",
          details: list.isEmpty ? [] : [.text("items", list.joined(separator: "; "))],
          cost: self.costs.componentWork, then: next)
        return
      }
      self.enumerate(
        pool, index: index + 1, found: found + [KVPItem(key: record.key, value: record.value)],
        then: next)
    }
  }

  /// `hv_kvp_onchannelcallback` → `hv_kvp_daemon`: the pool operation, then the answer.
  func answerKVP(_ request: ICMessage, then answer: @escaping (ICMessage) -> Void) {
    guard case .kvp(let message) = request.payload else {
      return answer(request.response(status: .fail))
    }
    var reply = message
    daemonRoundTrip(
      .dataExchange, message.operation.identifier,
      work: {
        let names = self.kvpWords(message.pool)
        let key = Self.shorten(message.key)
        let cost = self.costs.daemonWork
        switch message.operation {
        case .set:
          self.kvpStore.set(message.key, message.value, in: message.pool)
          return ("\(names.set): '\(key)' written to \(names.store)", .ok, [], cost)
        case .get:
          guard let value = self.kvpStore.value(message.key, in: message.pool) else {
            return ("\(names.get): no '\(key)' in \(names.store)", .cont, [], cost)
          }
          reply.value = value
          return ("\(names.get): '\(key)' = '\(Self.shorten(value))'", .ok, [], cost)
        case .delete:
          let deleted = self.kvpStore.delete(message.key, in: message.pool)
          return deleted
            ? ("\(names.delete): '\(key)' removed from \(names.store)", .ok, [], cost)
            : ("\(names.delete): no '\(key)' in \(names.store)", .cont, [], cost)
        case .enumerate:
          guard let item = self.kvpStore.item(at: message.index, in: message.pool) else {
            return ("index \(message.index): past the last item of \(names.store)", .cont, [], cost)
          }
          reply.key = item.key
          reply.value = item.value
          return (
            "index \(message.index): \(item.key) = \(Self.shorten(item.value))", .ok, [], cost
          )
        case .getIPInfo, .setIPInfo:
          return ("IP injection is not modelled", .notSupported, [], cost)
        }
      }
    ) { status in answer(request.response(status: status, payload: .kvp(reply))) }
  }
}

extension IntegrationServices {
  /// Where the guest keeps a pool and what it calls to change it: `hv_kvp_daemon`'s functions and
  /// its pool file, or the registry functions a Windows service calls on the pool's key.
  func kvpWords(_ pool: KVPPool) -> (store: String, set: String, get: String, delete: String) {
    guestOS.isWindows
      ? (pool.windowsRegistryKey, "RegSetValueEx()", "RegQueryValueEx()", "RegDeleteValue()")
      : (
        ".kvp_pool_\(pool.rawValue)", "kvp_key_add_or_modify()", "kvp_get_value()",
        "kvp_key_delete()"
      )
  }
}

extension ICPayload {
  /// The value of a KVP answer.
  var kvpValue: String? {
    if case .kvp(let message) = self { return message.value }
    return nil
  }
}
