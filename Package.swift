// swift-tools-version:6.0
import PackageDescription

let package = Package(
  name: "beredskap",
  platforms: [.macOS(.v13)],
  products: [
    .executable(name: "beredskap", targets: ["beredskap"]),
    .executable(name: "beredskap-bench", targets: ["beredskap-bench"]),
    .executable(name: "beredskap-mailbench", targets: ["beredskap-mailbench"]),
  ],
  dependencies: [
    .package(url: "https://github.com/vapor/vapor.git", from: "4.122.3"),
    .package(url: "https://github.com/vapor/fluent.git", from: "4.13.0"),
    .package(url: "https://github.com/vapor/fluent-kit.git", from: "1.57.0"),
    .package(url: "https://github.com/vapor/sql-kit.git", from: "3.36.0"),
    .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
    .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
    .package(url: "https://github.com/vapor/fluent-sqlite-driver.git", from: "4.9.0"),
    .package(url: "https://github.com/vapor/fluent-postgres-driver.git", from: "2.14.0"),
    .package(url: "https://github.com/vapor/leaf.git", from: "4.5.2"),
    .package(url: "https://github.com/vapor/leaf-kit.git", from: "1.14.3"),
    .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
    // The audit verifier also calls BoringSSL, swift-crypto's internal module
    // `CCryptoBoringSSL`, directly (AuditFastHash.swift): 3.12.3 and 4.5.2 have
    // it under that name; a major version may drop it, so stay below 5.
    .package(url: "https://github.com/apple/swift-crypto.git", "3.12.3"..<"5.0.0"),
    // Already under fluent-sqlite-driver. Named because `audit verify` calls the
    // SQLite it builds in through its internal module `VaporCSQLite`
    // (AuditFileScan.swift): the same SQLite library as the app's connections,
    // since two copies in one process break each other's file locks. Pinned to
    // the minor version whose module and symbol names it uses; a newer one
    // fails to resolve loudly instead of breaking a fresh clone's build.
    .package(url: "https://github.com/vapor/sqlite-nio.git", .upToNextMinor(from: "1.13.2")),
    .package(url: "https://github.com/jpsim/Yams.git", "5.0.1"..<"7.0.0"),
    .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
  ],
  targets: [
    // Pure domain: rules, deadlines, plan, documents, audit chain. No Vapor, no database.
    .target(
      name: "BeredskapCore",
      dependencies: [
        .product(name: "Crypto", package: "swift-crypto"),
        .product(name: "Yams", package: "Yams"),
      ]
    ),
    // Persistence: Fluent records, ordered migrations, repositories. FluentKit, not Vapor.
    .target(
      name: "BeredskapStore",
      dependencies: [
        "BeredskapCore",
        .product(name: "Crypto", package: "swift-crypto"),
        .product(name: "FluentKit", package: "fluent-kit"),
        .product(name: "FluentSQL", package: "fluent-kit"),
        .product(name: "SQLKit", package: "sql-kit"),
        .product(name: "NIOCore", package: "swift-nio"),
        .product(name: "NIOPosix", package: "swift-nio"),
        .product(name: "Logging", package: "swift-log"),
        .product(name: "FluentSQLiteDriver", package: "fluent-sqlite-driver"),
        .product(name: "FluentPostgresDriver", package: "fluent-postgres-driver"),
        .product(name: "SQLiteNIO", package: "sqlite-nio"),
      ]
    ),
    // E-mail: a small SMTP client on SwiftNIO and the dispatcher that empties the outbox.
    .target(
      name: "BeredskapMail",
      dependencies: [
        "BeredskapCore",
        "BeredskapStore",
        .product(name: "NIOCore", package: "swift-nio"),
        .product(name: "NIOPosix", package: "swift-nio"),
        .product(name: "NIOSSL", package: "swift-nio-ssl"),
        .product(name: "FluentKit", package: "fluent-kit"),
        .product(name: "Logging", package: "swift-log"),
      ]
    ),
    // Web app and API: Vapor configuration, routes, controllers, Leaf pages, auth.
    .target(
      name: "BeredskapWeb",
      dependencies: [
        "BeredskapCore",
        "BeredskapStore",
        "BeredskapMail",
        .product(name: "Vapor", package: "vapor"),
        .product(name: "Fluent", package: "fluent"),
        .product(name: "Leaf", package: "leaf"),
        .product(name: "LeafKit", package: "leaf-kit"),
        .product(name: "SQLKit", package: "sql-kit"),
      ],
      resources: [.copy("web")]
    ),
    // The thin executable.
    .executableTarget(
      name: "beredskap",
      dependencies: [
        "BeredskapCore",
        "BeredskapStore",
        "BeredskapWeb",
        "BeredskapMail",
        .product(name: "NIOPosix", package: "swift-nio"),
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),
    // `bench/smtp.sh` and the crash test: fills the outbox with letters.
    .executableTarget(
      name: "beredskap-mailbench",
      dependencies: ["BeredskapCore", "BeredskapStore", .product(name: "Logging", package: "swift-log")],
      path: "Sources/beredskap-mailbench"
    ),
    // `make bench`: assessments per second.
    .executableTarget(name: "beredskap-bench", dependencies: ["BeredskapCore"], path: "Sources/beredskap-bench"),
    .testTarget(
      name: "BeredskapCoreTests",
      dependencies: ["BeredskapCore", .product(name: "Crypto", package: "swift-crypto")], exclude: ["Fixtures"]),
    .testTarget(
      name: "BeredskapStoreTests",
      dependencies: ["BeredskapStore", "BeredskapCore"]
    ),
    .testTarget(
      name: "BeredskapMailTests",
      dependencies: [
        "BeredskapMail", "BeredskapStore", "BeredskapCore",
        .product(name: "FluentKit", package: "fluent-kit"),
        .product(name: "SQLKit", package: "sql-kit"),
        .product(name: "Logging", package: "swift-log"),
        .product(name: "NIOPosix", package: "swift-nio"),
        .product(name: "NIOSSL", package: "swift-nio-ssl"),
      ]
    ),
    .testTarget(
      name: "BeredskapWebTests",
      dependencies: [
        "BeredskapWeb",
        "BeredskapStore",
        "BeredskapCore",
        .product(name: "VaporTesting", package: "vapor"),
        .product(name: "FluentSQLiteDriver", package: "fluent-sqlite-driver"),
        .product(name: "FluentPostgresDriver", package: "fluent-postgres-driver"),
      ]
    ),
  ]
)
