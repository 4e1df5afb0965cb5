// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "cchc",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "cchc", targets: ["cchc"]),
        .library(name: "WorkCalendar", targets: ["WorkCalendar"]),
        .library(name: "CCHCCore", targets: ["CCHCCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/vapor/vapor.git", from: "4.115.0"),
        .package(url: "https://github.com/vapor/fluent.git", from: "4.12.0"),
        .package(url: "https://github.com/vapor/fluent-kit.git", from: "1.52.0"),
        .package(url: "https://github.com/vapor/fluent-sqlite-driver.git", from: "4.8.0"),
        .package(url: "https://github.com/vapor/fluent-postgres-driver.git", from: "2.10.0"),
        .package(url: "https://github.com/vapor/sql-kit.git", from: "3.32.0"),
        .package(url: "https://github.com/vapor/sqlite-kit.git", from: "4.5.0"),
        .package(url: "https://github.com/vapor/leaf.git", from: "4.4.0"),
        .package(url: "https://github.com/vapor/multipart-kit.git", from: "4.5.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", "3.0.0"..<"5.0.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.1.0"),
        .package(url: "https://github.com/apple/swift-openapi-generator.git", from: "1.10.0"),
        .package(url: "https://github.com/apple/swift-openapi-runtime.git", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.0.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.65.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.27.0"),
        .package(url: "https://github.com/x-sheep/swift-property-based.git", from: "2.0.0"),
    ],
    targets: [
        // Lunar calendar, Vietnamese holidays, working-time arithmetic. Foundation only.
        .target(name: "WorkCalendar"),
        // Comma-separated values as spreadsheets write them (RFC 4180). Foundation only.
        .target(name: "CSVFormat"),
        // QR codes (ISO/IEC 18004) drawn as SVG, for receipts. Foundation only.
        .target(name: "QREncoder"),
        // Word documents (.docx: Office Open XML in a stored ZIP package) for reports. Foundation only.
        .target(name: "OfficeDocument"),
        // The domain: value types, rules, state machines, repository protocols. No frameworks.
        .target(name: "CCHCCore", dependencies: ["WorkCalendar", "CSVFormat"]),
        // SQLite through its C API on threads of its own: short reads by key and whole write transactions
        // without a hop to the event loop per statement (docs/benchmarks.md). It uses the SQLite that
        // sqlite-nio compiles in (`VaporCSQLite`), so that the process holds one copy of the library.
        .target(
            name: "SQLiteEngine",
            dependencies: [
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "SQLiteKit", package: "sqlite-kit"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // Fluent models, numbered migrations, repository implementations.
        .target(
            name: "CCHCStore",
            dependencies: [
                "CCHCCore", "WorkCalendar", "SQLiteEngine",
                .product(name: "FluentKit", package: "fluent-kit"),
                .product(name: "FluentSQL", package: "fluent-kit"),
                .product(name: "FluentSQLiteDriver", package: "fluent-sqlite-driver"),
                .product(name: "FluentPostgresDriver", package: "fluent-postgres-driver"),
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "SQLiteKit", package: "sqlite-kit"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ]
        ),
        // The demo province, its accounts, procedures, settings history and dossiers, loaded through the core's rules.
        .target(name: "CCHCDemo", dependencies: ["CCHCCore", "WorkCalendar"]),
        // Vapor: configuration, routes, auth, pages, the JSON API and the command line.
        .target(
            name: "CCHCWeb",
            dependencies: [
                "CCHCCore", "CCHCStore", "CCHCDemo", "CSVFormat", "OfficeDocument", "QREncoder", "SQLiteEngine", "WorkCalendar",
                .product(name: "Vapor", package: "vapor"),
                .product(name: "Fluent", package: "fluent"),
                .product(name: "Leaf", package: "leaf"),
                .product(name: "MultipartKit", package: "multipart-kit"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "OpenAPIRuntime", package: "swift-openapi-runtime"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ],
            resources: [.copy("openapi.yaml")],
            plugins: [.plugin(name: "OpenAPIGenerator", package: "swift-openapi-generator")]
        ),
        .executableTarget(name: "cchc", dependencies: ["CCHCWeb"]),
        // Benchmarks (bench/README.md); results in docs/benchmarks.md.
        .executableTarget(name: "CalendarBench", dependencies: ["WorkCalendar"], path: "bench/CalendarBench"),

        // Shared by the store and web tests: fresh databases of each kind, fixtures.
        .target(
            name: "CCHCTestSupport",
            dependencies: [
                "CCHCCore", "CCHCStore", "SQLiteEngine", "WorkCalendar",
                .product(name: "FluentKit", package: "fluent-kit"),
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            path: "Tests/CCHCTestSupport"
        ),
        .testTarget(
            name: "WorkCalendarTests",
            dependencies: ["WorkCalendar", .product(name: "PropertyBased", package: "swift-property-based")]
        ),
        .testTarget(name: "CSVFormatTests", dependencies: ["CSVFormat", .product(name: "PropertyBased", package: "swift-property-based")]),
        .testTarget(name: "QREncoderTests", dependencies: ["QREncoder"]),
        .testTarget(
            name: "CCHCCoreTests",
            dependencies: ["CCHCCore", "CSVFormat", "WorkCalendar", .product(name: "PropertyBased", package: "swift-property-based")]
        ),
        .testTarget(
            name: "CCHCStoreTests",
            dependencies: [
                "CCHCCore", "CCHCStore", "CCHCTestSupport", "SQLiteEngine", "WorkCalendar",
                .product(name: "FluentKit", package: "fluent-kit"),
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "SQLiteKit", package: "sqlite-kit"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ]
        ),
        .testTarget(
            name: "CCHCWebTests",
            dependencies: [
                "CCHCCore", "CCHCStore", "CCHCWeb", "CCHCDemo", "CCHCTestSupport", "CSVFormat", "OfficeDocument", "SQLiteEngine", "WorkCalendar",
                .product(name: "Vapor", package: "vapor"),
                .product(name: "VaporTesting", package: "vapor"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "OpenAPIRuntime", package: "swift-openapi-runtime"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ]
        ),
    ]
)
