import Foundation
import Testing

/// Where things are: the repository (from this file's path), the built `schemalint` binary, the corpus.
enum TestPaths {
    /// The repository root: this file is `<root>/Tests/SchemaLintTests/Support/TestSupport.swift`.
    static let repoRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let fixtures = repoRoot.appendingPathComponent("fixtures")

    /// `../shared/corpus` next to the repository.
    static let corpus = repoRoot.deletingLastPathComponent().appendingPathComponent("shared/corpus").standardizedFileURL

    /// The `schemalint` executable built alongside the test bundle, or nil (with the places looked at).
    static let binary: Result<URL, BinaryNotFound> = {
        var candidates: [URL] = []
        if let override = ProcessInfo.processInfo.environment["SCHEMALINT_BINARY"], !override.isEmpty {
            candidates.append(URL(fileURLWithPath: override))
        }
        // The products folder (`.build-tests/debug`): on Linux the test runner is `<products>/<pkg>PackageTests.xctest`
        // (an executable, so `Bundle.main.bundleURL` is the products folder); on macOS it is a bundle inside it, run by
        // xctest or swiftpm-testing-helper, so walk up from every path we know until a folder holds `schemalint`.
        var starts = [Bundle.main.bundleURL, Bundle.main.executableURL, URL(fileURLWithPath: CommandLine.arguments[0])]
            .compactMap { $0 }
        starts += Bundle.allBundles.map(\.bundleURL)
        for start in starts {
            var dir = start.resolvingSymlinksInPath()
            for _ in 0..<5 {
                candidates.append(dir.appendingPathComponent("schemalint"))
                dir = dir.deletingLastPathComponent()
            }
        }
        let fm = FileManager.default
        for candidate in candidates {
            var isDirectory: ObjCBool = false
            if fm.fileExists(atPath: candidate.path, isDirectory: &isDirectory), !isDirectory.boolValue,
               fm.isExecutableFile(atPath: candidate.path) {
                return .success(candidate)
            }
        }
        return .failure(BinaryNotFound(searched: candidates.map(\.path)))
    }()

    struct BinaryNotFound: Error, CustomStringConvertible {
        var searched: [String]
        var description: String {
            "cannot find the built schemalint executable next to the test bundle (build it with "
                + "`swift build --scratch-path .build-tests`, or set SCHEMALINT_BINARY); looked at:\n  "
                + searched.joined(separator: "\n  ")
        }
    }
}

/// The outcome of one run of the binary.
struct RunResult: CustomStringConvertible {
    var exitCode: Int32
    /// True when the process died of a signal (a crash), in which case `exitCode` is the signal number.
    var signalled: Bool
    var timedOut: Bool
    var stdout: String
    var stderr: String
    var stdoutData: Data

    var description: String {
        "exit \(signalled ? "by signal " : "")\(exitCode)\(timedOut ? " (timed out)" : "")\n"
            + "--- stdout ---\n\(stdout.prefix(4000))\n--- stderr ---\n\(stderr.prefix(4000))"
    }

    var stderrLines: [Substring] { stderr.split(separator: "\n", omittingEmptySubsequences: true) }

    /// stdout parsed as a JSON object (nil when it is not one).
    var json: [String: Any]? { try? JSONSerialization.jsonObject(with: stdoutData) as? [String: Any] }
}

enum CLI {
    /// Runs `schemalint` with arguments, optional standard input and working directory. `NO_COLOR=1` is set;
    /// output goes through temporary files so large outputs cannot fill a pipe and block the child.
    static func run(_ arguments: [String], stdin: String? = nil, in directory: URL? = nil,
                    environment extra: [String: String] = [:], timeout: TimeInterval = 120,
                    sourceLocation: SourceLocation = #_sourceLocation) throws -> RunResult {
        let binary = try TestPaths.binary.get()
        let fm = FileManager.default
        let scratch = fm.temporaryDirectory.appendingPathComponent("schemalint-cli-\(UUID().uuidString)")
        try fm.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? fm.removeItem(at: scratch) }
        let outURL = scratch.appendingPathComponent("stdout"), errURL = scratch.appendingPathComponent("stderr")
        let inURL = scratch.appendingPathComponent("stdin")
        _ = fm.createFile(atPath: outURL.path, contents: nil)
        _ = fm.createFile(atPath: errURL.path, contents: nil)
        _ = fm.createFile(atPath: inURL.path, contents: Data((stdin ?? "").utf8))

        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        var env = ProcessInfo.processInfo.environment
        env["NO_COLOR"] = "1"
        for (key, value) in extra { env[key] = value }
        process.environment = env
        let outHandle = try FileHandle(forWritingTo: outURL), errHandle = try FileHandle(forWritingTo: errURL)
        let inHandle = try FileHandle(forReadingFrom: inURL)
        defer { try? outHandle.close(); try? errHandle.close(); try? inHandle.close() }
        process.standardOutput = outHandle
        process.standardError = errHandle
        process.standardInput = inHandle

        try process.run()
        let deadline = Date().addingTimeInterval(timeout)
        var timedOut = false
        while process.isRunning {
            if Date() > deadline {
                timedOut = true
                process.terminate()
                process.waitUntilExit()
                break
            }
            Thread.sleep(forTimeInterval: 0.005)
        }
        process.waitUntilExit()
        let out = (try? Data(contentsOf: outURL)) ?? Data()
        let err = (try? Data(contentsOf: errURL)) ?? Data()
        let result = RunResult(exitCode: process.terminationStatus,
                               signalled: process.terminationReason == .uncaughtSignal, timedOut: timedOut,
                               stdout: String(decoding: out, as: UTF8.self), stderr: String(decoding: err, as: UTF8.self),
                               stdoutData: out)
        if timedOut {
            Issue.record("schemalint \(arguments.joined(separator: " ")) ran longer than \(Int(timeout)) s", sourceLocation: sourceLocation)
        }
        return result
    }
}

/// A temporary folder of files, removed when the test is done with it.
final class TempFolder {
    let url: URL

    init(_ files: [String: String] = [:]) throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("schemalint-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        for (name, text) in files { try write(name, text) }
    }

    func write(_ name: String, _ text: String) throws {
        let file = url.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: file)
    }

    func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    deinit { try? FileManager.default.removeItem(at: url) }
}
