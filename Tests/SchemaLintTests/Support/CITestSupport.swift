import Foundation
import Testing

/// Running other programs from tests: the SARIF validator, the pre-commit script.
enum Shell {
    struct Result: CustomStringConvertible {
        var status: Int32
        var output: String
        var description: String { "exit \(status)\n\(output.suffix(6000))" }
    }

    /// Runs `command` (looked up on PATH) with stdout and stderr together.
    static func run(_ command: String, _ arguments: [String], in directory: URL? = nil,
                    environment extra: [String: String] = [:]) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [command] + arguments
        if let directory { process.currentDirectoryURL = directory }
        var env = ProcessInfo.processInfo.environment
        for (key, value) in extra { env[key] = value }
        process.environment = env
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("schemalint-shell-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: log) }
        let handle = try FileHandle(forWritingTo: log)
        defer { try? handle.close() }
        process.standardOutput = handle
        process.standardError = handle
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return Result(status: process.terminationStatus,
                      output: String(decoding: (try? Data(contentsOf: log)) ?? Data(), as: UTF8.self))
    }

    /// Runs a driver script, `scripts/<name> BINARY`, which installs a real client into a throwaway venv and drives
    /// the built binary with it: it must exit 0 and print `<name>: OK`; a pytest driver must also have run tests that
    /// passed, none failed (a collection that found nothing would exit 0 too).
    static func expectDriverPasses(_ name: String, pytest: Bool, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let binary = try TestPaths.binary.get()
        let script = TestPaths.repoRoot.appendingPathComponent("scripts/\(name)")
        let result = try run(script.path, [binary.path], in: TestPaths.repoRoot)
        #expect(result.status == 0, "scripts/\(name) failed: \(result)", sourceLocation: sourceLocation)
        #expect(result.output.contains("\(name): OK"), "\(result)", sourceLocation: sourceLocation)
        if pytest {
            #expect(result.output.contains(" passed"), "\(result)", sourceLocation: sourceLocation)
            #expect(!result.output.contains(" failed") && !result.output.contains(" error"), "\(result)",
                    sourceLocation: sourceLocation)
        }
    }
}

enum SARIFValidator {
    /// `../shared/sarif/validate_sarif.py` next to the repository.
    static let script = TestPaths.repoRoot.deletingLastPathComponent().appendingPathComponent("shared/sarif/validate_sarif.py")
        .standardizedFileURL

    /// Validates a SARIF file against the official schema plus GitHub code scanning's rules (`--github`).
    static func validate(_ file: URL, sourceLocation: SourceLocation = #_sourceLocation) throws {
        try #require(FileManager.default.fileExists(atPath: script.path),
                     "the SARIF validator is missing: expected \(script.path)", sourceLocation: sourceLocation)
        let result = try Shell.run("python3", [script.path, "--github", file.path])
        #expect(result.status == 0, "validate_sarif.py --github rejected \(file.lastPathComponent): \(result)",
                sourceLocation: sourceLocation)
        #expect(!result.output.contains("WARNING"), "validate_sarif.py --github warned about \(file.lastPathComponent): \(result)",
                sourceLocation: sourceLocation)
    }
}

extension RunResult {
    /// stdout split into lines (without the trailing empty one).
    var stdoutLines: [String] { stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init).dropLastEmpty() }
}

extension Array where Element == String {
    func dropLastEmpty() -> [String] { last == "" ? Array(dropLast()) : self }
}
