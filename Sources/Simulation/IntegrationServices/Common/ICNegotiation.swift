import HVHostModel
import HVSimKernel
import HVVMBus

/// `struct icmsg_negotiate`: the version lists of `ICMSGTYPE_NEGOTIATE` (fact sheet §4.3).
///
/// The host lists `icframe_vercnt` framework versions followed by `icmsg_vercnt` service versions;
/// the guest rewrites the buffer with one of each (`icframe_vercnt = icmsg_vercnt = 1`), or with
/// both counts 0 when it found no common version.
package struct ICNegotiateData: Sendable, Hashable {
  package var frameworkVersions: [ICVersion]
  package var messageVersions: [ICVersion]

  package init(frameworkVersions: [ICVersion], messageVersions: [ICVersion]) {
    self.frameworkVersions = frameworkVersions
    self.messageVersions = messageVersions
  }

  /// At most 100 versions per list (`IC_VERSION_NEGOTIATION_MAX_VER_COUNT`).
  package static let maximumVersionCount = 100

  /// icframe_vercnt u16, icmsg_vercnt u16, reserved u32, then 4 bytes per version. The guest's
  /// answer with one of each is `icmsgsize = 0x10`.
  package var size: Int { 8 + 4 * (frameworkVersions.count + messageVersions.count) }

  /// True for the guest's "no common version" answer.
  package var isEmpty: Bool { frameworkVersions.isEmpty && messageVersions.isEmpty }
}

/// How the guest picks versions (Linux `vmbus_prep_negotiate_resp`, fact sheet §4.3).
package enum ICNegotiation {
  /// Walks the guest's own lists, highest first, and takes the first version the host also lists
  /// (exact major.minor match). Nil when either list has no match: the guest then answers with
  /// both counts 0.
  package static func guestChoice(
    offered: ICNegotiateData, guestFrameworks: [ICVersion], guestServiceVersions: [ICVersion]
  ) -> (framework: ICVersion, service: ICVersion)? {
    guard let framework = guestFrameworks.first(where: offered.frameworkVersions.contains),
      let service = guestServiceVersions.first(where: offered.messageVersions.contains)
    else { return nil }
    return (framework, service)
  }
}
