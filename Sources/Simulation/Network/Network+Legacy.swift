import HVHostModel
import HVHypervisor
import HVSimKernel
import HVTrace

/// Frames on the Legacy Network Adapter: the guest's tulip driver talks to a DEC 21140 that
/// vmwp.exe emulates, so every CSR access is an I/O-port intercept with the full round trip
/// through the hypervisor, VID and the worker process (Linux `tulip_start_xmit`,
/// `tulip_interrupt`; facts in `docs/SIMULATION.md`, "Network").
///
/// Send: per frame the driver fills a transmit descriptor in memory (no exit) and writes CSR1,
/// *transmit poll demand* (one intercept); the device model reads the descriptor and the frame
/// from guest memory and hands the frame to the virtual switch. Every
/// ``Tulip/framesPerTransmitInterrupt`` frames, and at the end of a burst, the device raises its
/// interrupt and the driver's ISR reads and acknowledges CSR5, reads it again and reads CSR8
/// (four intercepts). Receive: per frame the switch hands the frame to the worker process, the
/// device model writes it into the next receive buffer and interrupts; the ISR's four intercepts
/// follow. **Model assumption**: received frames arrive far enough apart that each gets its own
/// interrupt (no coalescing).
extension Network {
  /// `tulip_up`: reset (CSR0), ring bases (CSR3, CSR4), start receive and transmit (CSR6) and
  /// enable interrupts (CSR7): five intercepts when the driver loads.
  package func initializeTulip(then next: @escaping Continuation) {
    guard adapter == .legacy else { return next() }
    let writes: [(UInt16, UInt32, Phrase)] = [
      (0, 1, "CSR0 bus mode: software reset"),
      (3, 0x0020_0000, "CSR3: receive descriptor list at 0x00200000"),
      (4, 0x0020_1000, "CSR4: transmit descriptor list at 0x00201000"),
      (6, Tulip.operationStart, "CSR6: start the receive and transmit processes (SR, ST)"),
      (
        7, Tulip.statusNIS | Tulip.statusTI | Tulip.statusTU | Tulip.statusRI,
        "CSR7: enable the interrupts"
      ),
    ]
    kernel.run(
      [
        { done in
          self.kernel.emit(
            .call, .guestKernel, .tulipDriver,
            "load \(self.words.tulipDriver) for the emulated DEC 21140 (Legacy Network Adapter)",
            cost: self.costs.kernelCall, then: done)
        }
      ]
        + writes.map { csr, value, what in
          { done in self.csrWrite(csr, value, what, then: done) }
        }
    ) {
      self.tulip.running = true
      next()
    }
  }

  private func csrWrite(
    _ csr: UInt16, _ value: UInt32, _ what: Phrase, then next: @escaping Continuation
  ) {
    let port = Tulip.csr(csr)
    let access = IOPortAccess(
      port: port, isWrite: true, bytes: 4,
      instruction:
        "OUTL \(DetailValue.hexString(UInt64(port), digits: 0)) ← \(DetailValue.hexString(UInt64(value), digits: 0))"
    )
    hypervisor.interceptIOPort(
      access, from: .tulipDriver, device: "emulated DEC 21140", emulationCost: costs.tulipEmulation,
      emulate: { what }, then: next)
  }

  private func csrRead(_ csr: UInt16, _ what: Phrase, then next: @escaping Continuation) {
    let port = Tulip.csr(csr)
    let access = IOPortAccess(
      port: port, isWrite: false, bytes: 4,
      instruction: "INL \(DetailValue.hexString(UInt64(port), digits: 0))")
    hypervisor.interceptIOPort(
      access, from: .tulipDriver, device: "emulated DEC 21140", emulationCost: costs.tulipEmulation,
      emulate: { what }, then: next)
  }

  func legacySend(count: Int, bytes: Int, then next: @escaping Continuation) {
    guard tulip.running else { return notReady("send", then: next) }
    let group = Tulip.framesPerTransmitInterrupt
    let groups = count / group
    let rest = count % group
    kernel.run(
      [
        { done in
          self.kernel.emit(
            .call, .guestApp, .tulipDriver,
            "send \(count) frame(s) of \(bytes) bytes through the Legacy Network Adapter",
            details: [.int("frames", count), .int("bytes", bytes)],
            cost: self.costs.userToKernel, then: done)
        },
        { done in
          self.kernel.loop(
            groups, "for each \(group) frames and their transmit interrupt", timers: true,
            fastForward: { skipped in self.advanceTransmit(skipped * group) },
            body: { _, iterationDone in
              self.transmitGroup(group, bytes: bytes, then: iterationDone)
            }, then: done)
        },
        { done in
          guard rest > 0 else { return done() }
          self.transmitGroup(rest, bytes: bytes, then: done)
        },
      ]
    ) {
      self.tulip.framesSent += count
      self.kernel.count(.framesSent, count)
      next()
    }
  }

  private func advanceTransmit(_ frames: Int) {
    tulip.transmitIndex = (tulip.transmitIndex + frames) % Tulip.transmitRing
  }

  private func advanceReceive(_ frames: Int) {
    tulip.receiveIndex = (tulip.receiveIndex + frames) % Tulip.receiveRing
  }

  /// `frames` frames, each a descriptor and a CSR1 write, then one transmit interrupt.
  private func transmitGroup(_ frames: Int, bytes: Int, then next: @escaping Continuation) {
    kernel.run(
      [
        { done in
          self.kernel.loop(
            frames, "for each frame", fastForward: { skipped in self.advanceTransmit(skipped) },
            body: { _, frameDone in self.transmitFrame(bytes: bytes, then: frameDone) },
            then: done)
        },
        { done in self.wire(frames, bytes: bytes, sending: true, then: done) },
        { done in
          self.interruptAndService(
            status: "TI: \(frames) frame(s) sent, their descriptors are the driver's again",
            then: done)
        },
      ], then: next)
  }

  private func transmitFrame(bytes: Int, then next: @escaping Continuation) {
    let index = tulip.transmitIndex
    kernel.run(
      [
        { done in
          self.kernel.emit(
            .stateNote, .tulipDriver, .tulipDriver,
            "\(self.words.tulipTransmit): fill TDES \(index) (buffer, length \(bytes), OWN = 1); no exit, it is guest memory",
            details: [.int("descriptor", index)], cost: self.costs.kernelCall, then: done)
        },
        { done in
          self.csrWrite(
            1, 0,
            "transmit poll demand: read TDES \(index) and the \(bytes)-byte frame from guest memory, clear OWN",
            then: done)
        },
        { done in
          self.advanceTransmit(1)
          self.kernel.count(.vswitchFrames)
          self.kernel.emit(
            .call, .vmwp, .vmswitch,
            "hand the frame to the VM's switch port (user → kernel)", bytes: bytes,
            cost: self.costs.userToKernel + self.costs.copy(bytes: bytes)
              + self.costs.vswitchPerFrame,
            then: done)
        },
      ], then: next)
  }

  func legacyReceive(count: Int, bytes: Int, then next: @escaping Continuation) {
    guard tulip.running else { return notReady("receive", then: next) }
    kernel.run(
      [
        { done in self.wire(count, bytes: bytes, sending: false, then: done) },
        { done in
          self.kernel.loop(
            count, "for each received frame", timers: true,
            fastForward: { skipped in self.advanceReceive(skipped) },
            body: { _, iterationDone in self.receiveFrame(bytes: bytes, then: iterationDone) },
            then: done)
        },
      ]
    ) {
      self.tulip.framesReceived += count
      self.kernel.count(.framesReceived, count)
      next()
    }
  }

  private func receiveFrame(bytes: Int, then next: @escaping Continuation) {
    let index = tulip.receiveIndex
    kernel.run(
      [
        { done in
          self.kernel.count(.vswitchFrames)
          self.kernel.emit(
            .call, .vmswitch, .vmwp,
            "the switch port hands a \(bytes)-byte frame to the worker process (kernel → user)",
            bytes: bytes,
            cost: self.costs.vswitchPerFrame + self.costs.kernelToUserDispatch, then: done)
        },
        { done in
          self.advanceReceive(1)
          self.kernel.emit(
            .stateNote, .vmwp, .vmwp,
            "21140 model: write the frame into the buffer of RDES \(index), clear OWN, set CSR5.RI",
            details: [.int("descriptor", index)], bytes: bytes,
            cost: self.costs.tulipEmulation + self.costs.copy(bytes: bytes), then: done)
        },
        { done in
          self.interruptAndService(
            status: "RI: a frame in RDES \(index); the driver passes it up the network stack",
            then: done)
        },
      ], then: next)
  }

  /// The device's interrupt and the driver's ISR (`tulip_interrupt`): read CSR5, acknowledge it,
  /// read it again to see that nothing is left, read CSR8 (missed frames).
  private func interruptAndService(status: Phrase, then next: @escaping Continuation) {
    kernel.run(
      [
        { done in
          self.hypervisor.assertDeviceInterrupt(irq: Tulip.irq, to: .tulipDriver, then: done)
        },
        { done in self.csrRead(5, "CSR5 = NIS | \(status)", then: done) },
        { done in
          self.csrWrite(
            5, Tulip.statusNIS | Tulip.statusTI | Tulip.statusRI | Tulip.statusTU,
            "acknowledge the status bits (write 1 to clear)", then: done)
        },
        { done in self.csrRead(5, "CSR5 = 0: nothing left to service", then: done) },
        { done in self.csrRead(8, "CSR8 = 0: no missed frames", then: done) },
      ], then: next)
  }
}
