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
        .package(url: "https://github.com/x-sheep/swift-property-based.git", from: "2.0.0"),
    ],
    targets: [
        // Lunar calendar, Vietnamese holidays, working-time arithmetic. Foundation only.
        .target(name: "WorkCalendar"),
        // The domain: value types, rules, state machines, repository protocols. No frameworks.
        .target(name: "CCHCCore", dependencies: ["WorkCalendar"]),
        // Fluent models, numbered migrations, repository implementations.
        .target(
            name: "CCHCStore",
            dependencies: [
                "CCHCCore",
                .product(name: "FluentKit", package: "fluent-kit"),
                .product(name: "FluentSQL", package: "fluent-kit"),
                .product(name: "FluentSQLiteDriver", package: "fluent-sqlite-driver"),
                .product(name: "FluentPostgresDriver", package: "fluent-postgres-driver"),
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // Vapor: configuration, routes, auth, pages, the JSON API and the command line.
        .target(
            name: "CCHCWeb",
            dependencies: [
                "CCHCStore",
                .product(name: "Vapor", package: "vapor"),
                .product(name: "Fluent", package: "fluent"),
                .product(name: "Leaf", package: "leaf"),
                .product(name: "MultipartKit", package: "multipart-kit"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "OpenAPIRuntime", package: "swift-openapi-runtime"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
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
                "CCHCStore",
                .product(name: "FluentKit", package: "fluent-kit"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Tests/CCHCTestSupport"
        ),
        .testTarget(
            name: "WorkCalendarTests",
            dependencies: ["WorkCalendar", .product(name: "PropertyBased", package: "swift-property-based")]
        ),
        .testTarget(
            name: "CCHCCoreTests",
            dependencies: ["CCHCCore", .product(name: "PropertyBased", package: "swift-property-based")]
        ),
        .testTarget(name: "CCHCStoreTests", dependencies: ["CCHCStore", "CCHCTestSupport"]),
        .testTarget(
            name: "CCHCWebTests",
            dependencies: [
                "CCHCWeb", "CCHCTestSupport",
                .product(name: "VaporTesting", package: "vapor"),
                .product(name: "OpenAPIRuntime", package: "swift-openapi-runtime"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ]
        ),
    ]
)
