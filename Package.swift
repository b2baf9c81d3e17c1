// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "fleetreg",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "fleetreg", targets: ["fleetreg"]),
        .library(name: "FleetCore", targets: ["FleetCore"]),
        .library(name: "FleetStore", targets: ["FleetStore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", exact: "0.9.20"),
        .package(url: "https://github.com/apple/swift-crypto", exact: "3.12.3"),
    ],
    targets: [
        .target(
            name: "FleetCore",
            dependencies: [.product(name: "Crypto", package: "swift-crypto")],
            resources: [.copy("Policy/Resources/default-policy.json")]),
        .target(
            name: "FleetStore",
            dependencies: [
                "FleetCore",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ]),
        .target(
            name: "FleetReports",
            dependencies: ["FleetCore", "FleetStore", .product(name: "ZIPFoundation", package: "ZIPFoundation")]),
        .executableTarget(
            name: "fleetreg",
            dependencies: [
                "FleetCore", "FleetStore", "FleetReports",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
        .testTarget(name: "FleetCoreTests", dependencies: ["FleetCore"], resources: [.copy("Scenarios")]),
        .testTarget(name: "FleetStoreTests", dependencies: ["FleetCore", "FleetStore", "FleetReports"]),
        .testTarget(name: "fleetregTests", dependencies: ["FleetCore"]),
    ],
    swiftLanguageModes: [.v5]
)
