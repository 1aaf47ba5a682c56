// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "hvlog",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "hvlog", targets: ["hvlog"]),
        .library(name: "HypercallABI", targets: ["HypercallABI"]),
        .library(name: "HypercallLog", targets: ["HypercallLog"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        // The Hyper-V hypercall ABI as the TLFS defines it: pure data and arithmetic, no I/O.
        .target(name: "HypercallABI"),
        // The log: record model, JSON Lines and the crash-safe binary .hvl format.
        .target(name: "HypercallLog", dependencies: ["HypercallABI"]),
        .executableTarget(
            name: "hvlog",
            dependencies: [
                "HypercallABI",
                "HypercallLog",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "HypercallABITests", dependencies: ["HypercallABI"]),
        .testTarget(name: "HypercallLogTests", dependencies: ["HypercallLog"]),
        .testTarget(name: "CommandLineTests", dependencies: ["hvlog"]),
    ]
)
