// swift-tools-version:5.9
import PackageDescription

let package = Package(
    name: "schemalint",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "schemalint", targets: ["schemalint"]),
        .library(name: "SchemaLint", targets: ["SchemaLint"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-protobuf", from: "1.39.0"),
        // `.schemalint.toml`, read only by the SchemaLintTOML target.
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
    ],
    targets: [
        // Debian's libpg-query-dev: header in /usr/include, libpg_query.so in the default path.
        .systemLibrary(name: "CPgQuery", path: "Sources/CPgQuery"),
        // Swift types generated from pg_query.proto by scripts/regenerate-proto (committed, never built in CI).
        .target(
            name: "PgQueryProto",
            dependencies: [.product(name: "SwiftProtobuf", package: "swift-protobuf")]
        ),
        .target(
            name: "SchemaLint",
            dependencies: [
                "CPgQuery", "PgQueryProto",
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
                "SchemaLintTOML",
            ]
        ),
        // TOMLKit behind a plain-Swift API, imported @_implementationOnly so its extensions on String, Int, Array…
        // never reach SchemaLint's type checking (see TOMLReader.swift).
        .target(
            name: "SchemaLintTOML",
            dependencies: [.product(name: "TOMLKit", package: "TOMLKit")]
        ),
        .executableTarget(
            name: "schemalint",
            dependencies: [
                "SchemaLint",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "SchemaLintTests",
            dependencies: ["SchemaLint", "schemalint"]
        ),
    ]
)
