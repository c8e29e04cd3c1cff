import Foundation
import Testing

/// The migration-safety settings as a user passes them: `--assume-in-transaction`, BEGIN/COMMIT tracking,
/// `--pg-version`, `--context`, and the per-file session.
@Suite("Command line: migration safety")
struct SafetyCLITests {
    static func findings(_ run: RunResult) -> [(file: String, line: Int, rule: String)] {
        ((run.json?["diagnostics"] as? [[String: Any]]) ?? []).map {
            (URL(fileURLWithPath: $0["file"] as? String ?? "?").lastPathComponent, $0["line"] as? Int ?? -1, $0["rule"] as? String ?? "?")
        }
    }

    @Test("--assume-in-transaction puts the whole file in a transaction block")
    func assumeInTransaction() throws {
        let sql = "CREATE INDEX CONCURRENTLY walk_owner_id_idx ON walk (owner_id);\n"
        let plain = try CLI.run(["--format", "json", "--select", "concurrent-index-in-transaction", "-"], stdin: sql)
        #expect(plain.exitCode == 0 && Self.findings(plain).isEmpty, "\(plain)")

        let wrapped = try CLI.run(["--format", "json", "--select", "concurrent-index-in-transaction", "--assume-in-transaction", "-"],
                                  stdin: sql)
        #expect(wrapped.exitCode == 1, "\(wrapped)")
        #expect(Self.findings(wrapped).map(\.rule) == ["concurrent-index-in-transaction"], "\(wrapped)")
        let message = ((wrapped.json?["diagnostics"] as? [[String: Any]])?.first?["message"] as? String) ?? ""
        #expect(message.contains("--assume-in-transaction"), "the message says why the file is in a transaction: \(message)")
    }

    @Test("BEGIN opens a transaction block and COMMIT or ROLLBACK ends it")
    func beginCommitTracking() throws {
        let sql = """
            CREATE INDEX CONCURRENTLY a_idx ON walk (a);
            BEGIN;
            CREATE INDEX CONCURRENTLY b_idx ON walk (b);
            COMMIT;
            CREATE INDEX CONCURRENTLY c_idx ON walk (c);
            START TRANSACTION;
            DROP INDEX CONCURRENTLY d_idx;
            ROLLBACK;
            DROP INDEX CONCURRENTLY e_idx;

            """
        let run = try CLI.run(["--format", "json", "--select", "concurrent-index-in-transaction", "-"], stdin: sql)
        #expect(run.exitCode == 1, "\(run)")
        #expect(Self.findings(run).map(\.line) == [3, 7], "only the statements inside BEGIN … COMMIT/ROLLBACK: \(run)")
    }

    @Test("--pg-version decides version-dependent rules")
    func pgVersion() throws {
        let sql = "ALTER TYPE walk_kind ADD VALUE 'hike';\n"
        let args = ["--format", "json", "--select", "add-enum-value-in-transaction", "--assume-in-transaction"]
        let modern = try CLI.run(args + ["-"], stdin: sql)
        #expect(modern.exitCode == 0 && Self.findings(modern).isEmpty, "PostgreSQL 15 allows it in a transaction: \(modern)")
        let old = try CLI.run(args + ["--pg-version", "11", "-"], stdin: sql)
        #expect(old.exitCode == 1, "\(old)")
        #expect(Self.findings(old).map(\.rule) == ["add-enum-value-in-transaction"], "\(old)")

        let withDefault = "ALTER TABLE walk ADD COLUMN minutes int NOT NULL DEFAULT 30;\n"
        let eleven = try CLI.run(["--format", "json", "--select", "add-column-with-default", "--pg-version", "11", "-"], stdin: withDefault)
        #expect(Self.findings(eleven).isEmpty, "a constant default is instant on 11: \(eleven)")
        let ten = try CLI.run(["--format", "json", "--select", "add-column-with-default", "--pg-version", "10", "-"], stdin: withDefault)
        #expect(Self.findings(ten).map(\.rule) == ["add-column-with-default"], "before 11 it rewrites: \(ten)")
    }

    @Test("--context: the history makes tables existing, and its own findings are not reported")
    func context() throws {
        let dir = try TempFolder([
            "history/001.sql": "CREATE TABLE walk (id bigint PRIMARY KEY, note varchar(20));\nCREATE INDEX walk_note_idx ON walk (note);\n",
            "new.sql": """
                CREATE TABLE hike (id bigint PRIMARY KEY, note text);
                CREATE INDEX hike_note_idx ON hike (note);
                CREATE INDEX walk_id_note_idx ON walk (id, note);
                ALTER TABLE walk ALTER COLUMN note TYPE text;

                """,
        ])
        let select = ["--select", "create-index-without-concurrently,alter-column-type"]
        let run = try CLI.run(["--format", "json"] + select + ["--context", dir.path("history"), dir.path("new.sql")])
        #expect(run.exitCode == 1, "\(run)")
        // hike is new in the file; walk comes from the context (so its index is flagged, and varchar→text is known
        // to be binary-compatible); the context's own CREATE INDEX is not reported.
        #expect(Self.findings(run).map { "\($0.file):\($0.line):\($0.rule)" } == ["new.sql:3:create-index-without-concurrently"], "\(run)")
        #expect((run.json?["summary"] as? [String: Any])?["files"] as? Int == 1, "context files are not counted: \(run)")

        // Without the context, walk is unknown: still existing, but its old type is unknown too.
        let alone = try CLI.run(["--format", "json"] + select + [dir.path("new.sql")])
        #expect(Set(Self.findings(alone).map(\.rule)) == ["create-index-without-concurrently", "alter-column-type"], "\(alone)")
    }

    @Test("The session starts afresh in each file: lock_timeout and transactions do not carry over")
    func sessionPerFile() throws {
        let dir = try TempFolder([
            "1.sql": "SET lock_timeout = '2s';\nBEGIN;\nALTER TABLE walk ADD COLUMN note text;\n",
            "2.sql": "ALTER TABLE walk ADD COLUMN remark text;\nCREATE INDEX CONCURRENTLY walk_remark_idx ON walk (remark);\n",
        ])
        let run = try CLI.run(["--format", "json", "--select", "missing-lock-timeout,concurrent-index-in-transaction",
                               dir.path("1.sql"), dir.path("2.sql")])
        #expect(Self.findings(run).map { "\($0.file):\($0.line):\($0.rule)" } == ["2.sql:1:missing-lock-timeout"], "\(run)")
    }
}
