import HVHostModel
import HVSimKernel
import HVTrace
import HVVMBus

/// netvsc's attach (Linux `netvsc_probe` → `rndis_filter_device_add` → `netvsc_device_add`):
/// open the channel, negotiate NVSP, share the receive and send buffers, initialize RNDIS, read
/// the adapter's properties and set its packet filter.
extension Network {
  /// The guest's VMBus driver found the network adapter's offer: netvsc binds and attaches it.
  package func attachNetVSC(then next: @escaping Continuation) {
    guard adapter == .synthetic,
      let index = vmbus.channels.firstIndex(where: { $0.offer.deviceClass == .network })
    else { return next() }
    let relid = UInt32(index + 1)
    let pages = NetVSCBuffers.ringPages
    netvsc.relid = relid
    netvsc.phase = .negotiating
    vmbus.bindDriver(relid: relid)
    kernel.run(
      [
        { done in
          self.kernel.emit(
            .call, .vmbusGuest, .netvsc,
            "probe: class {\(VMBusDeviceClass.network.classID)} (Network adapter) binds \(self.words.isWindows ? "netvsc.sys" : "netvsc")",
            details: [.int("relid", Int(relid))], cost: self.costs.kernelCall, then: done)
        },
        { done in
          self.kernel.emit(
            .call, .netvsc, .vmbusGuest,
            "\(self.words.openChannel): \(pages)-page send and receive rings (\(pages * 4) KiB each)",
            details: [.int("relid", Int(relid)), .int("ring_pages", pages)],
            cost: self.costs.kernelCall, then: done)
        },
        { done in self.vmbus.openChannel(relid: relid, ringPages: pages, then: done) },
        { done in self.negotiateNVSP(0, relid: relid, then: done) },
        { done in self.announceNDIS(relid: relid, then: done) },
        { done in self.shareBuffers(relid: relid, then: done) },
        { done in self.initializeRNDIS(relid: relid, then: done) },
      ]
    ) {
      self.netvsc.phase = .ready
      next()
    }
  }

  /// `netvsc_connect_vsp`: one `NVSP_MSG_TYPE_INIT` per version, newest first, min = max = that
  /// version, until INIT_COMPLETE says `NVSP_STAT_SUCCESS`.
  private func negotiateNVSP(_ index: Int, relid: UInt32, then next: @escaping Continuation) {
    let versions = NVSPVersion.guestPreferenceOrder
    guard index < versions.count else {
      kernel.report(.noCommonNVSPVersion, "no NVSP version both sides speak")
      return next()
    }
    let version = versions[index]
    let accepted = version <= hostNVSP
    nvspExchange(
      NVSPMessage(.initialize(version)),
      answer: NVSPMessage(.initializeComplete(version, accepted: accepted)), relid: relid,
      "\(NVSPMessageType.initialize.identifier) \(version.identifier) (min = max = \(DetailValue.hexString(UInt64(version.rawValue), digits: 0)))",
      details: [.hex("max_protocol_ver", UInt64(version.rawValue), digits: 8)],
      answerText: accepted
        ? "negotiated_protocol_ver \(version.identifier), NVSP_STAT_SUCCESS"
        : "NVSP_STAT_FAIL (the switch's newest is \(hostNVSP.identifier))",
      answerDetails: [.int("status", accepted ? 1 : 2)]
    ) {
      guard accepted else { return self.negotiateNVSP(index + 1, relid: relid, then: next) }
      self.netvsc.version = version
      next()
    }
  }

  /// The MTU netvsc announces in NDIS_CONFIG: 1500 plus the Ethernet header.
  static let ndisMTU = 1514

  /// `negotiate_nvsp_ver` after INIT: NDIS configuration (NVSP 2 and later) and the NDIS
  /// version, neither answered.
  private func announceNDIS(relid: UInt32, then next: @escaping Continuation) {
    let version = netvsc.version ?? .v1
    let ndis = version.ndisVersion
    var actions: [Action] = []
    if version > .v1 {
      actions.append { done in
        self.nvspSend(
          NVSPMessage(.ndisConfig(mtu: Self.ndisMTU, version: version)), relid: relid,
          "\(NVSPMessageType.sendNDISConfig.identifier): mtu \(Self.ndisMTU), \(NVSPMessage.capabilityNames(NVSPMessage.capability(for: version)))",
          details: [.int("mtu", Self.ndisMTU)], then: done)
      }
    }
    actions.append { done in
      self.nvspSend(
        NVSPMessage(.ndisVersion(major: ndis.major, minor: ndis.minor)), relid: relid,
        "\(NVSPMessageType.sendNDISVersion.identifier): NDIS \(ndis.major).\(ndis.minor)",
        details: [.int("ndis_major_ver", ndis.major), .int("ndis_minor_ver", ndis.minor)],
        then: done)
    }
    kernel.run(actions, then: next)
  }

  /// `netvsc_init_buf`: the receive buffer (id 0xCAFE) and the send buffer (id 0), each shared by
  /// a GPADL and announced with its message; the host answers with the sections it cut.
  private func shareBuffers(relid: UInt32, then next: @escaping Continuation) {
    let legacy = (netvsc.version ?? .v1) <= .v2
    let receiveBytes =
      legacy ? NetVSCBuffers.legacyReceiveBufferBytes : NetVSCBuffers.receiveBufferBytes
    let sendBytes = NetVSCBuffers.sendBufferBytes
    kernel.run(
      [
        { done in
          self.vmbus.establishGPADL(
            relid: relid, pages: receiveBytes / 4096, naming: "receive buffer pages"
          ) { handle in
            self.netvsc.receiveBufferGPADL = handle
            done()
          }
        },
        { done in
          let sections = receiveBytes / NetVSCBuffers.receiveSectionBytes
          self.nvspExchange(
            NVSPMessage(.receiveBuffer(gpadl: self.netvsc.receiveBufferGPADL ?? 0)),
            answer: NVSPMessage(
              .receiveBufferComplete(
                subAllocationSize: NetVSCBuffers.receiveSectionBytes, subAllocations: sections)),
            relid: relid,
            "\(NVSPMessageType.sendReceiveBuffer.identifier): \(receiveBytes / 1_048_576) MiB receive buffer, id \(DetailValue.hexString(UInt64(NetVSCBuffers.receiveBufferID), digits: 0))",
            details: [
              .hex("gpadl_handle", UInt64(self.netvsc.receiveBufferGPADL ?? 0), digits: 5),
              .hex("id", UInt64(NetVSCBuffers.receiveBufferID), digits: 4),
            ],
            answerText:
              "1 section of \(sections) sub-allocations × \(NetVSCBuffers.receiveSectionBytes) bytes",
            answerDetails: [
              .int("status", 1), .int("num_sections", 1),
              .int("sub_alloc_size", NetVSCBuffers.receiveSectionBytes),
              .int("num_sub_allocs", sections),
            ], then: done)
        },
        { done in
          self.vmbus.establishGPADL(
            relid: relid, pages: sendBytes / 4096, naming: "send buffer pages"
          ) { handle in
            self.netvsc.sendBufferGPADL = handle
            done()
          }
        },
        { done in
          self.nvspExchange(
            NVSPMessage(.sendBuffer(gpadl: self.netvsc.sendBufferGPADL ?? 0)),
            answer: NVSPMessage(.sendBufferComplete(sectionSize: NetVSCBuffers.sendSectionBytes)),
            relid: relid,
            "\(NVSPMessageType.sendSendBuffer.identifier): \(sendBytes / 1_048_576) MiB send buffer, id 0",
            details: [
              .hex("gpadl_handle", UInt64(self.netvsc.sendBufferGPADL ?? 0), digits: 5),
              .int("id", NetVSCBuffers.sendBufferID),
            ],
            answerText: "section_size \(NetVSCBuffers.sendSectionBytes)",
            answerDetails: [
              .int("status", 1), .int("section_size", NetVSCBuffers.sendSectionBytes),
            ],
            then: done)
        },
      ], then: next)
  }

  /// `rndis_filter_init_device` and the first properties of `rndis_filter_device_add`, then
  /// `rndis_filter_open` when the interface comes up: each an RNDIS control message in an NVSP
  /// SEND_RNDIS_PKT (channel_type 1), completed, and answered by the host's RNDIS completion
  /// through the receive buffer. The model shows the request and its answer message only.
  private func initializeRNDIS(relid: UInt32, then next: @escaping Continuation) {
    let requests: [(String, [Detail], String)] = [
      (
        "REMOTE_NDIS_INITIALIZE_MSG: RNDIS 1.0, max_xfer_size 0x4000",
        [.hex("max_xfer_size", UInt64(RNDIS.maxTransferSize), digits: 4)],
        "REMOTE_NDIS_INITIALIZE_CMPLT: max_pkt_per_msg \(RNDIS.maxPacketsPerMessage)"
      ),
      (
        "REMOTE_NDIS_QUERY_MSG OID_GEN_MAXIMUM_FRAME_SIZE",
        [.hex("oid", UInt64(RNDIS.oidMaximumFrameSize), digits: 8)],
        "REMOTE_NDIS_QUERY_CMPLT: 1500"
      ),
      (
        "REMOTE_NDIS_QUERY_MSG OID_802_3_PERMANENT_ADDRESS",
        [.hex("oid", UInt64(RNDIS.oidPermanentAddress), digits: 8)],
        "REMOTE_NDIS_QUERY_CMPLT: 00:15:5D:0A:00:01"
      ),
      (
        "REMOTE_NDIS_SET_MSG OID_GEN_CURRENT_PACKET_FILTER = 0x0D (directed, all multicast, broadcast)",
        [.hex("oid", UInt64(RNDIS.oidCurrentPacketFilter), digits: 8)],
        "REMOTE_NDIS_SET_CMPLT: RNDIS_STATUS_SUCCESS"
      ),
    ]
    kernel.run(
      requests.map { request in
        { done in
          let id = self.netvsc.nextRNDISRequest
          self.netvsc.nextRNDISRequest += 1
          self.nvspExchange(
            NVSPMessage(.rndisControl), answer: NVSPMessage(.rndisComplete),
            relid: relid, request.0,
            details: [.int("channel_type", 1), .int("req_id", Int(id))]
              + request.1,
            answerText: "NVSP_STAT_SUCCESS; the switch answers \(request.2)",
            answerDetails: [.int("status", 1)], then: done)
        }
      }, then: next)
  }

  /// One NVSP message from netvsc that the NetVSP answers with a completion: inband packet,
  /// the switch reads it and answers `VM_PKT_COMP`, netvsc reads the answer.
  func nvspExchange(
    _ message: NVSPMessage, answer: NVSPMessage, relid: UInt32, _ what: String,
    details: [Detail] = [], answerText: String, answerDetails: [Detail],
    then next: @escaping Continuation
  ) {
    let transactionID = netvsc.nextTransactionID
    netvsc.nextTransactionID += 1
    let size = (netvsc.version ?? .v61).messageSize
    let request = VMBusPacket(
      type: .dataInband, flags: VMBusPacket.completionRequested, transactionID: transactionID,
      payloadLength: size, payload: .nvsp(message))
    let completion = VMBusPacket(
      type: .completion, flags: 0, transactionID: transactionID, payloadLength: size,
      payload: .nvsp(answer))
    kernel.run(
      [
        { done in
          self.kernel.emit(
            .call, .netvsc, .vmbusGuest, "\(self.words.sendPacket): \(what)",
            operation: message.type.identifier, cost: self.costs.kernelCall, then: done)
        },
        { done in
          self.vmbus.sendPacket(
            request, relid: relid, fromGuest: true, "netvsc: \(what)",
            operation: message.type.identifier, details: details, then: done)
        },
        { done in
          self.switchReads(
            message, relid: relid, "NetVSP reads \(message.type.identifier)",
            details: [.int("trans_id", Int(transactionID))], then: done)
        },
        { done in
          self.vmbus.sendPacket(
            completion, relid: relid, fromGuest: false, "NetVSP answers: \(answerText)",
            operation: answer.type.identifier, details: answerDetails, then: done)
        },
        { done in
          _ = self.vmbus.setReaderMask(relid: relid, ringFromGuest: false, draining: true)
          let read = self.vmbus.receivePacket(relid: relid, fromGuestRing: false)
          _ = self.vmbus.setReaderMask(relid: relid, ringFromGuest: false, draining: false)
          self.kernel.emit(
            .call, .vmbusGuest, .netvsc,
            "\(self.words.netvscCallback): \(answer.type.identifier) for trans_id \(transactionID)",
            message: VMBusPacketType.completion.identifier, operation: answer.type.identifier,
            details: [.int("read_index", read?.newReadIndex ?? 0)], cost: self.costs.kernelCall,
            then: done)
        },
      ], then: next)
  }

  /// An NVSP message the switch does not answer (no completion requested).
  func nvspSend(
    _ message: NVSPMessage, relid: UInt32, _ what: String, details: [Detail],
    then next: @escaping Continuation
  ) {
    let transactionID = netvsc.nextTransactionID
    netvsc.nextTransactionID += 1
    let packet = VMBusPacket(
      type: .dataInband, flags: 0, transactionID: transactionID,
      payloadLength: (netvsc.version ?? .v61).messageSize, payload: .nvsp(message))
    kernel.run(
      [
        { done in
          self.vmbus.sendPacket(
            packet, relid: relid, fromGuest: true, "netvsc: \(what)",
            operation: message.type.identifier, details: details, then: done)
        },
        { done in
          self.switchReads(
            message, relid: relid, "NetVSP takes \(message.type.identifier) (no answer)",
            details: [], then: done)
        },
      ], then: next)
  }

  /// The switch's channel callback takes one packet netvsc wrote (`hv_begin_read` … `hv_end_read`
  /// around a single read: the bring-up is strictly one message at a time).
  private func switchReads(
    _ message: NVSPMessage, relid: UInt32, _ label: Phrase, details: [Detail],
    then next: @escaping Continuation
  ) {
    _ = vmbus.setReaderMask(relid: relid, ringFromGuest: true, draining: true)
    let read = vmbus.receivePacket(relid: relid, fromGuestRing: true)
    _ = vmbus.setReaderMask(relid: relid, ringFromGuest: true, draining: false)
    kernel.emit(
      .call, .vmbusRoot, .vmswitch, label, operation: message.type.identifier,
      details: details + [.int("read_index", read?.newReadIndex ?? 0)],
      cost: costs.vspProcessing, then: next)
  }
}
