import Foundation
import Testing
@testable import SchemaLint

/// `--fix`, `--diff` and `--unsafe-fixes` as a user runs them: the built command on files in a scratch folder, the
/// bytes it writes, its summary and exit code.
@Suite("schemalint --fix and --diff")
struct FixCLITests {
    static func folder(_ files: [String: Data]) throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("schemalint-fix-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        for (name, data) in files { try data.write(to: dir.appendingPathComponent(name)) }
        return dir
    }

    static func read(_ dir: URL, _ name: String) throws -> Data { try Data(contentsOf: dir.appendingPathComponent(name)) }
    static func text(_ dir: URL, _ name: String) throws -> String { String(decoding: try read(dir, name), as: UTF8.self) }

    /// The findings of a JSON report, as (rule, has a suggestion, line).
    struct Finding {
        var rule: String
        var suggests: Bool
        var line: Int
    }

    static func findings(_ run: RunResult) -> [Finding] {
        ((run.json?["diagnostics"] as? [[String: Any]]) ?? []).map {
            Finding(rule: $0["rule"] as? String ?? "", suggests: $0["suggestion"] is String, line: $0["line"] as? Int ?? 0)
        }
    }

    /// For every rule that declares a fix, each bad example is fixed by `--fix --unsafe-fixes`: the file changes, the
    /// result parses, no finding of the rule that had a fix is left, and a second `--fix` changes nothing.
    @Test("Every rule's fix, applied by --fix to its bad examples, parses, removes the findings and is stable")
    func everyRuleWithAFix() throws {
        var fixedExamples = 0
        var rulesFixed = Set<String>()
        var optionRules = Set<String>()
        for rule in RuleRegistry.all {
            guard rule.metadata.fix != nil else { continue }
            for (index, example) in rule.metadata.bad.enumerated() {
                // Options come from a config file; the examples carry them as JSON, which the command does not read.
                let id = rule.metadata.id
                if example.options != nil {
                    optionRules.insert(id)
                    continue
                }
                let applied = try Self.fix(example, of: id, label: id + " bad[" + String(index) + "]")
                if applied {
                    fixedExamples += 1
                    rulesFixed.insert(id)
                }
            }
        }
        let declared = Set(RuleRegistry.all.filter { $0.metadata.fix != nil }.map { $0.metadata.id })
        // A rule whose every bad example needs options is covered by SuggestionTests (in process) instead.
        let neverApplied = declared.subtracting(rulesFixed).subtracting(optionRules).sorted()
        #expect(neverApplied.isEmpty, "rules with a declared fix that --fix never applied: \(neverApplied)")
        #expect(fixedExamples > 40, "only \(fixedExamples) examples fixed")
    }

    /// Fixes one bad example with the command; false when the rule suggests nothing on it.
    static func fix(_ example: RuleExample, of id: String, label: String) throws -> Bool {
        var files = ["example.sql": Data(MarkedSQL(example.sql).text.utf8)]
        if let before = example.before { files["before.sql"] = Data(MarkedSQL(before).text.utf8) }
        let dir = try folder(files)
        defer { try? FileManager.default.removeItem(at: dir) }
        var args = ["--isolated", "--select", ([id, SyntaxErrorRule.id] + example.alsoSelect).joined(separator: ",")]
        if let version = example.pgVersion { args += ["--pg-version", String(version)] }
        if example.assumeInTransaction { args += ["--assume-in-transaction"] }
        if example.before != nil { args += ["--context", "before.sql"] }
        args.append("example.sql")

        let before = findings(try CLI.run(["--format", "json"] + args, in: dir))
        let suggesting = before.filter { $0.rule == id && $0.suggests }
        if suggesting.isEmpty { return false }
        let original = try read(dir, "example.sql")
        let fix = try CLI.run(["--fix", "--unsafe-fixes", "--format", "json"] + args, in: dir)
        let exitedNormally = !fix.signalled && (fix.exitCode == 0 || fix.exitCode == 1)
        #expect(exitedNormally, "\(label): \(fix)")
        let fixed = try read(dir, "example.sql")
        let fixedText = String(decoding: fixed, as: UTF8.self)
        #expect(fixed != original, "\(label): --fix did not change the file\n\(fix)")
        #expect(fix.stderr.contains("Fixed "), "\(label): no summary: \(fix)")

        let after = findings(try CLI.run(["--format", "json"] + args, in: dir))
        let parses = !after.contains { $0.rule == SyntaxErrorRule.id }
        #expect(parses, "\(label): the fixed file does not parse:\n\(fixedText)")
        let left = after.filter { $0.rule == id && $0.suggests }.map(\.line)
        #expect(left.isEmpty, "\(label): findings with a fix are left on lines \(left):\n\(fixedText)")

        let again = try CLI.run(["--fix", "--unsafe-fixes", "--format", "json"] + args, in: dir)
        let second = try read(dir, "example.sql")
        #expect(second == fixed, "\(label): a second --fix changed the file\n\(again)")
        return true
    }

    /// A rule declares a fix exactly when its bad examples suggest one.
    @Test("Every rule that suggests declares its fix, and no rule that never suggests does")
    func declaredFixMatchesSuggestions() throws {
        for rule in RuleRegistry.all {
            var suggests = false
            for example in rule.metadata.bad {
                var rules = [ConfiguredRule(try rule.make(optionsJSON: example.options))]
                for id in example.alsoSelect { if let other = RuleRegistry.rule(id: id) { rules.append(ConfiguredRule(try other.make())) } }
                var files: [SourceFile] = []
                if let before = example.before { files.append(SourceFile(path: "before.sql", text: MarkedSQL(before).text)) }
                files.append(SourceFile(path: "example.sql", text: MarkedSQL(example.sql).text))
                let found = Linter(rules: rules, settings: example.settings).lint(files).diagnostics
                if found.contains(where: { $0.rule == rule.metadata.id && $0.suggestion != nil }) { suggests = true }
            }
            #expect(suggests == (rule.metadata.fix != nil),
                    "\(rule.metadata.id): suggests \(suggests), declares \(String(describing: rule.metadata.fix))")
        }
    }

    /// The table the migrations change, already in production: given with `--context`, replayed and never fixed.
    static let base = "CREATE TABLE dog (id bigint PRIMARY KEY, born timestamptz NOT NULL);\n"
    static let migration = """
        CREATE INDEX dog_born ON dog (born);
        ALTER TABLE dog ADD COLUMN walked timestamp;

        """
    static let selection = ["--isolated", "--no-assume-in-transaction", "--context", "base.sql",
                            "--select", "timestamp-without-time-zone,create-index-without-concurrently,syntax-error"]

    @Test("Safe fixes only by default; --unsafe-fixes adds the rest; the summary counts both; the mode is kept")
    func safeThenUnsafe() throws {
        let dir = try Self.folder(["base.sql": Data(Self.base.utf8), "m.sql": Data(Self.migration.utf8)])
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("m.sql").path
        try FileManager.default.setAttributes([.posixPermissions: 0o640], ofItemAtPath: path)

        let safe = try CLI.run(["--fix", "--format", "gcc"] + Self.selection + ["m.sql"], in: dir)
        #expect(safe.exitCode == 1, "\(safe)")
        let text = try Self.text(dir, "m.sql")
        #expect(text.contains("CREATE INDEX CONCURRENTLY dog_born ON dog (born);"), "\(text)")
        #expect(text.contains("walked timestamp;"), "the unsafe type change waits for --unsafe-fixes: \(text)")
        #expect(safe.stderr.contains("Fixed 1 finding"), "\(safe)")
        #expect(safe.stderr.contains("1 more with --unsafe-fixes"), "\(safe)")
        #expect(safe.stdout.contains("m.sql:2:") && safe.stdout.contains("timestamp-without-time-zone"), "the rest is reported: \(safe)")
        #expect(try Self.text(dir, "base.sql") == Self.base, "a context file is never fixed")
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(mode == 0o640, "mode \(String(describing: mode))")

        let unsafe = try CLI.run(["--fix", "--unsafe-fixes", "--format", "gcc"] + Self.selection + ["m.sql"], in: dir)
        #expect(unsafe.exitCode == 0, "\(unsafe)")
        #expect(unsafe.stdout.isEmpty, "\(unsafe)")
        let fixed = try Self.text(dir, "m.sql")
        #expect(fixed.contains("ALTER COLUMN walked TYPE timestamptz;"), "\(fixed)")
        let again = try CLI.run(["--fix", "--unsafe-fixes"] + Self.selection + ["m.sql"], in: dir)
        #expect(again.stderr.contains("Fixed 0 findings"), "\(again)")
        #expect(try Self.text(dir, "m.sql") == fixed)
    }

    @Test("CRLF line endings and a BOM are kept, and a file with a syntax error elsewhere is still fixed")
    func crlfBomAndSyntaxError() throws {
        let sql = "CREATE INDEX dog_born ON dog (born);\r\nCREATE TABLE broken (id int,;\r\nALTER TABLE dog ADD COLUMN walked timestamp;\r\n"
        let dir = try Self.folder(["base.sql": Data(Self.base.utf8), "m.sql": Data([0xEF, 0xBB, 0xBF] + Array(sql.utf8))])
        defer { try? FileManager.default.removeItem(at: dir) }
        let run = try CLI.run(["--fix", "--unsafe-fixes", "--format", "gcc"] + Self.selection + ["m.sql"], in: dir)
        #expect(run.exitCode == 1, "the syntax error remains: \(run)")
        #expect(run.stdout.contains("m.sql:2:") && run.stdout.contains("syntax error"), "\(run)")
        let bytes = [UInt8](try Self.read(dir, "m.sql"))
        let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
        #expect(Array(bytes.prefix(3)) == bom, "BOM kept")
        let text = String(decoding: bytes.dropFirst(3), as: UTF8.self)
        #expect(text.contains("CREATE INDEX CONCURRENTLY dog_born ON dog (born);"), "\(text)")
        #expect(text.contains("ALTER COLUMN walked TYPE timestamptz;"), "the statement after the broken one is fixed too: \(text)")
        #expect(text.contains("CREATE TABLE broken (id int,;\r\n"), "the broken statement is left as it was: \(text)")
        // Every line break is still CRLF, inserted lines included.
        let lf = bytes.indices.filter { bytes[$0] == 0x0A }
        let allCRLF = !lf.isEmpty && lf.allSatisfy { $0 > 0 && bytes[$0 - 1] == 0x0D }
        #expect(allCRLF, "a bare LF in: \(text.debugDescription)")
    }

    @Test("--diff prints a unified diff that patch applies, exactly as --fix would write, and changes nothing")
    func diffAppliesWithPatch() throws {
        let files = ["base.sql": Data(Self.base.utf8), "m.sql": Data(Self.migration.utf8)]
        let dir = try Self.folder(files)
        defer { try? FileManager.default.removeItem(at: dir) }
        let diff = try CLI.run(["--diff"] + Self.selection + ["m.sql"], in: dir)
        #expect(diff.exitCode == 1, "the unsafe finding would remain: \(diff)")
        #expect(try Self.text(dir, "m.sql") == Self.migration, "--diff wrote the file")
        let expected = """
            --- a/m.sql
            +++ b/m.sql
            @@ -1,2 +1,2 @@
            -CREATE INDEX dog_born ON dog (born);
            +CREATE INDEX CONCURRENTLY dog_born ON dog (born);
             ALTER TABLE dog ADD COLUMN walked timestamp;

            """
        #expect(diff.stdout == expected, "\(diff)")

        let patchFile = dir.appendingPathComponent("fix.patch")
        try Data(diff.stdout.utf8).write(to: patchFile)
        let patch = Process()
        patch.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        patch.arguments = ["patch", "-p1", "-i", patchFile.path]
        patch.currentDirectoryURL = dir
        patch.standardOutput = FileHandle.nullDevice
        try patch.run()
        patch.waitUntilExit()
        #expect(patch.terminationStatus == 0, "patch -p1 failed")
        let patched = try Self.text(dir, "m.sql")

        let dir2 = try Self.folder(files)
        defer { try? FileManager.default.removeItem(at: dir2) }
        _ = try CLI.run(["--fix"] + Self.selection + ["m.sql"], in: dir2)
        #expect(try Self.text(dir2, "m.sql") == patched)
    }

    @Test("Standard input: --fix prints the fixed SQL on stdout and the report on stderr")
    func standardInput() throws {
        let dir = try Self.folder(["base.sql": Data(Self.base.utf8)])
        defer { try? FileManager.default.removeItem(at: dir) }
        let run = try CLI.run(["--fix", "--format", "gcc"] + Self.selection + ["--stdin-filename", "m.sql", "-"], stdin: Self.migration, in: dir)
        let expected = Self.migration.replacingOccurrences(of: "CREATE INDEX dog_born", with: "CREATE INDEX CONCURRENTLY dog_born")
        #expect(run.stdout == expected, "\(run)")
        #expect(run.stderr.contains("Fixed 1 finding"), "\(run)")
        #expect(run.stderr.contains("m.sql:2:"), "the remaining finding is reported on stderr: \(run)")
    }

    @Test("--unsafe-fixes alone, or --fix with --write-baseline, is a usage error")
    func usageErrors() throws {
        let a = try CLI.run(["--unsafe-fixes", "-"], stdin: "SELECT 1;\n")
        #expect(a.exitCode == 2 && a.stderr.contains("--unsafe-fixes needs --fix or --diff"), "\(a)")
        let b = try CLI.run(["--fix", "--write-baseline", "b.json", "-"], stdin: "SELECT 1;\n")
        #expect(b.exitCode == 2, "\(b)")
    }
}
