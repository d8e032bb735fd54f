import HVHostModel
import HVHypervisor
import HVSimKernel
import HVTrace

/// What a power-on and a restore from a saved state share once the partition exists: the worker
/// process starts, VID creates the virtual processor and maps the guest's memory (fact sheet §1.1,
/// §1.2; which component issues which hypercall is a model assumption, §1.5).
extension Power {
  /// 1 GiB of 4 KiB pages: the model VM's memory.
  static let memoryPages = 262_144

  /// VMMS starts vmwp.exe for the VM.
  func startWorkerProcess(then next: @escaping Continuation) {
    kernel.emit(
      .call, .vmms, .vmwp, "start the worker process vmwp.exe for this VM",
      cost: costs.workerProcessStart, then: next)
  }

  /// `HvCallCreateVp` for VP 0, then `HvCallMapGpaPages` for the guest's memory (one rep call).
  func createVPAndMapMemory(then next: @escaping Continuation) {
    let pages = Self.memoryPages
    kernel.run(
      [
        { done in
          self.hypervisor.hypercall(
            .createVp, from: .vid, "create virtual processor 0", details: [.int("vp_index", 0)],
            then: done)
        },
        { done in
          self.hypervisor.hypercall(
            .mapGpaPages, from: .vid, "map \(pages) pages of guest RAM (a rep hypercall)",
            details: [.int("rep_count", pages)], work: self.costs.memoryMapping, then: done)
        },
      ], then: next)
  }
}
