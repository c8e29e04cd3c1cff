import Foundation
import Testing
import SchemaLint

/// DO blocks and function bodies as a user sees them: statements inside DO blocks linted at their file positions and
/// replayed, function bodies parsed but neither replayed nor linted, suppression comments inside bodies, and the
/// summary's counts (EXECUTE counted as not analysed).
@Suite("Command line: DO blocks and function bodies")
struct EmbeddedCodeTests {
    static func findings(_ run: RunResult) -> [String] {
        ((run.json?["diagnostics"] as? [[String: Any]]) ?? []).map {
            "\(URL(fileURLWithPath: $0["file"] as? String ?? "?").lastPathComponent):\($0["line"] as? Int ?? -1):"
                + "\($0["column"] as? Int ?? -1) \($0["rule"] as? String ?? "?")"
        }
    }

    static let migration = """
        DO $$
        BEGIN
          IF NOT EXISTS (SELECT 1 FROM pg_class WHERE relname = 'walk_owner_idx') THEN
            BEGIN
              CREATE INDEX walk_owner_idx ON walk (owner_id);
            END;
          END IF;
          FOR i IN 1..2 LOOP
            -- schemalint-ignore drop-table -- the archive is empty
            DROP TABLE walk_archive;
          END LOOP;
          EXECUTE format('ALTER TABLE %I ADD COLUMN note text', 'walk');
          ALTER TABLE walk ADD COLUMN starts_at timestamp;
        END $$;
        CREATE FUNCTION walk_rebuild() RETURNS void LANGUAGE plpgsql AS $$
        BEGIN
          CREATE INDEX walk_starts_idx ON walk (starts_at);
          DROP TABLE walk;
          EXECUTE 'VACUUM walk';
        END $$;

        """

    @Test("Statements in DO blocks are linted where they are in the file; function bodies are not; EXECUTE is counted")
    func doBlocksAndBodies() throws {
        let folder = try TempFolder(["001_walk.sql": "CREATE TABLE walk (id bigint PRIMARY KEY, owner_id bigint);\n",
                                     "002_index.sql": Self.migration])
        let run = try CLI.run(["--format", "json", "--select",
                               "create-index-without-concurrently,drop-table,timestamp-without-time-zone,unused-suppression",
                               folder.url.path])
        #expect(run.exitCode == 1, "\(run)")
        // The index in the nested block of the guard, at its own line and column; the DROP TABLE is suppressed by the
        // comment above it in the body; the column added inside DO is replayed (the design rule sees it). Nothing from
        // the function body: it runs when called, not during the migration.
        #expect(Self.findings(run) == ["002_index.sql:5:7 create-index-without-concurrently",
                                       "002_index.sql:13:20 timestamp-without-time-zone"], "\(run)")
        let embedded = (run.json?["summary"] as? [String: Any])?["embedded"] as? [String: Int]
        #expect(embedded == ["doBlocks": 1, "functionBodies": 1, "statements": 5, "dynamicSQL": 2, "unparsable": 0,
                             "notLinted": 0, "notChecked": 0], "\(run)")
        #expect((run.json?["summary"] as? [String: Any])?["statements"] as? Int == 3, "the file's own statements")

        let text = try CLI.run(["--select", "drop-table", folder.url.path])
        #expect(text.stdout.contains("Read 1 DO block and 1 function body: 5 statements inside; 2 EXECUTE not analysed."),
                "\(text)")
    }

    @Test("Inside a DO block the suggestion is to move the index out: CONCURRENTLY is rejected there")
    func concurrentlyInsideDo() throws {
        let sql = "DO $$\nBEGIN\n  CREATE INDEX CONCURRENTLY IF NOT EXISTS walk_owner_idx ON walk (owner_id);\nEND $$;\n"
        let run = try CLI.run(["--format", "json", "--select", "concurrent-index-in-transaction", "-"], stdin: sql)
        #expect(Self.findings(run).map { $0.hasSuffix(":3:3 concurrent-index-in-transaction") } == [true], "\(run)")
        let message = ((run.json?["diagnostics"] as? [[String: Any]])?.first?["message"] as? String) ?? ""
        #expect(message.contains("DO block"), "\(message)")
    }

    @Test("A body that does not compile is a syntax error at its file line and column, and PostgreSQL 15 agrees")
    func bodySyntaxErrorOnPostgres() throws {
        let body = """
            CREATE TABLE walk (id bigint PRIMARY KEY, owner_id bigint);
            CREATE FUNCTION walk_total(owner bigint) RETURNS bigint LANGUAGE plpgsql AS $$
            DECLARE
              total bigint;
            BEGIN
              SELEC count(*) INTO total FROM walk WHERE owner_id = owner;
              RETURN total;
            END $$;

            """
        let run = try CLI.run(["--format", "json", "--select", "syntax-error", "-"], stdin: body)
        #expect(Self.findings(run).map { String($0.split(separator: ":", maxSplits: 1)[1]) } == ["6:3 syntax-error"], "\(run)")

        guard let postgres = ThrowawayPostgres.startOrFail(checking: "body errors") else { return }
        defer { postgres.stop() }
        _ = try postgres.run("CREATE DATABASE bodies;", database: "postgres").get()
        // PostgreSQL rejects it, on the body's 5th line (`$$` is line 1), which is the file's 6th.
        switch postgres.run(body, database: "bodies") {
        case .success: Issue.record("PostgreSQL accepted a body schemalint reports as a syntax error")
        case .failure(let error):
            #expect(error.description.contains("syntax error at or near \"SELEC\""), "\(error)")
            #expect(error.description.contains("LINE 5:   SELEC"), "\(error)")
        }
        // And every syntax-error example runs on PostgreSQL as the rule says: the bad ones fail, the good ones succeed.
        let setup = "CREATE TABLE IF NOT EXISTS walk (id bigint PRIMARY KEY, owner_id bigint, starts_at timestamptz, updated_at timestamptz);\n"
        for (i, example) in SyntaxErrorRule.metadata.bad.enumerated() {
            let database = "bad_\(i)"
            _ = try postgres.run("CREATE DATABASE \(database);", database: "postgres").get()
            if case .success = postgres.run(MarkedSQL(example.sql).text, database: database) {
                Issue.record("syntax-error bad[\(i)] runs on PostgreSQL")
            }
        }
        for (i, example) in SyntaxErrorRule.metadata.good.enumerated() {
            let database = "good_\(i)"
            _ = try postgres.run("CREATE DATABASE \(database);", database: "postgres").get()
            let sql = example.sql.contains("CREATE TABLE walk") ? example.sql : setup + example.sql
            if case .failure(let error) = postgres.run(sql, database: database) {
                Issue.record("syntax-error good[\(i)] fails on PostgreSQL: \(error)")
            }
        }
    }
}
