// swift-tools-version: 6.0
// hvwalk — a deterministic Hyper-V simulation that renders its traces into a bilingual course.
// The module graph and the rules between modules are described in docs/ARCHITECTURE.md.

import PackageDescription

let package = Package(
  name: "hvwalk",
  platforms: [.macOS(.v13)],
  products: [
    .executable(name: "hvwalk", targets: ["hvwalk"])
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
    .package(url: "https://github.com/jpsim/Yams", exact: "6.2.2"),
    .package(url: "https://github.com/hummingbird-project/swift-mustache", exact: "2.1.1"),
  ],
  targets: [
    // The C library, wrapped once: only Sources/HVSite/Markdown imports it.
    .systemLibrary(
      name: "CCmark",
      pkgConfig: "libcmark",
      providers: [.apt(["libcmark-dev"])]
    ),
    // One system call Swift's Glibc module does not expose: the atomic exchange of two folders.
    .target(name: "CAtomicRename"),
    // Diagnostics as values (path, line, column, message, suggestion) shared by every parser.
    .target(name: "HVDiagnostics"),
    // Trace values and their exports (text, JSON, Chrome trace). Depends on nothing of ours.
    .target(name: "HVTrace"),
    // The deterministic discrete-event model of a Hyper-V host; writes into a trace recorder.
    .target(name: "HVSimulation", dependencies: ["HVTrace"]),
    // Scenario files: parsing with positions, validation, running them on the simulation.
    .target(
      name: "HVScenario",
      dependencies: ["HVSimulation", "HVTrace", "HVDiagnostics", .product(name: "Yams", package: "Yams")]
    ),
    // Trace → sequence model → layout (pure geometry, fixed font metrics) → canonical SVG.
    .target(name: "HVDiagram", dependencies: ["HVTrace"]),
    // Lessons, the cmark bridge, directives, strings, templates → a `Site` value (no file I/O).
    .target(
      name: "HVSite",
      dependencies: [
        "CCmark", "HVDiagnostics", "HVTrace", "HVDiagram", "HVScenario",
        .product(name: "Yams", package: "Yams"),
        .product(name: "Mustache", package: "swift-mustache"),
      ]
    ),
    // Commands, diagnostics printing, the only code that touches the file system or the clock.
    .target(
      name: "HVCommandLine",
      dependencies: [
        "HVSite", "HVScenario", "HVSimulation", "HVTrace", "HVDiagnostics", "CAtomicRename",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),
    .executableTarget(name: "hvwalk", dependencies: ["HVCommandLine"]),
    // Simulation benchmark (Benchmarks/sim-bench.sh): events per second and peak memory.
    .executableTarget(name: "hvwalk-bench", dependencies: ["HVScenario", "HVSimulation", "HVTrace"]),

    .testTarget(name: "HVTraceTests", dependencies: ["HVTrace"]),
    .testTarget(name: "HVSimulationTests", dependencies: ["HVSimulation", "HVTrace"]),
    .testTarget(
      name: "HVScenarioTests",
      dependencies: ["HVScenario", "HVSimulation", "HVTrace", "HVDiagnostics"],
      exclude: ["Golden"]
    ),
    .testTarget(name: "HVDiagramTests", dependencies: ["HVDiagram", "HVTrace"]),
    .testTarget(
      name: "HVSiteTests",
      dependencies: ["HVSite", "HVDiagnostics", "HVScenario", "HVDiagram", "HVTrace"],
      exclude: ["Golden"]
    ),
    .testTarget(
      name: "EndToEndTests",
      dependencies: ["hvwalk", "HVCommandLine", "HVSite", "HVDiagnostics"]
    ),
  ]
)
