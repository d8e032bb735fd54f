import HVHostModel
import HVSimKernel

/// Hypercall call codes (bits 15:0 of the hypercall input value), fact sheet §1.5 [L-GDK].
///
/// Which component issues which call is our inference from the names and Linux `mshv_root` usage:
/// a model assumption (fact sheet §1.5, last line).
package enum HypercallCode: UInt16, Sendable, CaseIterable {
  case createPartition = 0x0040
  case initializePartition = 0x0041
  case finalizePartition = 0x0042
  case deletePartition = 0x0043
  case getPartitionId = 0x0046
  case depositMemory = 0x0048
  case withdrawMemory = 0x0049
  case mapGpaPages = 0x004B
  case unmapGpaPages = 0x004C
  case installIntercept = 0x004D
  case createVp = 0x004E
  case getVpRegisters = 0x0050
  case setVpRegisters = 0x0051
  case translateVirtualAddress = 0x0052
  case postMessage = 0x005C
  case signalEvent = 0x005D
  case registerInterceptResult = 0x0091
  case assertVirtualInterrupt = 0x0094
  case createPort = 0x0095
  case connectPort = 0x0096

  /// The TLFS name, e.g. `HvCallSignalEvent`.
  package var identifier: String {
    switch self {
    case .createPartition: return "HvCallCreatePartition"
    case .initializePartition: return "HvCallInitializePartition"
    case .finalizePartition: return "HvCallFinalizePartition"
    case .deletePartition: return "HvCallDeletePartition"
    case .getPartitionId: return "HvCallGetPartitionId"
    case .depositMemory: return "HvCallDepositMemory"
    case .withdrawMemory: return "HvCallWithdrawMemory"
    case .mapGpaPages: return "HvCallMapGpaPages"
    case .unmapGpaPages: return "HvCallUnmapGpaPages"
    case .installIntercept: return "HvCallInstallIntercept"
    case .createVp: return "HvCallCreateVp"
    case .getVpRegisters: return "HvCallGetVpRegisters"
    case .setVpRegisters: return "HvCallSetVpRegisters"
    case .translateVirtualAddress: return "HvCallTranslateVirtualAddress"
    case .postMessage: return "HvCallPostMessage"
    case .signalEvent: return "HvCallSignalEvent"
    case .registerInterceptResult: return "HvCallRegisterInterceptResult"
    case .assertVirtualInterrupt: return "HvCallAssertVirtualInterrupt"
    case .createPort: return "HvCallCreatePort"
    case .connectPort: return "HvCallConnectPort"
    }
  }
}

/// Hypervisor message types (`enum hv_message_type`), fact sheet §1.6 [L-GDK].
package enum HypervisorMessageType: UInt32, Sendable, CaseIterable {
  case unmappedGpa = 0x8000_0000
  case gpaIntercept = 0x8000_0001
  case timerExpired = 0x8000_0010
  case hypercallIntercept = 0x8000_0050
  case x64IoPortIntercept = 0x8001_0000
  case x64MsrIntercept = 0x8001_0001
  case x64CpuidIntercept = 0x8001_0002
  case x64ExceptionIntercept = 0x8001_0003
  case x64ApicEoi = 0x8001_0004
  case x64Halt = 0x8001_0007

  package var identifier: String {
    switch self {
    case .unmappedGpa: return "HVMSG_UNMAPPED_GPA"
    case .gpaIntercept: return "HVMSG_GPA_INTERCEPT"
    case .timerExpired: return "HVMSG_TIMER_EXPIRED"
    case .hypercallIntercept: return "HVMSG_HYPERCALL_INTERCEPT"
    case .x64IoPortIntercept: return "HVMSG_X64_IO_PORT_INTERCEPT"
    case .x64MsrIntercept: return "HVMSG_X64_MSR_INTERCEPT"
    case .x64CpuidIntercept: return "HVMSG_X64_CPUID_INTERCEPT"
    case .x64ExceptionIntercept: return "HVMSG_X64_EXCEPTION_INTERCEPT"
    case .x64ApicEoi: return "HVMSG_X64_APIC_EOI"
    case .x64Halt: return "HVMSG_X64_HALT"
    }
  }
}

/// Synthetic MSRs the guest writes to enable hypercalls and the SynIC (fact sheet §1.5, §1.6, §7).
package enum SyntheticMSR: UInt32, Sendable, CaseIterable {
  case guestOSID = 0x4000_0000
  case hypercall = 0x4000_0001
  case vpIndex = 0x4000_0002
  case scontrol = 0x4000_0080
  case sversion = 0x4000_0081
  case siefp = 0x4000_0082
  case simp = 0x4000_0083
  case eom = 0x4000_0084
  case sint0 = 0x4000_0090
  case sint2 = 0x4000_0092

  package var identifier: String {
    switch self {
    case .guestOSID: return "HV_X64_MSR_GUEST_OS_ID"
    case .hypercall: return "HV_X64_MSR_HYPERCALL"
    case .vpIndex: return "HV_X64_MSR_VP_INDEX"
    case .scontrol: return "HV_X64_MSR_SCONTROL"
    case .sversion: return "HV_X64_MSR_SVERSION"
    case .siefp: return "HV_X64_MSR_SIEFP"
    case .simp: return "HV_X64_MSR_SIMP"
    case .eom: return "HV_X64_MSR_EOM"
    case .sint0: return "HV_X64_MSR_SINT0"
    case .sint2: return "HV_X64_MSR_SINT2"
    }
  }
}
