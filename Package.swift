// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "report-ingest",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "ingest", targets: ["ingest"]),
        .executable(name: "ingest-benchmark", targets: ["ingest-benchmark"]),
        .executable(name: "ingest-faults", targets: ["ingest-faults"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-collections.git", from: "1.6.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
    ],
    targets: [
        // Layer 1: the C library, as the system provides it.
        .systemLibrary(
            name: "CZeroMQ",
            pkgConfig: "libzmq",
            providers: [.apt(["libzmq3-dev"])]
        ),
        // Layer 2: a safe, domain-free Swift wrapper over libzmq.
        .target(name: "ZeroMQ", dependencies: ["CZeroMQ"]),
        // Layer 3: the model every layer above names: a record, a document's id and metadata, and the record's
        // compact binary form.
        .target(name: "MeetingModel"),
        // Layer 3: the wire protocol, bytes <-> typed messages.
        .target(name: "IngestProtocol", dependencies: ["MeetingModel"]),
        // Layer 4: the pure domain.
        .target(name: "MeetingExtraction", dependencies: ["MeetingModel"]),
        .target(name: "ProvinceAggregation", dependencies: ["MeetingModel"]),
        // A snapshot as one self-contained HTML page (inline CSS and SVG), for `ingest report`.
        .target(name: "ProvinceReport", dependencies: ["ProvinceAggregation"]),
        // The delivery rules as state machines: events and the time in, actions out.
        .target(
            name: "DeliveryRules",
            dependencies: [
                "IngestProtocol", "MeetingModel", "ProvinceAggregation",
                .product(name: "DequeModule", package: "swift-collections"),
                .product(name: "OrderedCollections", package: "swift-collections"),
            ]
        ),
        // Layer 5: durable files, and every applied record in SQLite (through GRDB; Debian's libsqlite3-dev).
        .target(name: "IngestStorage"),
        .target(
            name: "RecordStore",
            dependencies: [
                "MeetingModel", "MeetingExtraction", "ProvinceAggregation",
                .product(name: "GRDB", package: "GRDB.swift"), .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ]
        ),
        // Configuration shared by every command.
        .target(name: "IngestConfig"),
        // Layer 6: the daemons and clients that compose the layers below.
        .target(
            name: "IngestServices",
            dependencies: [
                "ZeroMQ", "IngestProtocol", "MeetingModel", "MeetingExtraction", "ProvinceAggregation", "DeliveryRules",
                "IngestStorage", "RecordStore", "IngestConfig",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "OrderedCollections", package: "swift-collections"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ]
        ),
        // Layer 7: one thin executable with subcommands.
        .executableTarget(
            name: "ingest",
            dependencies: [
                "IngestServices", "IngestConfig", "MeetingModel", "MeetingExtraction", "ProvinceAggregation", "ProvinceReport", "DeliveryRules", "RecordStore", "IngestProtocol",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        // Apart from the tests: prints the extractor's throughput on one core, and fills a records store for Scripts/benchmark-store.sh.
        .executableTarget(name: "ingest-benchmark", dependencies: ["MeetingModel", "MeetingExtraction", "ProvinceAggregation", "RecordStore", "IngestStorage",
                                                                 "IngestServices", "IngestProtocol", "ZeroMQ", "TestSupport"]),
        // Apart from the tests: hand-made peers for Scripts/faults.sh (odd metadata, unread replies, floods).
        .executableTarget(name: "ingest-faults", dependencies: ["ZeroMQ", "IngestProtocol", "MeetingModel"]),
        // Helpers more than one test target uses.
        .target(name: "TestSupport", dependencies: ["MeetingExtraction"], path: "Tests/TestSupport"),
        .testTarget(name: "ZeroMQTests", dependencies: ["ZeroMQ"]),
        .testTarget(name: "MeetingModelTests", dependencies: ["MeetingModel"]),
        .testTarget(name: "IngestProtocolTests", dependencies: ["IngestProtocol", "MeetingModel", "TestSupport"]),
        .testTarget(
            name: "MeetingExtractionTests",
            dependencies: ["MeetingExtraction", "MeetingModel", "TestSupport"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(name: "ProvinceAggregationTests", dependencies: ["ProvinceAggregation", "MeetingModel", "MeetingExtraction", "TestSupport"]),
        .testTarget(name: "ProvinceReportTests", dependencies: ["ProvinceReport", "ProvinceAggregation", "MeetingModel"]),
        .testTarget(name: "DeliveryRulesTests", dependencies: ["DeliveryRules", "IngestProtocol", "MeetingModel"]),
        .testTarget(name: "IngestStorageTests", dependencies: ["IngestStorage", "TestSupport"]),
        .testTarget(
            name: "RecordStoreTests",
            dependencies: ["RecordStore", "MeetingModel", "ProvinceAggregation", "TestSupport", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        .testTarget(name: "IngestConfigTests", dependencies: ["IngestConfig"]),
        .testTarget(name: "IngestServicesTests", dependencies: ["IngestServices", "DeliveryRules", "IngestStorage", "IngestProtocol", "MeetingModel", "MeetingExtraction", "RecordStore", "ZeroMQ", "TestSupport", .product(name: "Crypto", package: "swift-crypto"), .product(name: "GRDB", package: "GRDB.swift")]),
        .testTarget(
            name: "IngestIntegrationTests",
            dependencies: ["ZeroMQ", "IngestProtocol", "MeetingModel", "MeetingExtraction", "ProvinceAggregation", "IngestStorage", "IngestServices", "TestSupport"],
            resources: [.copy("Articles")]
        ),
    ]
)
