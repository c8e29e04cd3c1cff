import Foundation
import Testing
import SchemaLint

/// Real-world DDL from `../shared/corpus` (see its MANIFEST.md): the linter must get through all of it without
/// crashing, with plausible counts, and report the parse failures the manifest lists where it lists them.
@Suite("Corpus")
struct CorpusTests {
    struct Corpus: CustomTestStringConvertible, Sendable {
        var folder: String
        /// Statements that parse with libpg_query 15, per MANIFEST.md (in failing files, the statements that parse).
        var manifestStatements: Int
        /// Files with a syntax error, per MANIFEST.md: nil when the manifest expects some but does not list them all.
        var filesWithSyntaxErrors: Set<String>?
        var testDescription: String { folder }
    }

    static let corpora: [Corpus] = [
        Corpus(folder: "lago-structure", manifestStatements: 2_684, filesWithSyntaxErrors: []),
        Corpus(folder: "lemmy", manifestStatements: 2_618 + 42,
               filesWithSyntaxErrors: ["lemmy/migrations/2025-08-01-000016_smoosh-tables-together/up.sql"]),
        Corpus(folder: "mattermost", manifestStatements: 423, filesWithSyntaxErrors: []),
        // Adversarial (psql meta-commands, deliberate errors): 100 of 224 files fail somewhere.
        Corpus(folder: "pg-regress-15", manifestStatements: 13_749 + 25_528, filesWithSyntaxErrors: nil),
    ]

    @Test("The corpus is present")
    func corpusPresent() {
        var isDirectory: ObjCBool = false
        #expect(FileManager.default.fileExists(atPath: TestPaths.corpus.path, isDirectory: &isDirectory) && isDirectory.boolValue,
                "the test corpus is missing: expected it at \(TestPaths.corpus.path) (<repo>/../shared/corpus)")
        let present = Set((try? FileManager.default.contentsOfDirectory(atPath: TestPaths.corpus.path)) ?? [])
        for corpus in Self.corpora {
            #expect(present.contains(corpus.folder), "corpus folder \(corpus.folder) is missing from \(TestPaths.corpus.path)")
        }
    }

    @Test("Linting a corpus folder completes with sane output", arguments: corpora)
    func lintCorpus(_ corpus: Corpus) throws {
        let root = TestPaths.corpus
        let folder = root.appendingPathComponent(corpus.folder)
        var isDirectory: ObjCBool = false
        try #require(FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory) && isDirectory.boolValue,
                     "corpus folder missing: \(folder.path) (the corpus belongs at <repo>/../shared/corpus)")
        let sqlFiles = Self.sqlFiles(under: folder, relativeTo: root)
        try #require(!sqlFiles.isEmpty, "no .sql files under \(folder.path)")

        let run = try CLI.run(["--format", "json", corpus.folder], in: root, timeout: 60)
        #expect(!run.signalled, "schemalint crashed: \(run)")
        #expect(run.exitCode == 0 || run.exitCode == 1, "\(run)")
        #expect(run.stderr.isEmpty, "\(run)")
        let json = try #require(run.json, "output is not JSON: \(run.stdout.prefix(2000))")
        let summary = try #require(json["summary"] as? [String: Any])
        let diagnostics = try #require(json["diagnostics"] as? [[String: Any]])

        #expect(summary["files"] as? Int == sqlFiles.count, "every .sql file below the folder is linted")
        let statements = summary["statements"] as? Int ?? -1
        let tolerance = max(10, corpus.manifestStatements / 50)
        #expect(abs(statements - corpus.manifestStatements) <= tolerance,
                "\(statements) statements; MANIFEST.md says \(corpus.manifestStatements) parse with libpg_query 15")
        #expect(summary["diagnostics"] as? Int == diagnostics.count)
        let severities = diagnostics.map { $0["severity"] as? String ?? "" }
        #expect(summary["errors"] as? Int == severities.filter { $0 == "error" }.count)
        #expect(summary["warnings"] as? Int == severities.filter { $0 == "warning" }.count)
        #expect(run.exitCode == (severities.contains { $0 == "warning" || $0 == "error" } ? 1 : 0))

        // Every finding points into a linted file, within its lines, with a known rule.
        let known = Set(RuleRegistry.all.map { $0.metadata.id })
        let fileSet = Set(sqlFiles)
        var lineCounts: [String: Int] = [:]
        for d in diagnostics {
            let file = d["file"] as? String ?? ""
            guard fileSet.contains(file) else { Issue.record("finding in a file that was not linted: \(d)"); continue }
            if lineCounts[file] == nil {
                let data = FileManager.default.contents(atPath: root.appendingPathComponent(file).path) ?? Data()
                lineCounts[file] = data.reduce(1) { $1 == UInt8(ascii: "\n") ? $0 + 1 : $0 }
            }
            let (line, endLine) = (d["line"] as? Int ?? 0, d["endLine"] as? Int ?? 0)
            #expect(known.contains(d["rule"] as? String ?? ""), "\(d)")
            #expect(line >= 1 && line <= endLine && endLine <= lineCounts[file]!, "finding outside its file: \(d)")
            #expect((d["column"] as? Int ?? 0) >= 1, "\(d)")
        }

        let syntaxErrors = diagnostics.filter { $0["rule"] as? String == "syntax-error" }
        if let expected = corpus.filesWithSyntaxErrors {
            let files = Set(syntaxErrors.compactMap { $0["file"] as? String })
            #expect(files == expected, "syntax errors in \(files.sorted()), MANIFEST.md lists \(expected.sorted())")
        } else {
            #expect(!syntaxErrors.isEmpty, "this corpus is adversarial: syntax errors are expected")
        }
        if corpus.folder == "lemmy" {
            let smoosh = syntaxErrors.filter {
                $0["file"] as? String == "lemmy/migrations/2025-08-01-000016_smoosh-tables-together/up.sql"
            }
            #expect(smoosh.contains { $0["line"] as? Int == 13 }, "MANIFEST.md: a syntax error at line 13: \(smoosh)")
            #expect(smoosh.contains { ($0["message"] as? String ?? "").contains("subquery in FROM must have an alias") },
                    "\(smoosh)")
        }
    }

    /// `.sql` files below a folder, as paths relative to `root` (how the linter reports them when run from there).
    static func sqlFiles(under folder: URL, relativeTo root: URL) -> [String] {
        guard let walker = FileManager.default.enumerator(atPath: folder.path) else { return [] }
        let prefix = folder.lastPathComponent
        var files: [String] = []
        while let path = walker.nextObject() as? String {
            let name = (path as NSString).lastPathComponent
            if name.hasPrefix(".") { walker.skipDescendants(); continue }
            if name.lowercased().hasSuffix(".sql") { files.append(prefix + "/" + path) }
        }
        return files
    }
}
