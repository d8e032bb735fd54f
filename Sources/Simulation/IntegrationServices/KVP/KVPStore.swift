import HVHostModel
import HVSimKernel
import HVVMBus

/// One key/value record of a pool.
package struct KVPItem: Sendable, Hashable {
  package var key: String
  package var value: String

  package init(key: String, value: String) {
    self.key = key
    self.value = value
  }
}

/// The guest's KVP pools, as `hv_kvp_daemon` keeps them in `.kvp_pool_0` … `.kvp_pool_4`
/// (fact sheet §4.7), in insertion order so that ENUMERATE indices are stable.
package struct KVPStore: Sendable, Hashable {
  package private(set) var pools: [KVPPool: [KVPItem]] = [:]

  package init() {}

  /// The intrinsic items the guest publishes in the auto pool, in the index order of the uapi
  /// comment (fact sheet §4.7).
  ///
  /// Values follow the guest's pinned kernel the way `hv_kvp_daemon`'s `kvp_get_os_info` takes
  /// them from `uname`: OSBuildNumber is the release cut to `x.y.z` ("the host expects the build
  /// string to be of the form x.y.z"), OSName the system name. Model assumptions: the guest has no
  /// `/etc/os-release` distribution entry, so OSVersion, OSMajorVersion and OSMinorVersion come from
  /// the kernel too; IntegrationServicesVersion is Linux's `HV_DRV_VERSION`; the addresses are the
  /// model's (the IPv6 one uses the Hyper-V MAC prefix 00:15:5D).
  ///
  /// A Windows guest publishes its release (`OSName` "Windows Server 2016 Datacenter",
  /// `OSVersion` 10.0.14393, the build, `ProcessorArchitecture` 9 = AMD64 as Windows numbers it),
  /// and the in-box Integration Services' version (model values, see ``WindowsRelease``).
  package static func intrinsicItems(vmName: String, hostOctet: Int, guest: GuestOS)
    -> [KVPItem]
  {
    let host = vmName.lowercased()
    let hex = String(hostOctet, radix: 16)
    guard case .linux(let kernel) = guest else {
      let release = guest.windowsRelease ?? .server2012R2
      return [
        KVPItem(key: "FullyQualifiedDomainName", value: "\(host).contoso.local"),
        KVPItem(key: "IntegrationServicesVersion", value: release.integrationServicesVersion),
        KVPItem(key: "NetworkAddressIPv4", value: "192.168.10.\(hostOctet)"),
        KVPItem(key: "NetworkAddressIPv6", value: "fe80::215:5dff:fe0a:\(hex)"),
        KVPItem(key: "OSBuildNumber", value: String(release.version.build)),
        KVPItem(key: "OSName", value: release.displayName + " Datacenter"),
        KVPItem(key: "OSMajorVersion", value: String(release.version.major)),
        KVPItem(key: "OSMinorVersion", value: String(release.version.minor)),
        KVPItem(key: "OSVersion", value: release.versionString),
        KVPItem(key: "ProcessorArchitecture", value: "9"),
      ]
    }
    return [
      KVPItem(key: "FullyQualifiedDomainName", value: "\(host).contoso.local"),
      KVPItem(key: "IntegrationServicesVersion", value: "3.1"),
      KVPItem(key: "NetworkAddressIPv4", value: "192.168.10.\(hostOctet)"),
      KVPItem(key: "NetworkAddressIPv6", value: "fe80::215:5dff:fe0a:\(hex)"),
      KVPItem(key: "OSBuildNumber", value: kernel.release),
      KVPItem(key: "OSName", value: "Linux"),
      KVPItem(key: "OSMajorVersion", value: String(kernel.major)),
      KVPItem(key: "OSMinorVersion", value: String(kernel.minor)),
      KVPItem(key: "OSVersion", value: kernel.release),
      KVPItem(key: "ProcessorArchitecture", value: "x86_64"),
    ]
  }

  /// What the host writes into the auto-external pool when the VM starts (values under
  /// `Guest\Parameters` on a Windows guest, fact sheet §4.7; the host name is a model value).
  package static func hostParameters(vmName: String) -> [KVPItem] {
    [
      KVPItem(key: "HostName", value: "HV-HOST01.contoso.local"),
      KVPItem(key: "PhysicalHostName", value: "HV-HOST01"),
      KVPItem(key: "PhysicalHostNameFullyQualified", value: "HV-HOST01.contoso.local"),
      KVPItem(key: "VirtualMachineName", value: vmName),
    ]
  }

  /// A store with the intrinsic and host-parameter items.
  package static func initial(vmName: String, hostOctet: Int, guest: GuestOS) -> KVPStore {
    var store = KVPStore()
    store.pools[.auto] = intrinsicItems(vmName: vmName, hostOctet: hostOctet, guest: guest)
    store.pools[.autoExternal] = hostParameters(vmName: vmName)
    return store
  }

  package func items(in pool: KVPPool) -> [KVPItem] { pools[pool] ?? [] }

  /// `kvp_key_add_or_modify`.
  package mutating func set(_ key: String, _ value: String, in pool: KVPPool) {
    var items = pools[pool] ?? []
    if let index = items.firstIndex(where: { $0.key == key }) {
      items[index].value = value
    } else {
      items.append(KVPItem(key: key, value: value))
    }
    pools[pool] = items
  }

  /// `kvp_get_value`: nil when the key is not in the pool.
  package func value(_ key: String, in pool: KVPPool) -> String? {
    items(in: pool).first { $0.key == key }?.value
  }

  /// `kvp_key_delete`: false when the key is not in the pool.
  package mutating func delete(_ key: String, in pool: KVPPool) -> Bool {
    guard var items = pools[pool], let index = items.firstIndex(where: { $0.key == key }) else {
      return false
    }
    items.remove(at: index)
    pools[pool] = items
    return true
  }

  /// `kvp_pool_enumerate` / the intrinsic switch: the item at `index`, nil past the end.
  package func item(at index: Int, in pool: KVPPool) -> KVPItem? {
    let items = items(in: pool)
    return index < items.count ? items[index] : nil
  }
}
