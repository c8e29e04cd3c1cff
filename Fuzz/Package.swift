// swift-tools-version:5.9
// A libFuzzer target for schemalint, kept out of the main package so its build never needs sanitizers.
//   cd Fuzz && swift build -c debug -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library
//   .build/debug/SchemaLintFuzz -max_len=4096 -timeout=10 corpus/ ../fixtures/…
import Foundation
import PackageDescription

// A path dependency is identified by its folder's name, which is whatever the checkout is called.
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()

let package = Package(
    name: "SchemaLintFuzz",
    dependencies: [.package(path: "..")],
    targets: [
        .executableTarget(
            name: "SchemaLintFuzz",
            dependencies: [.product(name: "SchemaLint", package: root.lastPathComponent)]
        ),
    ]
)
