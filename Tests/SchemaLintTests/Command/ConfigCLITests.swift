import Foundation
import Testing
import SchemaLint

/// `.schemalint.toml` as a user meets it: found from the working directory, `--config`, `--isolated`, flags
/// over the file, `exclude`, `[[overrides]]`, `ignore-objects`, per-rule severity and options, and config errors.
@Suite("Configuration on the command line")
struct ConfigCLITests {
    /// timestamp-without-time-zone on walk.started_at (2:41), float-for-money on walk.fee (2:64), and a plural
    /// table name (table-name-inflection, 3:1).
    static let sql = """
        CREATE TABLE client (id bigint PRIMARY KEY);
        CREATE TABLE walk (id bigint PRIMARY KEY, started_at timestamp, fee real);
        CREATE TABLE dogs (id bigint PRIMARY KEY);

        """
    static let select = "select = [\"timestamp-without-time-zone\", \"float-for-money\", \"table-name-inflection\"]\n"

    static func found(_ run: RunResult) -> [String] {
        ((run.json?["diagnostics"] as? [[String: Any]]) ?? []).map {
            "\(($0["file"] as? String).map { URL(fileURLWithPath: $0).lastPathComponent } ?? "?"):\($0["line"] as? Int ?? 0) "
                + "\($0["severity"] as? String ?? "?")[\($0["rule"] as? String ?? "?")]"
        }
    }

    @Test("The nearest .schemalint.toml above the working directory applies; --isolated ignores it; --config picks another")
    func discovery() throws {
        let dir = try TempFolder([
            ".schemalint.toml": Self.select + "ignore = [\"float-for-money\"]\n",
            "db/sub/schema.sql": Self.sql,
            "strict.toml": Self.select,
        ])
        let sub = dir.url.appendingPathComponent("db/sub")
        let discovered = try CLI.run(["--format", "json", "schema.sql"], in: sub)
        #expect(Self.found(discovered) == ["schema.sql:2 warning[timestamp-without-time-zone]", "schema.sql:3 warning[table-name-inflection]"],
                "\(discovered)")

        let isolated = try CLI.run(["--format", "json", "--isolated", "--select", "float-for-money", "schema.sql"], in: sub)
        #expect(Self.found(isolated) == ["schema.sql:2 error[float-for-money]"], "\(isolated)")

        let explicit = try CLI.run(["--format", "json", "--config", "../../strict.toml", "schema.sql"], in: sub)
        #expect(Self.found(explicit).count == 3, "\(explicit)")
    }

    @Test("Command-line flags override the file")
    func flagsWin() throws {
        let dir = try TempFolder([
            ".schemalint.toml": Self.select + "pg-version = 11\n[rules.timestamp-without-time-zone]\nseverity = \"error\"\n",
            "x.sql": Self.sql,
        ])
        let file = try CLI.run(["--format", "json", "x.sql"], in: dir.url)
        #expect(Self.found(file) == ["x.sql:2 error[timestamp-without-time-zone]", "x.sql:2 error[float-for-money]",
                                     "x.sql:3 warning[table-name-inflection]"], "\(file)")
        let flags = try CLI.run(["--format", "json", "--select", "float-for-money", "x.sql"], in: dir.url)
        #expect(Self.found(flags) == ["x.sql:2 error[float-for-money]"], "\(flags)")
        let ignore = try CLI.run(["--format", "json", "--ignore", "table-name-inflection", "x.sql"], in: dir.url)
        #expect(Self.found(ignore) == ["x.sql:2 error[timestamp-without-time-zone]", "x.sql:2 error[float-for-money]"],
                "--ignore on the command line, the file's select and severities: \(ignore)")
    }

    @Test("Per-rule severity and options; severity \"off\"")
    func severityAndOptions() throws {
        let dir = try TempFolder([
            ".schemalint.toml": Self.select + """
                [rules.float-for-money]
                severity = "warning"
                [rules.table-name-inflection]
                style = "plural"
                [rules.timestamp-without-time-zone]
                severity = "off"
                """,
            "x.sql": Self.sql,
        ])
        let run = try CLI.run(["--format", "json", "x.sql"], in: dir.url)
        // walk and client are singular: flagged under the plural style; dogs is fine.
        #expect(Self.found(run) == ["x.sql:1 warning[table-name-inflection]", "x.sql:2 warning[table-name-inflection]",
                                    "x.sql:2 warning[float-for-money]"], "\(run)")
    }

    @Test("exclude: matching files are not read, whether found in a folder or named")
    func exclude() throws {
        let dir = try TempFolder([
            ".schemalint.toml": Self.select + "exclude = [\"db/legacy\", \"*.generated.sql\"]\n",
            "db/legacy/001.sql": Self.sql,
            "db/002.sql": "CREATE TABLE visit (id bigint PRIMARY KEY, at timestamp);\n",
            "db/003.generated.sql": Self.sql,
        ])
        let run = try CLI.run(["--format", "json", "db", "db/legacy/001.sql"], in: dir.url)
        #expect(Self.found(run) == ["002.sql:1 warning[timestamp-without-time-zone]"], "\(run)")
        #expect((run.json?["summary"] as? [String: Any])?["files"] as? Int == 1, "\(run)")
        // Globs are relative to the config file, not the working directory.
        let fromDB = try CLI.run(["--format", "json", "."], in: dir.url.appendingPathComponent("db"))
        #expect(Self.found(fromDB) == ["002.sql:1 warning[timestamp-without-time-zone]"], "\(fromDB)")
    }

    @Test("[[overrides]] apply to matching files only, with the whole run still replayed in order")
    func overrides() throws {
        let dir = try TempFolder([
            ".schemalint.toml": """
                select = ["timestamp-without-time-zone", "fk-without-index", "table-name-inflection"]
                [[overrides]]
                files = ["db/migrations/**"]
                ignore = ["timestamp-without-time-zone"]
                [overrides.rules.table-name-inflection]
                style = "plural"
                severity = "error"
                """,
            "db/schema.sql": "CREATE TABLE client (id bigint PRIMARY KEY, seen timestamp);\n",
            "db/migrations/001.sql": """
                CREATE TABLE walks (id bigint PRIMARY KEY, client_id bigint REFERENCES client (id), at timestamp);

                """,
            "db/migrations/002.sql": "CREATE INDEX walks_client_idx ON walks (client_id);\n",
        ])
        let run = try CLI.run(["--format", "json", "db/schema.sql", "db/migrations"], in: dir.url)
        // schema.sql: singular style and the timestamp rule; migrations: plural style as an error, no timestamp rule,
        // and the index in 002 (a later file) covers the key created in 001.
        #expect(Self.found(run) == ["schema.sql:1 warning[timestamp-without-time-zone]"], "\(run)")
        try dir.write("db/migrations/003.sql", "CREATE TABLE visit (id bigint PRIMARY KEY, at timestamp);\n")
        let more = try CLI.run(["--format", "json", "db/schema.sql", "db/migrations"], in: dir.url)
        #expect(Self.found(more) == ["schema.sql:1 warning[timestamp-without-time-zone]", "003.sql:1 error[table-name-inflection]"],
                "\(more)")
    }

    @Test("ignore-objects drops findings about matching objects, globally and per rule")
    func ignoreObjects() throws {
        let dir = try TempFolder([
            ".schemalint.toml": Self.select + """
                ignore-objects = ["public.walk.fee"]
                [rules.table-name-inflection]
                ignore-objects = ["public.dog*"]
                """,
            "x.sql": Self.sql + "CREATE TABLE cats (id bigint PRIMARY KEY, born timestamp);\n",
        ])
        let run = try CLI.run(["--format", "json", "x.sql"], in: dir.url)
        #expect(Self.found(run) == ["x.sql:2 warning[timestamp-without-time-zone]", "x.sql:4 warning[table-name-inflection]",
                                    "x.sql:4 warning[timestamp-without-time-zone]"], "\(run)")
        let objects = ((run.json?["diagnostics"] as? [[String: Any]]) ?? []).compactMap { $0["object"] as? String }
        #expect(objects == ["public.walk.started_at", "public.cats", "public.cats.born"], "\(run)")
    }

    @Test("context paths are relative to the config file and replayed before the run")
    func context() throws {
        let dir = try TempFolder([
            ".schemalint.toml": "select = [\"alter-column-type\"]\ncontext = [\"db/base.sql\"]\n",
            "db/base.sql": "CREATE TABLE walk (id bigint PRIMARY KEY, note varchar(20));\n",
            "db/migrations/001.sql": "ALTER TABLE walk ALTER COLUMN note TYPE text;\n",
        ])
        // From a subfolder: the context is still found, so the widening is known to be binary-compatible.
        let sub = dir.url.appendingPathComponent("db/migrations")
        let run = try CLI.run(["--format", "json", "001.sql"], in: sub)
        #expect(run.exitCode == 0 && Self.found(run).isEmpty, "\(run)")
        let isolated = try CLI.run(["--format", "json", "--isolated", "--select", "alter-column-type", "001.sql"], in: sub)
        #expect(Self.found(isolated) == ["001.sql:1 warning[alter-column-type]"], "without the context the old type is unknown: \(isolated)")
    }

    @Test("--assume-in-transaction and --no-assume-in-transaction override the file")
    func assumeInTransactionFlag() throws {
        // A rule that depends on the setting: CREATE INDEX CONCURRENTLY fails inside a transaction block.
        let rule = "concurrent-index-in-transaction"
        try #require(RuleRegistry.rule(id: rule) != nil, "this test needs the \(rule) rule")
        let sql = "CREATE INDEX CONCURRENTLY walk_owner_id_idx ON walk (owner_id);\n"
        for (config, flags, flagged) in [("true", [String](), true), ("true", ["--no-assume-in-transaction"], false),
                                         ("false", [], false), ("false", ["--assume-in-transaction"], true)] {
            let dir = try TempFolder([".schemalint.toml": "select = [\"\(rule)\"]\nassume-in-transaction = \(config)\n", "x.sql": sql])
            let run = try CLI.run(["--format", "json"] + flags + ["x.sql"], in: dir.url)
            #expect(run.exitCode == (flagged ? 1 : 0) && Self.found(run).count == (flagged ? 1 : 0),
                    "config \(config), flags \(flags): \(run)")
        }
    }

    struct BrokenConfig: CustomTestStringConvertible, Sendable {
        var toml: String
        var line: Int
        var fragment: String
        var testDescription: String { fragment }
    }

    @Test("A bad config file: exit 2, `schemalint: error: <path>:<line>: <what>`, nothing linted", arguments: [
        BrokenConfig(toml: "select = [\"design\"]\nunknown-key = 1\n", line: 2, fragment: "unknown key `unknown-key`"),
        BrokenConfig(toml: "[rules.no-such-rule]\nseverity = \"error\"\n", line: 1, fragment: "unknown rule `no-such-rule`"),
        BrokenConfig(toml: "\n[rules.float-for-money]\nmoney-words = 5\n", line: 3, fragment: "bad value for option `money-words`"),
        BrokenConfig(toml: "[rules.float-for-money]\nseverity = \"critical\"\n", line: 2, fragment: "bad severity \"critical\""),
        BrokenConfig(toml: "pg-version = 15\nselect = [\n", line: 2, fragment: "invalid TOML"),
    ])
    func brokenConfig(_ testCase: BrokenConfig) throws {
        let dir = try TempFolder([".schemalint.toml": testCase.toml, "sub/x.sql": Self.sql])
        let run = try CLI.run(["x.sql"], in: dir.url.appendingPathComponent("sub"))
        #expect(run.exitCode == 2, "\(run)")
        #expect(run.stdout.isEmpty, "\(run)")
        #expect(run.stderrLines.count == 1, "\(run)")
        #expect(run.stderr.hasPrefix("schemalint: error: ../.schemalint.toml:\(testCase.line): "), "\(run)")
        #expect(run.stderr.contains(testCase.fragment), "\(run)")
        // --isolated does not read it.
        let isolated = try CLI.run(["--isolated", "x.sql"], in: dir.url.appendingPathComponent("sub"))
        #expect(isolated.exitCode != 2, "\(isolated)")
    }

    @Test("--config with a missing file exits 2")
    func missingConfig() throws {
        let dir = try TempFolder(["x.sql": Self.sql])
        let run = try CLI.run(["--config", "nope.toml", "x.sql"], in: dir.url)
        #expect(run.exitCode == 2 && run.stderr == "schemalint: error: nope.toml: no such file\n", "\(run)")
    }
}
