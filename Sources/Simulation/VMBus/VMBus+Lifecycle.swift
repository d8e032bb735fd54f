import HVHostModel
import HVSimKernel
import HVTrace

/// The VMBus channel life cycle, fact sheet §3.2: contact, offers, GPADL, open, close, rescind,
/// unload. Integration Services will be further channels offered here, opened the same way.
extension VMBus {
  /// `vmbus_connect`: INITIATE_CONTACT with the guest's highest version, then each lower one until
  /// VERSION_RESPONSE says `version_supported = 1` (fact sheet §3.2 item 2).
  package func vmbusConnect(then next: @escaping Continuation) {
    guest.connection = .connecting
    tryVersion(0, then: next)
  }

  private func tryVersion(_ index: Int, then next: @escaping Continuation) {
    let versions = VMBusVersion.preferenceOrder(of: guestOS)
    guard index < versions.count else {
      kernel.report(.noCommonVMBusVersion, "no common VMBus version with the host")
      guest.connection = .disconnected
      next()
      return
    }
    let version = versions[index]
    let connection =
      version.usesMessageConnection4 ? VMBusConnectionID.message4 : VMBusConnectionID.message
    // A host at 4.0 or lower has no message connection 4: the post itself fails and the host never
    // sees the request (fact sheet §9.3, Linux `vmbus_post_msg`).
    if version.usesMessageConnection4 && !hostMaximum.usesMessageConnection4 {
      return contactRefusedByHypervisor(version, connection: connection) {
        self.tryVersion(index + 1, then: next)
      }
    }
    postMessage(
      .initiateContact,
      "INITIATE_CONTACT: the guest asks for VMBus \(version) (\(version.linuxName))",
      details: [
        .hex("vmbus_version_requested", UInt64(version.wireValue), digits: 8),
        .int("target_vcpu", 0),
      ], connectionID: connection
    ) {
      let hostMaximum = self.hostMaximum
      let accepted = version <= hostMaximum
      var details: [Detail] = [.int("version_supported", accepted ? 1 : 0)]
      if accepted {
        self.host.phase = .connected
        self.host.version = version
        // Model assumption: for ≥ 5.0 the host names connection id 4 as msg_conn_id.
        if version.usesMessageConnection4 {
          details.append(.int("msg_conn_id", Int(VMBusConnectionID.message4)))
        }
      }
      let verdict: Phrase =
        accepted
        ? "VERSION_RESPONSE: \(version) accepted"
        : "VERSION_RESPONSE: \(version) not supported (host maximum \(hostMaximum))"
      self.postMessage(.versionResponse, verdict, details: details) {
        guard accepted else {
          self.tryVersion(index + 1, then: next)
          return
        }
        self.guest.connection = .connected
        self.guest.version = version
        self.guest.messageConnectionID =
          version.usesMessageConnection4 ? VMBusConnectionID.message4 : VMBusConnectionID.message
        next()
      }
    }
  }

  /// `vmbus_post_msg` of a 5.x INITIATE_CONTACT on an old host: `HvCallPostMessage` returns
  /// `HV_STATUS_INVALID_CONNECTION_ID`, Linux returns `-EINVAL` at once (no retry for this
  /// message type) and `vmbus_negotiate_version` moves on to the next version.
  private func contactRefusedByHypervisor(
    _ version: VMBusVersion, connection: UInt32, then next: @escaping Continuation
  ) {
    kernel.run(
      [
        { done in
          self.hypervisor.hypercall(
            .postMessage, from: .vmbusGuest,
            "post \(ChannelMessageType.initiateContact.identifier) for VMBus \(version) to connection \(connection): the host has no such connection",
            details: [
              .int("connection_id", Int(connection)),
              .int("msgtype", Int(ChannelMessageType.initiateContact.rawValue)),
              .hex("vmbus_version_requested", UInt64(version.wireValue), digits: 8),
            ], status: .invalidConnectionID, then: done)
        },
        { done in
          self.kernel.emit(
            .stateNote, .vmbusGuest, .vmbusGuest,
            "\(self.words.contactPostFails): no answer will come for \(version.linuxName); try the next version",
            message: ChannelMessageType.initiateContact.identifier,
            details: self.guestOS.isWindows ? [] : [.int("errno", -22)],
            cost: self.costs.kernelCall, then: done)
        },
      ], then: next)
  }

  /// REQUESTOFFERS, one OFFERCHANNEL per device with its class GUID, ALLOFFERS_DELIVERED
  /// (fact sheet §3.2 item 4). The host decides which devices exist and offers each through
  /// `offer` (which ends in ``offer(_:instanceID:then:)``).
  package func requestOffers(
    _ devices: [VMBusDeviceClass],
    offer: @escaping (VMBusDeviceClass, @escaping Continuation) -> Void,
    then next: @escaping Continuation
  ) {
    postMessage(.requestOffers, "REQUESTOFFERS: the guest asks for the host's devices") {
      let offers: [Action] = devices.map { device in
        { done in offer(device, done) }
      }
      self.kernel.run(offers) {
        self.postMessage(
          .allOffersDelivered,
          "ALLOFFERS_DELIVERED: \(devices.count) offer(s) sent"
        ) {
          self.guest.allOffersDelivered = true
          next()
        }
      }
    }
  }

  /// The relid the next offer gets.
  package var nextRelid: UInt32 { host.nextRelid }

  /// A device's own instance id, drawn from VMBus's stream.
  package func drawInstanceID() -> GUID { GUID.random(using: random) }

  /// OFFERCHANNEL for one device, with relid ``nextRelid``.
  package func offer(
    _ device: VMBusDeviceClass, instanceID instance: GUID, then next: @escaping Continuation
  ) {
    let relid = host.nextRelid
    host.nextRelid += 1
    var offer = ChannelOffer(
      relid: relid, deviceClass: device, instanceID: instance, connectionID: 0x2000 + relid)
    if device.usesMonitorPage {
      offer.monitorAllocated = true
      offer.monitorID = host.nextMonitorID
      host.nextMonitorID += 1
    }
    var monitor: [Detail] = [.int("monitor_allocated", offer.monitorAllocated ? 1 : 0)]
    if offer.monitorAllocated { monitor.append(.int("monitorid", Int(offer.monitorID))) }
    precondition(channels.count == Int(relid) - 1, "relids are dense and start at 1")
    channels.append(VMBusChannel(offer: offer))
    postMessage(
      .offerChannel,
      "OFFERCHANNEL relid \(relid): \(device.displayName), class {\(device.classID)}",
      details: [
        .int("child_relid", Int(relid)), .text("if_type", device.classID.description),
        .text("if_instance", offer.instanceID.description),
        .hex("connection_id", UInt64(offer.connectionID), digits: 4),
      ] + monitor
    ) {
      self.guest.offersReceived += 1
      next()
    }
  }

  /// A driver binds the offer: `CHANNEL_OFFER_STATE` → `CHANNEL_OPEN_STATE` (ready to open).
  package func bindDriver(relid: UInt32) {
    channels[Int(relid) - 1].state = .open
  }

  /// `__vmbus_open`: both rings in one allocation described by one GPADL (GPADL_HEADER, BODY…,
  /// CREATED), then OPENCHANNEL / OPENCHANNEL_RESULT (fact sheet §3.2 item 6).
  /// - Parameter ringPages: pages per direction, header page included.
  package func openChannel(relid: UInt32, ringPages: Int, then next: @escaping Continuation) {
    let index = Int(relid) - 1
    if channels[index].state != .open || channels[index].rescinded {
      kernel.report(
        .channelStateMismatch, "open of relid \(relid) in state \(channels[index].state.rawValue)")
    }
    channels[index].state = .opening
    channels[index].openID = relid
    let handle = guest.nextGPADLHandle
    guest.nextGPADLHandle += 1
    let firstPFN = gpaBase + UInt64(index) * 0x1000
    let gpadl = GPADL(handle: handle, relid: relid, pageCount: 2 * ringPages, firstPFN: firstPFN)
    channels[index].gpadl = gpadl
    channels[index].outbound = RingBuffer(pages: ringPages)
    channels[index].inbound = RingBuffer(pages: ringPages)
    kernel.run(
      [
        { done in
          self.sendGPADL(gpadl, naming: "ring pages") {
            self.channels[index].gpadl?.state = .created
            done()
          }
        },
        { done in
          self.channels[index].hostState = .opening
          self.postMessage(
            .openChannel, "OPENCHANNEL relid \(relid) with the ring GPADL",
            details: [
              .int("child_relid", Int(relid)), .int("openid", Int(relid)),
              .hex("ringbuffer_gpadlhandle", UInt64(handle), digits: 5), .int("target_vp", 0),
              .int("downstream_ringbuffer_pageoffset", ringPages),
            ], then: done)
        },
        { done in
          self.channels[index].hostState = .open
          self.postMessage(
            .openChannelResult, "OPENCHANNEL_RESULT relid \(relid): status 0",
            details: [
              .int("child_relid", Int(relid)), .int("openid", Int(relid)), .int("status", 0),
            ]
          ) {
            self.channels[index].state = .opened
            done()
          }
        },
      ], then: next)
  }

  /// A further GPADL on an open channel, for a buffer the guest shares with the host besides the
  /// rings (netvsc's receive and send buffers): GPADL_HEADER, BODY…, CREATED.
  /// - Returns (through `next`): the GPADL's handle.
  package func establishGPADL(
    relid: UInt32, pages: Int, naming noun: Phrase, then next: @escaping (UInt32) -> Void
  ) {
    let handle = guest.nextGPADLHandle
    guest.nextGPADLHandle += 1
    // Model placement: buffers after the rings, one 64 MiB window per GPADL handle.
    let firstPFN = gpaBase + 0x10_0000 + UInt64(handle - GPADL.firstHandle) * 0x4000
    let gpadl = GPADL(handle: handle, relid: relid, pageCount: pages, firstPFN: firstPFN)
    sendGPADL(gpadl, naming: noun) { next(handle) }
  }

  /// The messages of one GPADL: the header with as many PFNs as fit, the bodies with the rest
  /// (a compressed loop), and the host's GPADL_CREATED (fact sheet §3.2 item 6).
  private func sendGPADL(_ gpadl: GPADL, naming noun: Phrase, then next: @escaping Continuation) {
    let handle = gpadl.handle
    let bodies = gpadl.bodyPFNs
    let fullBodies = bodies.filter { $0 == GPADL.pfnsPerBody }.count
    let lastBody = bodies.last.flatMap { $0 == GPADL.pfnsPerBody ? nil : $0 }
    kernel.run(
      [
        { done in
          self.postMessage(
            .gpadlHeader,
            "GPADL_HEADER: gpadl \(DetailValue.hexString(UInt64(handle), digits: 5)) names \(gpadl.pageCount) \(noun); \(gpadl.headerPFNs) PFNs fit in this message",
            details: [
              .int("child_relid", Int(gpadl.relid)), .hex("gpadl", UInt64(handle), digits: 5),
              .int("rangecount", 1), .int("range_buflen", 8 + 8 * gpadl.pageCount),
              .int("pfns", gpadl.headerPFNs), .hex("first_pfn", gpadl.firstPFN, digits: 6),
            ], then: done)
        },
        { done in
          self.kernel.loop(
            fullBodies, "for each GPADL_BODY carrying \(GPADL.pfnsPerBody) more PFNs",
            fastForward: { _ in },
            body: { number, iterationDone in
              self.gpadlBody(
                handle: handle, number: number + 1, pfns: GPADL.pfnsPerBody, then: iterationDone)
            }, then: done)
        },
        { done in
          guard let lastBody else { return done() }
          self.gpadlBody(handle: handle, number: fullBodies + 1, pfns: lastBody, then: done)
        },
        { done in
          self.postMessage(
            .gpadlCreated,
            "GPADL_CREATED: the host can map the \(noun)",
            details: [
              .int("child_relid", Int(gpadl.relid)), .hex("gpadl", UInt64(handle), digits: 5),
              .int("creation_status", 0),
            ], then: done)
        },
      ], then: next)
  }

  private func gpadlBody(handle: UInt32, number: Int, pfns: Int, then next: @escaping Continuation)
  {
    postMessage(
      .gpadlBody, "GPADL_BODY \(number): \(pfns) more PFNs",
      details: [
        .int("msgnumber", number), .hex("gpadl", UInt64(handle), digits: 5), .int("pfns", pfns),
      ], then: next)
  }

  /// `vmbus_close`: CLOSECHANNEL, then the ring GPADL's TEARDOWN / TORNDOWN (fact sheet §3.2 item 7).
  package func closeChannel(relid: UInt32, then next: @escaping Continuation) {
    let index = Int(relid) - 1
    if channels[index].state != .opened {
      kernel.report(
        .channelStateMismatch, "close of relid \(relid) in state \(channels[index].state.rawValue)")
    }
    let handle = channels[index].gpadl?.handle ?? 0
    kernel.run(
      [
        { done in
          self.channels[index].state = .open
          self.postMessage(
            .closeChannel, "CLOSECHANNEL relid \(relid)",
            details: [.int("child_relid", Int(relid))], then: done)
        },
        { done in
          self.channels[index].hostState = .initial
          self.channels[index].gpadl?.state = .tearingDown
          self.postMessage(
            .gpadlTeardown, "GPADL_TEARDOWN: release the ring pages",
            details: [.int("child_relid", Int(relid)), .hex("gpadl", UInt64(handle), digits: 5)],
            then: done)
        },
        { done in
          self.postMessage(
            .gpadlTorndown, "GPADL_TORNDOWN: the host unmapped the pages",
            details: [.hex("gpadl", UInt64(handle), digits: 5)]
          ) {
            self.channels[index].gpadl?.state = .tornDown
            self.channels[index].outbound = nil
            self.channels[index].inbound = nil
            done()
          }
        },
      ], then: next)
  }

  /// The host withdraws a device: RESCIND_CHANNELOFFER; the guest stops using the channel and
  /// answers RELID_RELEASED (fact sheet §3.2 item 7). Model assumption: after a rescind the guest
  /// closes locally without CLOSECHANNEL or GPADL_TEARDOWN, since the host already removed the
  /// channel.
  package func rescindChannel(relid: UInt32, then next: @escaping Continuation) {
    let index = Int(relid) - 1
    postMessage(
      .rescindChannelOffer, "RESCIND_CHANNELOFFER relid \(relid)",
      details: [.int("child_relid", Int(relid))]
    ) {
      self.channels[index].rescinded = true
      self.channels[index].state = .offer
      self.channels[index].hostState = .initial
      self.channels[index].gpadl?.state = .tornDown
      self.channels[index].outbound = nil
      self.channels[index].inbound = nil
      self.kernel.emit(
        .stateNote, .vmbusGuest, .vmbusGuest,
        "channel \(relid) rescinded: the driver lets go of it",
        cost: self.costs.componentWork
      ) {
        self.postMessage(
          .relidReleased, "RELID_RELEASED relid \(relid)",
          details: [.int("child_relid", Int(relid))], then: next)
      }
    }
  }

  /// `vmbus_initiate_unload`: UNLOAD → UNLOAD_RESPONSE (fact sheet §3.2 item 7). Linux sends it
  /// only on kexec, crash and hibernation (§9.4); the model shows it for hibernation.
  package func unloadVMBus(then next: @escaping Continuation) {
    guest.connection = .disconnecting
    postMessage(.unload, "UNLOAD: the guest disconnects from VMBus") {
      self.host.phase = .unloaded
      self.postMessage(.unloadResponse, "UNLOAD_RESPONSE") {
        self.guest.connection = .disconnected
        next()
      }
    }
  }
}
