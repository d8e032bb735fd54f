import HVSimKernel
import HVTrace
import HVVMBus

/// What the Integration Services see of VMBus: their channels' offers, opening and rescinding,
/// packets written and read, doorbells, and the named ring operations compressed repeats need.
/// ``VMBus`` provides it; the services never touch the connection's state directly.
package protocol ICChannelBus: AnyObject {
  /// The guest's negotiated VMBus version (nil before contact).
  var negotiatedVersion: VMBusVersion? { get }
  /// Whether the guest's VMBus driver is connected (new offers can be made).
  var isConnected: Bool { get }
  var nextRelid: UInt32 { get }
  func channel(_ relid: UInt32) -> VMBusChannel
  func ring(_ relid: UInt32, fromGuest: Bool) -> RingBuffer?

  func offer(_ device: VMBusDeviceClass, instanceID: GUID, then next: @escaping Kernel.Continuation)
  func bindDriver(relid: UInt32)
  func openChannel(relid: UInt32, ringPages: Int, then next: @escaping Kernel.Continuation)
  func rescindChannel(relid: UInt32, then next: @escaping Kernel.Continuation)

  func sendPacket(
    _ packet: VMBusPacket, relid: UInt32, fromGuest: Bool, _ label: Phrase, message: String?,
    operation: String?, flags: String?, details extra: [Detail],
    then next: @escaping Kernel.Continuation)
  func receivePacket(relid: UInt32, fromGuestRing: Bool) -> RingBuffer.ReadResult?
  func setReaderMask(relid: UInt32, ringFromGuest: Bool, draining: Bool) -> Int
  func signalChannel(
    _ relid: UInt32, fromGuest: Bool, reason: Phrase, then next: @escaping Kernel.Continuation)

  func requestSpace(_ relid: UInt32, fromGuest: Bool, bytes: Int)
  func fastForwardWrites(_ relid: UInt32, fromGuest: Bool, _ packets: [VMBusPacket])
  func fastForwardReads(_ relid: UInt32, fromGuest: Bool, _ count: Int) -> [VMBusPacket]
  func fastForwardPassThrough(_ relid: UInt32, fromGuest: Bool, packetBytes: Int, count: Int)
}

extension VMBus: ICChannelBus {
  package var negotiatedVersion: VMBusVersion? { guest.version }
  package var isConnected: Bool { guest.connection == .connected }
}
