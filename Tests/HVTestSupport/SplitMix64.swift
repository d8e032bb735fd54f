/// The seeded generator tests draw their cases from: the simulation kernel's own SplitMix64
/// (`Sources/Simulation/Kernel/SplitMix64.swift`), re-exported so that there is exactly one copy
/// of the algorithm in the repository. The kernel is domain-free (no Hyper-V in it), so test
/// support depending on it does not reach into the model.
@_exported import struct HVSimKernel.SplitMix64
