import Foundation
import Testing
@testable import SchemaLint

/// What users read, pinned: every bad example's findings of its rule, rendered by the text reporter (message, the
/// source line with its carets, help, suggestion), kept in `Tests/snapshots/<rule-id>.txt`. A wording change is then a
/// reviewed change of that file. Regenerate with `SCHEMALINT_UPDATE_SNAPSHOTS=1 swift test --filter MessageSnapshotTests`
/// and read the diff before committing it.
@Suite("Message snapshots")
struct MessageSnapshotTests {
    static let folder = TestPaths.repoRoot.appendingPathComponent("Tests/snapshots")
    static let updating = ProcessInfo.processInfo.environment["SCHEMALINT_UPDATE_SNAPSHOTS"] == "1"

    /// The snapshot text of one rule: each bad example's SQL, then its findings as `schemalint` prints them.
    static func render(_ rule: any Rule.Type) throws -> String {
        var out = ""
        for index in rule.metadata.bad.indices {
            let testCase = RuleExampleCase(ruleID: rule.metadata.id, kind: .bad, index: index)
            let (result, file, files) = try testCase.lint()
            let findings = result.diagnostics.filter { $0.rule == rule.metadata.id && $0.file == file.path }
            let report = Report(result: LintResult(diagnostics: findings, files: files.count, statements: result.statements),
                                sources: files)
            out += "── bad[\(index)] ──\n" + MarkedSQL(testCase.example.sql).text.trimming(.newlines) + "\n\n"
                + TextReporter(color: false).render(report) + "\n"
        }
        return out
    }

    @Test("Snapshot", arguments: RuleRegistry.all.map { $0.metadata.id })
    func snapshot(_ id: String) throws {
        let rule = try #require(RuleRegistry.rule(id: id))
        let rendered = try Self.render(rule)
        let url = Self.folder.appendingPathComponent("\(id).txt")
        if Self.updating {
            try FileManager.default.createDirectory(at: Self.folder, withIntermediateDirectories: true)
            try rendered.write(to: url, atomically: true, encoding: .utf8)
            return
        }
        let recorded = try? String(contentsOf: url, encoding: .utf8)
        #expect(recorded != nil, "no snapshot for \(id): run SCHEMALINT_UPDATE_SNAPSHOTS=1 swift test --filter MessageSnapshotTests")
        guard let recorded else { return }
        #expect(recorded == rendered, """
            \(id)'s findings read differently from Tests/snapshots/\(id).txt. If the change is meant, \
            regenerate with SCHEMALINT_UPDATE_SNAPSHOTS=1 swift test --filter MessageSnapshotTests and review the diff.
            now:
            \(rendered)
            """)
    }

    @Test("No snapshot without a rule")
    func noStaleSnapshots() throws {
        let ids = Set(RuleRegistry.all.map { $0.metadata.id })
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.folder.path).filter { $0.hasSuffix(".txt") }
        let stale = files.filter { !ids.contains(String($0.dropLast(4))) }
        if Self.updating {
            for name in stale { try FileManager.default.removeItem(at: Self.folder.appendingPathComponent(name)) }
            return
        }
        #expect(stale.isEmpty, "snapshots of rules that no longer exist: \(stale)")
    }
}
