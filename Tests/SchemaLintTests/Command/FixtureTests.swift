import Foundation
import Testing
import SchemaLint

/// End-to-end cases: each folder under `fixtures/` holds `*.sql` inputs, an optional `args` file (extra command-line
/// arguments, one per line) and `expected.json`, the exact output of
/// `schemalint --format json <args> <the .sql files in natural order>` run inside the folder. A fixture whose
/// inputs are a migration folder (a layout: goose, Flyway, …) keeps them below it and names the folder in `args`.
///
/// To regenerate after an intended change: `SCHEMALINT_UPDATE_FIXTURES=1 swift test --filter FixtureTests`, then
/// read every changed expected.json before committing it.
@Suite("Fixtures")
struct FixtureTests {
    struct Fixture: CustomTestStringConvertible, Sendable {
        var name: String
        var testDescription: String { "fixtures/\(name)" }
        var folder: URL { TestPaths.fixtures.appendingPathComponent(name) }
    }

    static let fixtures: [Fixture] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: TestPaths.fixtures.path)) ?? []
        return names.filter { name in
            var isDirectory: ObjCBool = false
            return !name.hasPrefix(".") && FileManager.default.fileExists(
                atPath: TestPaths.fixtures.appendingPathComponent(name).path, isDirectory: &isDirectory) && isDirectory.boolValue
        }.sorted().map { Fixture(name: $0) }
    }()

    static var updating: Bool { ProcessInfo.processInfo.environment["SCHEMALINT_UPDATE_FIXTURES"] == "1" }

    @Test("There are fixtures")
    func fixturesExist() {
        #expect(Self.fixtures.count >= 4, "no fixture folders found in \(TestPaths.fixtures.path)")
    }

    @Test("Fixture output matches expected.json", arguments: fixtures)
    func fixture(_ fixture: Fixture) throws {
        let fm = FileManager.default
        let sqlFiles = try fm.contentsOfDirectory(atPath: fixture.folder.path)
            .filter { $0.hasSuffix(".sql") }
            .sorted(by: InputFiles.naturalLess)
        var extra: [String] = []
        if let args = fm.contents(atPath: fixture.folder.appendingPathComponent("args").path) {
            extra = String(decoding: args, as: UTF8.self).split(separator: "\n")
                .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty && !$0.hasPrefix("#") }
        }
        let namesInput = extra.contains { !$0.hasPrefix("-") && fm.fileExists(atPath: fixture.folder.appendingPathComponent($0).path) }
        try #require(!sqlFiles.isEmpty || namesInput, "fixtures/\(fixture.name) has no .sql files and its args name no input")

        let run = try CLI.run(["--format", "json"] + extra + sqlFiles, in: fixture.folder)
        #expect(!run.signalled && (run.exitCode == 0 || run.exitCode == 1), "\(run)")
        #expect(run.stderr.isEmpty, "\(run)")
        let actual = try #require(run.json, "output is not a JSON object: \(run)")

        let expectedURL = fixture.folder.appendingPathComponent("expected.json")
        if Self.updating {
            try run.stdoutData.write(to: expectedURL)
            print("fixtures/\(fixture.name)/expected.json rewritten: review it before committing")
        }
        let expectedData = try #require(fm.contents(atPath: expectedURL.path),
            "fixtures/\(fixture.name)/expected.json is missing (SCHEMALINT_UPDATE_FIXTURES=1 writes it; then review it)")
        var expected = try #require(try JSONSerialization.jsonObject(with: expectedData) as? [String: Any],
                                    "fixtures/\(fixture.name)/expected.json is not a JSON object")

        // The version is the only field that changes without the behaviour changing.
        #expect((actual["tool"] as? [String: Any])?["version"] as? String == SchemaLintVersion.current)
        if var tool = expected["tool"] as? [String: Any] {
            tool["version"] = SchemaLintVersion.current
            expected["tool"] = tool
        }

        let expectedDiagnostics = (expected["diagnostics"] as? [[String: Any]]) ?? []
        let actualDiagnostics = (actual["diagnostics"] as? [[String: Any]]) ?? []
        let expectedLines = expectedDiagnostics.map(Self.describe), actualLines = actualDiagnostics.map(Self.describe)
        #expect(actualLines == expectedLines, """
            fixtures/\(fixture.name): diagnostics differ
            missing:    \(expectedLines.filter { !actualLines.contains($0) })
            unexpected: \(actualLines.filter { !expectedLines.contains($0) })
            (if the change is intended: SCHEMALINT_UPDATE_FIXTURES=1 swift test --filter FixtureTests, then review)
            """)
        #expect(NSDictionary(dictionary: actual).isEqual(to: expected), """
            fixtures/\(fixture.name): JSON output differs from expected.json
            actual:
            \(run.stdout)
            """)

        // The exit code follows from the findings.
        let failing = expectedDiagnostics.contains { ["warning", "error"].contains($0["severity"] as? String ?? "") }
        #expect(run.exitCode == (failing ? 1 : 0), "\(run)")
    }

    /// One diagnostic on one line, every field, for readable differences.
    static func describe(_ d: [String: Any]) -> String {
        let keys = ["file", "line", "column", "endLine", "endColumn", "severity", "rule", "message", "help"]
        let known = keys.map { "\($0)=\(d[$0].map { "\($0)" } ?? "∅")" }
        let others = d.keys.filter { !keys.contains($0) }.sorted().map { "\($0)=\(d[$0]!)" }
        return (known + others).joined(separator: " ")
    }
}
