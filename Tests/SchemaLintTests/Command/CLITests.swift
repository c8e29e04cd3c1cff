import Foundation
import Testing
import SchemaLint

/// The `schemalint` command as a user runs it: exit codes, stderr, text and JSON output, input order.
@Suite("Command line")
struct CLITests {
    static let clean = "CREATE TABLE dog (id bigint PRIMARY KEY, name text NOT NULL, created_at timestamptz NOT NULL, "
        + "updated_at timestamptz NOT NULL);\n"
    /// Four warnings: the inline REFERENCES is unnamed-constraint, fk-without-on-delete and fk-without-index
    /// (all at 4:20), and born_at is timestamp-without-time-zone (5:3). Both tables have their audit columns.
    static let flawed = """
        CREATE TABLE client (id bigint PRIMARY KEY, created_at timestamptz NOT NULL, updated_at timestamptz NOT NULL);
        CREATE TABLE dog (
          id bigint PRIMARY KEY,
          client_id bigint REFERENCES client (id),
          born_at timestamp,
          created_at timestamptz NOT NULL, updated_at timestamptz NOT NULL
        );

        """

    /// `(file, line, column, rule)` of every diagnostic in a JSON document.
    static func findings(_ json: [String: Any]?) -> [(file: String, line: Int, column: Int, rule: String)] {
        ((json?["diagnostics"] as? [[String: Any]]) ?? []).map {
            ($0["file"] as? String ?? "?", $0["line"] as? Int ?? -1, $0["column"] as? Int ?? -1, $0["rule"] as? String ?? "?")
        }
    }

    static func rules(_ json: [String: Any]?) -> Set<String> { Set(findings(json).map(\.rule)) }

    // MARK: exit codes

    @Test("Exit 0 and no problems on a clean file")
    func cleanFile() throws {
        let dir = try TempFolder(["clean.sql": Self.clean])
        let run = try CLI.run([dir.path("clean.sql")])
        #expect(run.exitCode == 0 && !run.signalled, "\(run)")
        #expect(run.stderr.isEmpty, "\(run)")
        #expect(run.stdout.contains("No problems found in 1 file (1 statement)."), "\(run)")
    }

    @Test("Exit 1 when there are findings")
    func findingsExitOne() throws {
        let dir = try TempFolder(["flawed.sql": Self.flawed])
        let run = try CLI.run(["--format", "json", dir.path("flawed.sql")])
        #expect(run.exitCode == 1 && !run.signalled, "\(run)")
        #expect(run.stderr.isEmpty, "\(run)")
        #expect(Self.rules(run.json) == ["fk-without-on-delete", "fk-without-index", "unnamed-constraint",
                                         "timestamp-without-time-zone"], "\(run)")
    }

    @Test("A missing path: exit 2, one line on stderr, and the other paths are still linted")
    func missingPath() throws {
        let dir = try TempFolder(["flawed.sql": Self.flawed, "clean.sql": Self.clean])
        let missing = dir.path("nope.sql")
        let run = try CLI.run(["--format", "json", dir.path("clean.sql"), missing, dir.path("flawed.sql")])
        #expect(run.exitCode == 2 && !run.signalled, "\(run)")
        #expect(run.stderrLines.count == 1, "\(run)")
        #expect(run.stderr.hasPrefix("schemalint: error: "), "\(run)")
        #expect(run.stderr.contains(missing), "stderr should name the missing path: \(run)")
        let json = try #require(run.json, "stdout should still be the JSON report: \(run)")
        #expect((json["summary"] as? [String: Any])?["files"] as? Int == 2, "\(run)")
        #expect(Self.findings(json).contains { $0.file == dir.path("flawed.sql") }, "\(run)")
    }

    @Test("Usage errors exit 2 with a one-line reason on stderr", arguments: [
        ["--select", "no-such-rule", "PATH"],
        ["--ignore", "no-such-rule", "PATH"],
        ["--select", "fk-without-index,nope", "PATH"],
        [],
        ["--format", "xml", "PATH"],
        ["--pg-version", "3", "PATH"],
        ["--no-such-flag", "PATH"],
    ])
    func usageError(_ arguments: [String]) throws {
        let dir = try TempFolder(["flawed.sql": Self.flawed])
        let run = try CLI.run(arguments.map { $0 == "PATH" ? dir.path("flawed.sql") : $0 })
        #expect(run.exitCode == 2 && !run.signalled, "\(run)")
        #expect(run.stderrLines.count == 1, "stderr should be one line: \(run)")
        #expect(run.stderr.hasPrefix("schemalint: error: "), "\(run)")
        #expect(run.stdout.isEmpty, "nothing is linted on a usage error: \(run)")
    }

    @Test("An unknown --select id is named in the error")
    func unknownSelectNamed() throws {
        let run = try CLI.run(["--select", "no-such-rule", "-"], stdin: Self.clean)
        #expect(run.exitCode == 2, "\(run)")
        #expect(run.stderr.contains("no-such-rule"), "\(run)")
    }

    @Test("No paths: exit 2 and a reason")
    func noPaths() throws {
        let run = try CLI.run([])
        #expect(run.exitCode == 2, "\(run)")
        #expect(run.stderrLines.count == 1 && run.stderr.hasPrefix("schemalint: error: "), "\(run)")
    }

    // MARK: standard input

    @Test("Standard input is reported under --stdin-filename")
    func stdinFilename() throws {
        let run = try CLI.run(["--format", "json", "--stdin-filename", "db/x.sql", "-"], stdin: Self.flawed)
        #expect(run.exitCode == 1, "\(run)")
        let files = Set(Self.findings(run.json).map(\.file))
        #expect(files == ["db/x.sql"], "\(run)")

        let text = try CLI.run(["--stdin-filename", "db/x.sql", "-"], stdin: Self.flawed)
        #expect(text.stdout.contains("db/x.sql:4:20: warning[fk-without-on-delete]"), "\(text)")
    }

    @Test("Standard input without a name is <stdin>")
    func stdinDefaultName() throws {
        let run = try CLI.run(["--format", "json", "-"], stdin: Self.flawed)
        #expect(Set(Self.findings(run.json).map(\.file)) == ["<stdin>"], "\(run)")
    }

    // MARK: rule selection

    struct SelectionCase: CustomTestStringConvertible, Sendable {
        var arguments: [String]
        var expected: Set<String>
        var testDescription: String { arguments.joined(separator: " ") }
    }

    /// `flawed` plus a float-for-money error and an alter-column-type (safety) warning on another table (with a
    /// lock_timeout, so missing-lock-timeout stays quiet; non-idempotent-statement is opt-in).
    static let selectionSQL = flawed + """
        CREATE TABLE invoice (id bigint PRIMARY KEY, total double precision NOT NULL, created_at timestamptz NOT NULL,
                              updated_at timestamptz NOT NULL);
        SET lock_timeout = '2s';
        ALTER TABLE walk ALTER COLUMN minutes TYPE bigint;

        """

    @Test("--select and --ignore by id and by category", arguments: [
        SelectionCase(arguments: [], expected: ["fk-without-on-delete", "fk-without-index", "unnamed-constraint",
                                                "timestamp-without-time-zone", "float-for-money", "alter-column-type"]),
        SelectionCase(arguments: ["--select", "float-for-money"], expected: ["float-for-money"]),
        SelectionCase(arguments: ["--select", "float-for-money,fk-without-index"], expected: ["float-for-money", "fk-without-index"]),
        SelectionCase(arguments: ["--select", "safety"], expected: ["alter-column-type", "non-idempotent-statement"]),
        SelectionCase(arguments: ["--select", "syntax"], expected: []),
        // `all` adds the opt-in rules: the unnamed primary keys are not pk_<table>, no trigger maintains updated_at.
        SelectionCase(arguments: ["--select", "all"], expected: ["fk-without-on-delete", "fk-without-index", "unnamed-constraint",
                                                                  "timestamp-without-time-zone", "float-for-money", "alter-column-type",
                                                                  "constraint-name-mismatch", "updated-at-without-trigger",
                                                                  "non-idempotent-statement"]),
        SelectionCase(arguments: ["--ignore", "design"], expected: ["alter-column-type"]),
        SelectionCase(arguments: ["--ignore", "fk-without-index,alter-column-type"],
                      expected: ["fk-without-on-delete", "unnamed-constraint", "timestamp-without-time-zone", "float-for-money"]),
        SelectionCase(arguments: ["--select", "design", "--ignore", "float-for-money,unnamed-constraint"],
                      expected: ["fk-without-on-delete", "fk-without-index", "timestamp-without-time-zone",
                                 "updated-at-without-trigger"]),
        SelectionCase(arguments: ["--select", "safety,float-for-money"],
                      expected: ["alter-column-type", "float-for-money", "non-idempotent-statement"]),
        SelectionCase(arguments: ["--select", "naming"], expected: ["constraint-name-mismatch"]),
        SelectionCase(arguments: ["--select", "strict"], expected: ["fk-without-on-delete", "fk-without-index", "unnamed-constraint",
                                                                     "timestamp-without-time-zone", "float-for-money",
                                                                     "alter-column-type", "constraint-name-mismatch"]),
    ])
    func selection(_ testCase: SelectionCase) throws {
        let run = try CLI.run(["--format", "json"] + testCase.arguments + ["-"], stdin: Self.selectionSQL)
        #expect(run.exitCode == (testCase.expected.isEmpty ? 0 : 1), "\(run)")
        #expect(Self.rules(run.json) == testCase.expected, "\(run)")
    }

    // MARK: output formats

    @Test("Text format: location line, source excerpt, help line, summary")
    func textFormat() throws {
        let run = try CLI.run(["--stdin-filename", "db/x.sql", "-"], stdin: Self.flawed)
        #expect(run.exitCode == 1, "\(run)")
        let lines = run.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let head = try Regex(#"^(\S+):(\d+):(\d+): (error|warning|info)\[([a-z0-9-]+)\] \S.*$"#)
        let heads = lines.filter { $0.wholeMatch(of: head) != nil }
        #expect(heads.count == 4, "\(run)")
        #expect(heads.allSatisfy { $0.hasPrefix("db/x.sql:") }, "\(run)")
        #expect(heads.contains("db/x.sql:4:20: warning[fk-without-on-delete] Foreign key \"dog\" (client_id) → \"client\" has no ON DELETE clause"),
                "\(run)")
        // Each finding: its head line, the source line with carets, a help line, the suggestion if any (its
        // further lines indented), a blank line.
        for (i, line) in lines.enumerated() where line.wholeMatch(of: head) != nil {
            guard i + 4 < lines.count else { Issue.record("finding at the end of the output: \(run)"); continue }
            #expect(lines[i + 1].hasPrefix("  ") && lines[i + 1].contains(" | "), "source line expected after \(line)")
            #expect(lines[i + 2].contains(" | ") && lines[i + 2].contains("^"), "carets expected after \(line)")
            #expect(lines[i + 3].hasPrefix("  help: "), "help line expected after \(line)")
            var end = i + 4
            if lines[end].hasPrefix("  suggestion: ") {
                end += 1
                while end < lines.count, lines[end].hasPrefix("              ") { end += 1 }
            }
            #expect(end < lines.count && lines[end].isEmpty, "blank line expected after the help of \(line)")
        }
        // The carets of fk-without-on-delete sit under `REFERENCES client (id)` (column 20, 22 characters).
        if let i = lines.firstIndex(where: { $0.contains("[fk-without-on-delete]") }), i + 2 < lines.count {
            #expect(lines[i + 1] == "  4 |   client_id bigint REFERENCES client (id),", "\(run)")
            #expect(lines[i + 2] == "    |                    " + String(repeating: "^", count: 22), "\(run)")
        }
        let summary = lines.last(where: { !$0.isEmpty })
        #expect(summary == "Found 4 problems (0 errors, 4 warnings, 0 info) in 1 file (2 statements).", "\(run)")
        #expect(!run.stdout.contains("\u{1B}["), "NO_COLOR is set: no escape codes expected")
    }

    @Test("--color always paints, --color never does not")
    func color() throws {
        let always = try CLI.run(["--color", "always", "-"], stdin: Self.flawed)
        #expect(always.stdout.contains("\u{1B}["), "\(always)")
        let never = try CLI.run(["--color", "never", "-"], stdin: Self.flawed, environment: ["NO_COLOR": ""])
        #expect(!never.stdout.contains("\u{1B}["), "\(never)")
    }

    @Test("JSON format: exactly the documented keys, counts that agree, sorted diagnostics")
    func jsonFormat() throws {
        let run = try CLI.run(["--format", "json", "--stdin-filename", "db/x.sql", "-"], stdin: Self.selectionSQL)
        #expect(run.exitCode == 1, "\(run)")
        let json = try #require(run.json, "stdout is not a JSON object: \(run)")
        #expect(Set(json.keys) == ["tool", "diagnostics", "summary"])
        let tool = try #require(json["tool"] as? [String: Any])
        #expect(Set(tool.keys) == ["name", "version"])
        #expect(tool["name"] as? String == "schemalint")
        #expect(tool["version"] as? String == SchemaLintVersion.current)

        let diagnostics = try #require(json["diagnostics"] as? [[String: Any]])
        #expect(diagnostics.count == 6, "\(run)")
        // The foundation's fields, plus `suggestion` (string or null) from the design catalogue, `object`
        // (the qualified object, or null) and `suppression` (null unless --include-suppressed).
        let keys: Set<String> = ["rule", "severity", "message", "help", "suggestion", "file", "line", "column", "endLine",
                                 "endColumn", "object", "suppression"]
        for d in diagnostics {
            #expect(Set(d.keys) == keys, "\(d)")
            for key in ["rule", "severity", "message", "file"] { #expect(d[key] is String, "\(key) in \(d)") }
            #expect(d["help"] is String || d["help"] is NSNull, "\(d)")
            #expect(d["suggestion"] is String || d["suggestion"] is NSNull, "\(d)")
            #expect(d["object"] is String || d["object"] is NSNull, "\(d)")
            #expect(d["suppression"] is NSNull, "nothing is suppressed here: \(d)")
            for key in ["line", "column", "endLine", "endColumn"] { #expect((d[key] as? Int).map { $0 >= 1 } == true, "\(key) in \(d)") }
            #expect(["error", "warning", "info"].contains(d["severity"] as? String ?? ""), "\(d)")
            let start = (d["line"] as? Int ?? 0, d["column"] as? Int ?? 0), end = (d["endLine"] as? Int ?? 0, d["endColumn"] as? Int ?? 0)
            #expect(start <= end, "a span ends before it starts: \(d)")
        }
        let positions = Self.findings(json).map { ($0.file, $0.line, $0.column) }
        #expect(zip(positions, positions.dropFirst()).allSatisfy { $0 <= $1 }, "diagnostics not sorted: \(positions)")

        let summary = try #require(json["summary"] as? [String: Any])
        #expect(Set(summary.keys) == ["files", "statements", "unparsed", "diagnostics", "errors", "warnings", "layout", "setAside", "embedded"])
        #expect(summary["layout"] as? String == "plain" && summary["setAside"] as? Int == 0)
        #expect(summary["files"] as? Int == 1)
        #expect(summary["statements"] as? Int == 5)
        #expect(summary["diagnostics"] as? Int == 6)
        #expect(summary["errors"] as? Int == 1)
        #expect(summary["warnings"] as? Int == 5)
    }

    @Test("JSON for a clean run has an empty diagnostics list")
    func jsonClean() throws {
        let run = try CLI.run(["--format", "json", "-"], stdin: Self.clean)
        #expect(run.exitCode == 0, "\(run)")
        let json = try #require(run.json, "\(run)")
        #expect((json["diagnostics"] as? [Any])?.isEmpty == true, "\(run)")
        #expect((json["summary"] as? [String: Any])?["diagnostics"] as? Int == 0, "\(run)")
    }

    // MARK: input order

    @Test("A folder is linted in natural order (2 before 10), and reported in that order")
    func folderNaturalOrder() throws {
        let dir = try TempFolder([
            "2_a.sql": """
                CREATE TABLE client (id bigint PRIMARY KEY);
                CREATE TABLE dog (id bigint PRIMARY KEY, client_id bigint REFERENCES client (id) ON DELETE CASCADE,
                                  born timestamp);

                """,
            // The index covers 2_a's foreign key; the type change is on a table created in an earlier file.
            "10_b.sql": """
                CREATE INDEX dog_client_id_idx ON dog (client_id);
                ALTER TABLE dog ALTER COLUMN born TYPE timestamptz;

                """,
            "notes.txt": "not SQL",
            "sub/11_c.sql": "CREATE TABLE walks (id bigint PRIMARY KEY);\n",
        ])
        let run = try CLI.run(["--format", "json", dir.url.path])
        #expect(run.exitCode == 1, "\(run)")
        let json = try #require(run.json, "\(run)")
        let found = Self.findings(json)
        #expect(!found.contains { $0.rule == "fk-without-index" }, "the index in 10_b.sql covers the key: \(run)")
        // alter-column-type fires only because 10_b runs after 2_a (the table is not new in 10_b).
        #expect(found.contains { $0.rule == "alter-column-type" && $0.file.hasSuffix("/10_b.sql") }, "\(run)")
        #expect((json["summary"] as? [String: Any])?["files"] as? Int == 3, "notes.txt is not SQL: \(run)")
        let files = found.map { URL(fileURLWithPath: $0.file).lastPathComponent }
        var order: [String] = []
        for file in files where order.last != file { order.append(file) }
        #expect(order == ["2_a.sql", "10_b.sql", "11_c.sql"], "reported in natural order: \(run)")

        let text = try CLI.run([dir.url.path])
        let heads = text.stdout.split(separator: "\n").filter { $0.contains(": warning[") || $0.contains(": error[") }
        #expect(heads.first?.contains("2_a.sql:") == true && heads.last?.contains("11_c.sql:") == true, "\(text)")
    }

    @Test("Several files are linted in the order given")
    func filesInOrderGiven() throws {
        let dir = try TempFolder([
            "b_create.sql": "CREATE TABLE dog (id bigint PRIMARY KEY, note varchar(100), created_at timestamptz NOT NULL, "
                + "updated_at timestamptz NOT NULL);\n",
            "a_alter.sql": "SET lock_timeout = '2s';\nALTER TABLE dog ALTER COLUMN note TYPE text;\n",
        ])
        // Created first, then widened to text: binary-compatible, nothing to report.
        let forward = try CLI.run(["--format", "json", dir.path("b_create.sql"), dir.path("a_alter.sql")])
        #expect(forward.exitCode == 0, "\(forward)")
        #expect(Self.findings(forward.json).isEmpty, "\(forward)")
        // The other way round the old type is unknown when the ALTER runs, so it is flagged.
        let backward = try CLI.run(["--format", "json", dir.path("a_alter.sql"), dir.path("b_create.sql")])
        #expect(backward.exitCode == 1, "\(backward)")
        #expect(Self.findings(backward.json).map(\.rule) == ["alter-column-type"], "\(backward)")
        #expect((backward.json?["summary"] as? [String: Any])?["files"] as? Int == 2)
    }

    @Test("Files given in an order are reported in that order")
    func reportedInOrderGiven() throws {
        let dir = try TempFolder(["b.sql": "CREATE TABLE dogs (id int);\n", "a.sql": "CREATE TABLE cats (id int);\n"])
        let run = try CLI.run(["--format", "json", "--select", "table-name-inflection", dir.path("b.sql"), dir.path("a.sql")])
        let files = Self.findings(run.json).map { URL(fileURLWithPath: $0.file).lastPathComponent }
        #expect(files == ["b.sql", "a.sql"], "\(run)")
    }

    // MARK: subcommands

    @Test("`schemalint rules` lists every rule")
    func rulesSubcommand() throws {
        let run = try CLI.run(["rules"])
        #expect(run.exitCode == 0, "\(run)")
        let ids = run.stdout.split(separator: "\n").compactMap { $0.split(separator: " ").first.map(String.init) }
        #expect(ids == RuleRegistry.all.map { $0.metadata.id }, "\(run)")
    }

    @Test("`schemalint generate-docs --check` accepts the committed rules/ folder")
    func generateDocsCheck() throws {
        let run = try CLI.run(["generate-docs", "--check", "--output", TestPaths.repoRoot.appendingPathComponent("rules").path])
        #expect(run.exitCode == 0, "rules/ is stale, run `swift run schemalint generate-docs`: \(run)")
    }

    @Test("`schemalint generate-docs --check` fails on a stale folder and writes nothing; without --check it writes")
    func generateDocsStale() throws {
        let dir = try TempFolder(["README.md": "old\n"])
        let check = try CLI.run(["generate-docs", "--check", "--output", dir.url.path])
        #expect(check.exitCode == 1, "\(check)")
        #expect(check.stderr.hasPrefix("schemalint: error: "), "\(check)")
        #expect(try String(contentsOfFile: dir.path("README.md"), encoding: .utf8) == "old\n")

        let write = try CLI.run(["generate-docs", "--output", dir.url.path])
        #expect(write.exitCode == 0, "\(write)")
        for page in RuleDocumentation.allPages() {
            #expect((try? String(contentsOfFile: dir.path(page.name), encoding: .utf8)) == page.content, "\(page.name)")
        }
        let again = try CLI.run(["generate-docs", "--check", "--output", dir.url.path])
        #expect(again.exitCode == 0, "\(again)")
    }

    @Test("--version prints the version")
    func version() throws {
        let run = try CLI.run(["--version"])
        #expect(run.exitCode == 0, "\(run)")
        #expect(run.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == SchemaLintVersion.current, "\(run)")
    }
}
