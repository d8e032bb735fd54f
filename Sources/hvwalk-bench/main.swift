// hvwalk-bench: how fast the model simulates disk writes and long waits with the Integration
// Services running, and how much memory it needs.
//
// Usage: hvwalk-bench <emulated|synthetic> <size> [--uncompressed]
//        hvwalk-bench services <duration> [--uncompressed]   (a running VM with the default
//                                                             services waits: heartbeats, samples)
//        hvwalk-bench --header
// Benchmarks/sim-bench.sh runs every case in its own process so each peak-memory figure belongs
// to one case. Not a test: the numbers depend on the machine.

import Foundation
import HVHostModel
import HVIntegrationServices
import HVScenario
import HVSimulation
import HVTrace

#if canImport(Glibc)
import Glibc
#endif

/// Peak resident set size of this process in MiB (getrusage reports KiB on Linux).
func peakMemoryMiB() -> Double {
  var usage = rusage()
  getrusage(RUSAGE_SELF.rawValue, &usage)
  return Double(usage.ru_maxrss) / 1024
}

func column(_ text: String, _ width: Int) -> String {
  text.count >= width ? text : String(repeating: " ", count: width - text.count) + text
}

let header = [
  column("path", 10), column("size", 8), column("mode", 12), column("executed", 10),
  column("represented", 14), column("stored", 7), column("wall ms", 9), column("exec ev/s", 11),
  column("repr ev/s", 14), column("peak MiB", 9), column("json KiB", 9), column("json ms", 8),
].joined(separator: " ")

let arguments = Array(CommandLine.arguments.dropFirst())
if arguments.first == "--header" {
  print(header)
  exit(0)
}
let usage =
  "usage: hvwalk-bench <emulated|synthetic> <size> | services <duration> [--uncompressed]\n"
guard arguments.count >= 2, ["emulated", "synthetic", "services"].contains(arguments[0]) else {
  FileHandle.standardError.write(Data(usage.utf8))
  exit(2)
}
let emulated = arguments[0] == "emulated"
let compress = !arguments.contains("--uncompressed")
let step: StepRequest
if arguments[0] == "services" {
  guard case .success(let nanoseconds) = Quantity.nanoseconds(arguments[1]) else {
    FileHandle.standardError.write(Data(usage.utf8))
    exit(2)
  }
  step = StepRequest(.wait(nanoseconds: nanoseconds), action: "wait", argument: arguments[1])
} else {
  guard case .success(let bytes) = Quantity.bytes(arguments[1]) else {
    FileHandle.standardError.write(Data(usage.utf8))
    exit(2)
  }
  step = StepRequest(.writeDisk(bytes: bytes), action: "write-disk", argument: arguments[1])
}

let configuration = SimulationConfiguration(
  scenarioID: "bench-\(arguments[0])", seed: 1, generation: emulated ? .one : .two,
  disk: emulated ? .ide : .scsi, guestHasIntegrationServices: !emulated,
  compressRepeats: compress)

let clock = ContinuousClock()
let simulation = Simulation(configuration: configuration)
var trace: Trace?
let elapsed = clock.measure { trace = simulation.run([step]) }
// Rendering is measured only for compressed traces: the JSON of an uncompressed 1 MiB emulated
// write is gigabytes, which says nothing about the simulation.
var jsonBytes: Int?
var renderSeconds = 0.0
if compress, let trace {
  var text = ""
  let rendering = clock.measure { text = trace.jsonText() }
  jsonBytes = text.utf8.count
  renderSeconds =
    Double(rendering.components.seconds) + Double(rendering.components.attoseconds) / 1e18
}

let entries = trace?.steps.flatMap(\.entries) ?? []
let represented = entries.reduce(0) { $0 + $1.expandedEventCount }
let stored = entries.reduce(0) { $0 + $1.storedEventCount }
let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
let executed = simulation.executedEvents
print(
  [
    column(arguments[0], 10), column(arguments[1], 8),
    column(compress ? "compressed" : "every event", 12),
    column(String(executed), 10), column(String(represented), 14), column(String(stored), 7),
    column(String(format: "%.2f", seconds * 1000), 9),
    column(String(format: "%.3g", Double(executed) / max(seconds, 1e-9)), 11),
    column(String(format: "%.3g", Double(represented) / max(seconds, 1e-9)), 14),
    column(String(format: "%.1f", peakMemoryMiB()), 9),
    column(jsonBytes.map { String($0 / 1024) } ?? "-", 9),
    column(jsonBytes == nil ? "-" : String(format: "%.2f", renderSeconds * 1000), 8),
  ].joined(separator: " "))
