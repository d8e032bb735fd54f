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
    // The simulation, one target per component (docs/ARCHITECTURE.md, "The simulation"): a
    // component's state can only be written by the files of its own folder, because each folder
    // is a module and the state is `internal(set)` or private to it.
    // The domain-free kernel: clock, scheduler, recorder, loops, random streams, violations.
    .target(name: "HVSimKernel", dependencies: ["HVTrace"], path: "Sources/Simulation/Kernel"),
    // The vocabulary every component shares: actors, costs, host versions, service names.
    .target(
      name: "HVHostModel", dependencies: ["HVSimKernel", "HVTrace"],
      path: "Sources/Simulation/HostModel"),
    // The hypervisor: partitions, SynIC, hypercalls, intercepts.
    .target(
      name: "HVHypervisor", dependencies: ["HVSimKernel", "HVHostModel", "HVTrace"],
      path: "Sources/Simulation/Hypervisor"),
    // The VMBus connection: handshake, offers, channels, GPADLs, ring buffers, transport.
    .target(
      name: "HVVMBus", dependencies: ["HVSimKernel", "HVHostModel", "HVHypervisor", "HVTrace"],
      path: "Sources/Simulation/VMBus"),
    // Storage: the emulated IDE controller, storvsc and storvsp, the disk.
    .target(
      name: "HVStorage",
      dependencies: ["HVSimKernel", "HVHostModel", "HVHypervisor", "HVVMBus", "HVTrace"],
      path: "Sources/Simulation/Storage"),
    // Networking: the emulated DEC 21140 and netvsc ↔ the virtual switch's NetVSP.
    .target(
      name: "HVNetwork",
      dependencies: ["HVSimKernel", "HVHostModel", "HVHypervisor", "HVVMBus", "HVTrace"],
      path: "Sources/Simulation/Network"),
    // The six Integration Services: the IC framework and one folder per service.
    .target(
      name: "HVIntegrationServices",
      dependencies: ["HVSimKernel", "HVHostModel", "HVVMBus", "HVTrace"],
      path: "Sources/Simulation/IntegrationServices"),
    // The VM's life cycle: start, turn off, save/restore, shutdown, backup.
    .target(
      name: "HVPower",
      dependencies: [
        "HVSimKernel", "HVHostModel", "HVHypervisor", "HVVMBus", "HVStorage", "HVNetwork",
        "HVIntegrationServices", "HVTrace",
      ],
      path: "Sources/Simulation/Power"),
    // The composition root: builds the components, dispatches steps, assembles status.
    .target(
      name: "HVSimulation",
      dependencies: [
        "HVSimKernel", "HVHostModel", "HVHypervisor", "HVVMBus", "HVStorage", "HVNetwork",
        "HVIntegrationServices", "HVPower", "HVTrace",
      ],
      path: "Sources/Simulation/Host"),
    // Scenario files: parsing with positions, validation, running them on the simulation.
    .target(
      name: "HVScenario",
      dependencies: [
        "HVSimulation", "HVHostModel", "HVIntegrationServices", "HVTrace", "HVDiagnostics",
        .product(name: "Yams", package: "Yams"),
      ]
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
    .executableTarget(
      name: "hvwalk-bench",
      dependencies: [
        "HVScenario", "HVSimulation", "HVHostModel", "HVIntegrationServices", "HVTrace",
      ]),

    // Test helpers shared by the test targets: golden files, the repository root, a seeded
    // generator. Depends on nothing of ours, so any test target may use it.
    .target(name: "HVTestSupport", dependencies: ["HVSimKernel"], path: "Tests/HVTestSupport"),
    .testTarget(name: "HVTestSupportTests", dependencies: ["HVTestSupport"]),
    .testTarget(name: "HVDiagnosticsTests", dependencies: ["HVDiagnostics", "HVTestSupport"]),
    .testTarget(name: "HVTraceTests", dependencies: ["HVTrace"]),
    .testTarget(
      name: "HVSimulationTests",
      dependencies: [
        "HVSimulation", "HVSimKernel", "HVHostModel", "HVHypervisor", "HVVMBus", "HVStorage",
        "HVIntegrationServices", "HVPower", "HVTrace", "HVTestSupport",
      ]),
    .testTarget(
      name: "HVScenarioTests",
      dependencies: [
        "HVScenario", "HVSimulation", "HVHostModel", "HVIntegrationServices", "HVTrace",
        "HVDiagnostics", "HVTestSupport",
      ],
      exclude: ["Golden"]
    ),
    .testTarget(name: "HVDiagramTests", dependencies: ["HVDiagram", "HVTrace"]),
    .testTarget(
      name: "HVSiteTests",
      dependencies: [
        "HVSite", "HVDiagnostics", "HVScenario", "HVDiagram", "HVTrace", "HVTestSupport",
      ],
      exclude: ["Golden"]
    ),
    .testTarget(
      name: "EndToEndTests",
      dependencies: ["hvwalk", "HVCommandLine", "HVSite", "HVDiagnostics", "HVTestSupport"]
    ),
  ]
)
