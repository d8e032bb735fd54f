/// The counters of the contract (§3), in the contract's key order.
///
/// Definitions: `vmExits` = entries into the hypervisor from a partition (intercepts and hypercalls);
/// `intercepts` = trapped guest instructions; `contextSwitches` = user↔kernel transitions in any
/// partition; `interrupts` = interrupts delivered to a partition; `vmbusMessages` = VMBus control
/// messages; `ringPackets` = packets written to ring buffers; `bytesCopied` = bytes the model copies
/// between buffers; `simulatedNanoseconds` = simulated time.
public struct Counters: Sendable, Hashable {
  public var vmExits = 0
  public var hypercalls = 0
  public var intercepts = 0
  public var contextSwitches = 0
  public var interrupts = 0
  public var vmbusMessages = 0
  public var ringPackets = 0
  public var bytesCopied = 0
  public var simulatedNanoseconds = 0

  public init() {}

  /// The counter names in output order; `{{count id name}}` in lessons uses these names.
  public static let names: [String] = [
    "vmExits", "hypercalls", "intercepts", "contextSwitches", "interrupts",
    "vmbusMessages", "ringPackets", "bytesCopied", "simulatedNanoseconds",
  ]

  /// The values paired with their names, in ``names`` order.
  public var named: [(name: String, value: Int)] {
    [
      ("vmExits", vmExits), ("hypercalls", hypercalls), ("intercepts", intercepts),
      ("contextSwitches", contextSwitches), ("interrupts", interrupts),
      ("vmbusMessages", vmbusMessages), ("ringPackets", ringPackets),
      ("bytesCopied", bytesCopied), ("simulatedNanoseconds", simulatedNanoseconds),
    ]
  }

  /// The value of the counter called `name`, or nil for an unknown name.
  public subscript(name: String) -> Int? {
    named.first { $0.name == name }?.value
  }

  public static func + (lhs: Counters, rhs: Counters) -> Counters {
    var sum = lhs
    sum += rhs
    return sum
  }

  public static func += (lhs: inout Counters, rhs: Counters) {
    lhs.vmExits += rhs.vmExits
    lhs.hypercalls += rhs.hypercalls
    lhs.intercepts += rhs.intercepts
    lhs.contextSwitches += rhs.contextSwitches
    lhs.interrupts += rhs.interrupts
    lhs.vmbusMessages += rhs.vmbusMessages
    lhs.ringPackets += rhs.ringPackets
    lhs.bytesCopied += rhs.bytesCopied
    lhs.simulatedNanoseconds += rhs.simulatedNanoseconds
  }

  /// Every counter multiplied by `count`: what `count` identical iterations add up to.
  public static func * (lhs: Counters, count: Int) -> Counters {
    var product = Counters()
    product.vmExits = lhs.vmExits * count
    product.hypercalls = lhs.hypercalls * count
    product.intercepts = lhs.intercepts * count
    product.contextSwitches = lhs.contextSwitches * count
    product.interrupts = lhs.interrupts * count
    product.vmbusMessages = lhs.vmbusMessages * count
    product.ringPackets = lhs.ringPackets * count
    product.bytesCopied = lhs.bytesCopied * count
    product.simulatedNanoseconds = lhs.simulatedNanoseconds * count
    return product
  }
}
