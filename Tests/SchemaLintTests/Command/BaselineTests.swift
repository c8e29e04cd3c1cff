import Foundation
import Testing
@testable import SchemaLint

/// `--write-baseline` / `--baseline`: adopting the linter on a legacy schema without fixing everything first.
@Suite("Baseline")
struct BaselineTests {
    static let rules = ["--select", "timestamp-without-time-zone,float-for-money,alter-column-type,fk-without-index"]

    static let legacy = """
        CREATE TABLE client (id bigint PRIMARY KEY);
        CREATE TABLE walk (
          id bigint PRIMARY KEY,
          client_id bigint REFERENCES client (id) ON DELETE CASCADE,
          started_at timestamp,
          fee real
        );

        """

    static func rulesFound(_ run: RunResult) -> [String] {
        ((run.json?["diagnostics"] as? [[String: Any]]) ?? []).compactMap { d in
            (d["rule"] as? String).map { "\($0)@\(d["line"] as? Int ?? 0)" }
        }
    }

    @Test("Recorded findings are not reported again, even after lines are inserted above them; new ones are")
    func survivesInsertedLines() throws {
        let dir = try TempFolder(["db/structure.sql": Self.legacy])
        let write = try CLI.run(Self.rules + ["--write-baseline", "schemalint-baseline.json", "db/structure.sql"], in: dir.url)
        #expect(write.exitCode == 0, "\(write)")
        #expect(write.stdout.contains("Recorded 3 findings in schemalint-baseline.json"), "\(write)")

        let same = try CLI.run(["--format", "json", "--baseline", "schemalint-baseline.json"] + Self.rules + ["db/structure.sql"], in: dir.url)
        #expect(same.exitCode == 0, "\(same)")
        #expect(Self.rulesFound(same).isEmpty, "\(same)")

        // Lines inserted above every old finding, and the statements reformatted: nothing comes back.
        let edited = """
            -- structure.sql, regenerated
            SET statement_timeout = 0;

            CREATE TABLE note (id bigint PRIMARY KEY, body text NOT NULL);

            CREATE TABLE client (id bigint PRIMARY KEY);
            CREATE TABLE walk (
                id bigint PRIMARY KEY,   -- the key
                client_id bigint REFERENCES client (id) ON DELETE CASCADE,
                started_at timestamp,
                fee real
            );

            """
        try dir.write("db/structure.sql", edited)
        let moved = try CLI.run(["--format", "json", "--baseline", "schemalint-baseline.json"] + Self.rules + ["db/structure.sql"], in: dir.url)
        #expect(moved.exitCode == 0, "\(moved)")
        #expect(Self.rulesFound(moved).isEmpty, "inserted lines must not resurrect old findings: \(moved)")

        // A new finding is reported, and only it.
        try dir.write("db/structure.sql", edited + "CREATE TABLE visit (id bigint PRIMARY KEY, at timestamp);\n")
        let added = try CLI.run(["--format", "json", "--baseline", "schemalint-baseline.json"] + Self.rules + ["db/structure.sql"], in: dir.url)
        #expect(added.exitCode == 1, "\(added)")
        #expect(Self.rulesFound(added) == ["timestamp-without-time-zone@13"], "\(added)")

        // Without the baseline, everything is there.
        let full = try CLI.run(["--format", "json"] + Self.rules + ["db/structure.sql"], in: dir.url)
        #expect(Self.rulesFound(full).count == 4, "\(full)")
    }

    @Test("A change to the statement itself brings its finding back")
    func changedStatement() throws {
        let dir = try TempFolder(["m.sql": "ALTER TABLE walk ALTER COLUMN minutes TYPE bigint;\n"])
        _ = try CLI.run(Self.rules + ["--write-baseline", "b.json", "m.sql"], in: dir.url)
        try dir.write("m.sql", "ALTER TABLE walk ALTER COLUMN minutes TYPE numeric;\n")
        let run = try CLI.run(["--format", "json", "--baseline", "b.json"] + Self.rules + ["m.sql"], in: dir.url)
        #expect(Self.rulesFound(run) == ["alter-column-type@1"], "\(run)")
    }

    @Test("Matching is counted: two identical findings need two entries")
    func counted() throws {
        let alter = "ALTER TABLE walk ALTER COLUMN minutes TYPE bigint;\n"
        let dir = try TempFolder(["m.sql": alter + alter])
        _ = try CLI.run(Self.rules + ["--write-baseline", "b.json", "m.sql"], in: dir.url)
        let baseline = try Baseline.read(path: dir.path("b.json"))
        #expect(baseline.entries.count == 2 && baseline.entries[0] == baseline.entries[1], "\(baseline)")

        try dir.write("m.sql", alter + alter + alter)
        let three = try CLI.run(["--format", "json", "--baseline", "b.json"] + Self.rules + ["m.sql"], in: dir.url)
        #expect(Self.rulesFound(three).count == 1, "the third copy is new: \(three)")
        try dir.write("m.sql", alter)
        let one = try CLI.run(["--format", "json", "--baseline", "b.json"] + Self.rules + ["m.sql"], in: dir.url)
        #expect(Self.rulesFound(one).isEmpty, "\(one)")
    }

    @Test("The baseline file: version, sorted entries, stable bytes, paths relative to its folder")
    func fileFormat() throws {
        let dir = try TempFolder(["db/b.sql": Self.legacy, "db/a.sql": "CREATE TABLE visit (id bigint PRIMARY KEY, at timestamp);\n"])
        let first = try CLI.run(Self.rules + ["--write-baseline", "db/baseline.json", "db/b.sql", "db/a.sql"], in: dir.url)
        #expect(first.exitCode == 0, "\(first)")
        let text = try String(contentsOfFile: dir.path("db/baseline.json"), encoding: .utf8)
        _ = try CLI.run(Self.rules + ["--write-baseline", "db/baseline.json", "db/b.sql", "db/a.sql"], in: dir.url)
        #expect(try String(contentsOfFile: dir.path("db/baseline.json"), encoding: .utf8) == text, "re-recording is byte-stable")

        let json = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(json["version"] as? Int == 1)
        let findings = try #require(json["findings"] as? [[String: Any]])
        #expect(findings.count == 4)
        for f in findings {
            #expect(Set(f.keys) == ["rule", "file", "object", "message", "statement"], "\(f)")
            #expect((f["statement"] as? String)?.isEmpty == false)
        }
        let files = findings.compactMap { $0["file"] as? String }
        #expect(files == files.sorted() && Set(files) == ["a.sql", "b.sql"], "relative to the baseline's folder, sorted: \(files)")
        #expect(findings.contains { $0["object"] as? String == "public.walk.started_at" }, "\(findings)")
        #expect(!text.contains("\"line\""), "no line numbers in the keys")

        // Run from the folder of the baseline: the same files, spelt differently, still match.
        let db = dir.url.appendingPathComponent("db")
        let run = try CLI.run(["--format", "json", "--baseline", "baseline.json"] + Self.rules + ["b.sql", "a.sql"], in: db)
        #expect(run.exitCode == 0 && Self.rulesFound(run).isEmpty, "\(run)")
    }

    @Test("--baseline with SARIF reports only the new findings")
    func sarifWithBaseline() throws {
        let dir = try TempFolder(["m.sql": Self.legacy])
        _ = try CLI.run(Self.rules + ["--write-baseline", "b.json", "m.sql"], in: dir.url)
        try dir.write("m.sql", Self.legacy + "CREATE TABLE visit (id bigint PRIMARY KEY, at timestamp);\n")
        let run = try CLI.run(["--format", "sarif", "--baseline", "b.json"] + Self.rules + ["m.sql"], in: dir.url)
        let results = ((run.json?["runs"] as? [[String: Any]])?.first?["results"] as? [[String: Any]]) ?? []
        #expect(results.count == 1, "\(run)")
    }

    @Test("A missing or broken baseline is an error (exit 2) before anything is printed", arguments: [
        ("missing.json", nil, "no such baseline file"),
        ("bad.json", "not json", "not a schemalint baseline"),
        ("old.json", #"{"version": 99, "findings": []}"#, "version 99"),
        ("entries.json", #"{"version": 1, "findings": [{"rule": "x"}]}"#, "finding 1"),
    ])
    func broken(_ name: String, _ content: String?, _ reason: String) throws {
        let dir = try TempFolder(["m.sql": Self.legacy])
        if let content { try dir.write(name, content) }
        let run = try CLI.run(["--baseline", name, "m.sql"], in: dir.url)
        #expect(run.exitCode == 2, "\(run)")
        #expect(run.stdout.isEmpty, "\(run)")
        #expect(run.stderrLines.count == 1 && run.stderr.hasPrefix("schemalint: error: \(name): ") && run.stderr.contains(reason), "\(run)")
    }

    // MARK: statement fingerprints

    @Test("Statement fingerprints ignore whitespace, comments and constants, not names or types")
    func fingerprints() {
        func fp(_ sql: String) -> String { StatementFingerprinter.fingerprint(Array(sql.utf8)[...]) }
        let base = fp("CREATE TABLE walk (id bigint PRIMARY KEY, fee real DEFAULT 1)")
        #expect(base == fp("-- note\nCREATE   TABLE walk (\n  id bigint PRIMARY KEY,\n  fee real DEFAULT 2\n)"))
        #expect(base != fp("CREATE TABLE walk (id bigint PRIMARY KEY, fee numeric DEFAULT 1)"))
        #expect(base != fp("CREATE TABLE walks (id bigint PRIMARY KEY, fee real DEFAULT 1)"))
        // A piece that does not parse still gets a whitespace-insensitive fingerprint.
        let broken = fp("CREATE TABLE (oops")
        #expect(broken.hasPrefix("text-") && broken == fp("CREATE  TABLE\n(oops -- c"))
    }
}
