// swift-tools-version:6.1
import PackageDescription

/// PostgreSQL 15's server headers (Debian's postgresql-server-dev-15): `postgres.h`, `nodes/parsenodes.h`, …
let postgresServerHeaders = "/usr/include/postgresql/15/server"

/// Release builds make a self-contained binary: the Swift runtime and Foundation linked in (`-static-stdlib`), and
/// libpg_query from its static archive, so that the binary needs only the C and C++ runtime. Debug builds (the tests)
/// link the shared libraries, which is quicker.
let release = BuildSettingCondition.when(configuration: .release)
let debug = BuildSettingCondition.when(configuration: .debug)
/// Compiling against the static resource folder makes the modules name the static libraries they need (Foundation's
/// ICU among them), as `swift build --static-swift-stdlib` does.
let staticStdlib = SwiftSetting.unsafeFlags(["-static-stdlib"], release)
/// Release builds skip the run-time exclusivity checks (a call into the runtime at each access to a class's stored
/// property: 2% of a dump's run). Debug builds, which the tests run, keep them, so a violation still traps there.
let noDynamicExclusivity = SwiftSetting.unsafeFlags(["-enforce-exclusivity=unchecked"], release)
/// `schemalint mcp`, the MCP server for coding agents, is built only with `--traits MCP`: the MCP Swift SDK brings
/// Foundation (with ICU's data) and FoundationNetworking (with libcurl), which the lint binary does without, and adds
/// its own build time to every pre-commit install. Its release build links the system's libcurl (Debian's
/// libcurl4-openssl-dev), which static FoundationNetworking names.
let mcp: Set<String> = ["MCP"]

let package = Package(
    name: "schemalint",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "schemalint", targets: ["schemalint"]),
        .library(name: "SchemaLint", targets: ["SchemaLint"]),
    ],
    traits: [
        .trait(name: "MCP", description: "The MCP server for coding agents (schemalint mcp), on the MCP Swift SDK."),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/modelcontextprotocol/swift-sdk", from: "0.12.1"),
        // `.schemalint.toml`, read only by the SchemaLintTOML target.
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
    ],
    targets: [
        // Debian's libpg-query-dev (pg_query.h, libpg_query) and postgresql-server-dev-15 (PostgreSQL's parse-tree
        // structs, which the front end reads in place).
        .systemLibrary(name: "CPgQuery", path: "Sources/CPgQuery"),
        // PostgreSQL's tree walker and the PL/pgSQL compiler, called from C (see CPgQueryHelpers.h).
        .target(
            name: "CPgQueryHelpers",
            dependencies: ["CPgQuery"],
            // PostgreSQL declares its printf-like functions gnu_printf, which clang does not know.
            cSettings: [.unsafeFlags(["-I\(postgresServerHeaders)", "-Wno-ignored-attributes"])]
        ),
        .target(
            name: "SchemaLint",
            dependencies: ["CPgQuery", "CPgQueryHelpers", "SchemaLintTOML"],
            swiftSettings: [.unsafeFlags(["-Xcc", "-I\(postgresServerHeaders)"]), staticStdlib, noDynamicExclusivity],
            linkerSettings: [
                .linkedLibrary("pg_query", debug),
                .unsafeFlags(["-Xlinker", "-l:libpg_query.a"], release),
            ]
        ),
        // TOMLKit behind a plain-Swift API, imported @_implementationOnly so its extensions on String, Int, Array…
        // never reach SchemaLint's type checking (see TOMLReader.swift).
        .target(
            name: "SchemaLintTOML",
            dependencies: [.product(name: "TOMLKit", package: "TOMLKit")],
            swiftSettings: [staticStdlib]
        ),
        .executableTarget(
            name: "schemalint",
            dependencies: [
                "SchemaLint",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "MCP", package: "swift-sdk", condition: .when(traits: mcp)),
            ],
            swiftSettings: [.unsafeFlags(["-Xcc", "-I\(postgresServerHeaders)"]), staticStdlib],
            linkerSettings: [.unsafeFlags(["-static-stdlib"], release)]
        ),
        .testTarget(
            name: "SchemaLintTests",
            dependencies: ["SchemaLint", "schemalint"],
            swiftSettings: [.unsafeFlags(["-Xcc", "-I\(postgresServerHeaders)"])]
        ),
    ],
    swiftLanguageModes: [.v5]
)
