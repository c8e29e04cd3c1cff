import Foundation
import Testing
import SchemaLint

/// Migration layouts from the outside: what the recognised layout changes in the findings, compared with the
/// same folder read as a plain folder, and the errors for a layout that does not exist.
@Suite("Migration layouts")
struct LayoutTests {
    static func fixture(_ name: String) -> URL { TestPaths.fixtures.appendingPathComponent(name) }

    static func findings(_ run: RunResult) -> [String] {
        ((run.json?["diagnostics"] as? [[String: Any]]) ?? []).map {
            "\(($0["file"] as? String ?? "").split(separator: "/").last ?? ""):\($0["line"] ?? 0) \($0["rule"] ?? "")"
        }
    }

    @Test("Flyway: V1_1 runs after V1 and lints clean; read as a plain folder it runs first and is reported")
    func flywayVersionOrder() throws {
        let args = ["--format", "json", "--select", "alter-column-type,drop-table", "db/migration"]
        let flyway = try CLI.run(args, in: Self.fixture("layout-flyway"))
        #expect(flyway.exitCode == 0 && Self.findings(flyway).isEmpty, "\(flyway)")
        #expect((flyway.json?["summary"] as? [String: Any])?["layout"] as? String == "flyway")
        let plain = try CLI.run(["--layout", "plain"] + args, in: Self.fixture("layout-flyway"))
        #expect(Self.findings(plain).contains("V1_1__widen_name.sql:2 alter-column-type"), "\(plain)")
        #expect(Self.findings(plain).contains("U2__drop_order.sql:1 drop-table"), "\(plain)")
    }

    @Test("Flyway order: 1 < 1.1 < 1_2 < 2 < 10 across subfolders, repeatables last; findings follow the run order")
    func flywayOrder() throws {
        let names = ["V10__j.sql", "V2__f.sql", "sub/V1_2__e.sql", "V1.1__d.sql", "V1__c.sql", "R__a.sql", "V1_10__g.sql"]
        var files: [String: String] = [:]
        for name in names {
            let table = (name as NSString).lastPathComponent.replacingOccurrences(of: ".", with: "_")
            files["db/" + name] = "CREATE TABLE t_\(table) (id bigint);\n"
        }
        let dir = try TempFolder(files)
        let run = try CLI.run(["--format", "json", "--select", "table-without-primary-key", "db"], in: dir.url)
        let order = ((run.json?["diagnostics"] as? [[String: Any]]) ?? []).compactMap { $0["file"] as? String }
        #expect(order == ["db/V1__c.sql", "db/V1.1__d.sql", "db/sub/V1_2__e.sql", "db/V1_10__g.sql", "db/V2__f.sql",
                          "db/V10__j.sql", "db/R__a.sql"], "\(run)")
    }

    @Test("refinery (forced): U files are unversioned migrations that run forward in version order")
    func refineryUnversioned() throws {
        let dir = try TempFolder(["m/V1__create.sql": "CREATE TABLE device (id bigint PRIMARY KEY);\n",
                                  "m/U2__retire.sql": "DROP TABLE device;\n"])
        let flyway = try CLI.run(["--format", "json", "--select", "drop-table", "m"], in: dir.url)
        #expect(Self.findings(flyway).isEmpty && (flyway.json?["summary"] as? [String: Any])?["setAside"] as? Int == 1, "\(flyway)")
        let refinery = try CLI.run(["--format", "json", "--layout", "refinery", "--select", "drop-table", "m"], in: dir.url)
        #expect(Self.findings(refinery) == ["U2__retire.sql:1 drop-table"], "\(refinery)")
        #expect((refinery.json?["summary"] as? [String: Any])?["layout"] as? String == "refinery", "\(refinery)")
    }

    @Test("goose: Down sections are set aside and counted; read as plain they fire drop-table and drop-column")
    func gooseDownSections() throws {
        let folder = Self.fixture("layout-goose")
        let goose = try CLI.run(["--format", "text", "--select", "drop-table,drop-column", "migrations"], in: folder)
        #expect(goose.exitCode == 0, "\(goose)")
        #expect(goose.stdout.hasSuffix("No problems found in 3 files (4 statements). Layout: goose; 3 down sections set aside, not linted.\n"), "\(goose)")
        let plain = try CLI.run(["--format", "json", "--layout", "plain", "--select", "drop-table,drop-column", "migrations"], in: folder)
        #expect(Self.findings(plain) == ["00002_add_nickname.sql:7 drop-column"], "\(plain)")
    }

    @Test("Down code linted on its own (--lint-down) is checked against the model its up migration left")
    func lintDownOnItsOwn() throws {
        let run = try CLI.run(["--format", "text", "--select", "drop-table,drop-column", "--lint-down", "migrations"],
                              in: Self.fixture("layout-goose"))
        #expect(run.exitCode == 1, "\(run)")
        // The account table exists after 00001's Up, and nickname after 00002's: both downs are reported where they are.
        #expect(run.stdout.contains("migrations/00001_create_account.sql:12:1: warning[drop-table]"), "\(run)")
        #expect(run.stdout.contains("migrations/00002_add_nickname.sql:7:"), "\(run)")
        #expect(run.stdout.contains("3 down sections linted separately."), "\(run)")
    }

    @Test("A down or undo file named on its own (as pre-commit passes them) is set aside too")
    func loneDownFiles() throws {
        let dir = try TempFolder(["m/2_x.up.sql": "ALTER TABLE device ADD COLUMN serial_no text;\n",
                                  "m/2_x.down.sql": "ALTER TABLE device DROP COLUMN serial_no;\n",
                                  "f/U3__undo.sql": "DROP TABLE device;\n"])
        let args = ["--format", "text", "--select", "drop-column,drop-table", "m/2_x.up.sql", "m/2_x.down.sql", "f/U3__undo.sql"]
        let run = try CLI.run(args, in: dir.url)
        #expect(run.exitCode == 0 && run.stdout.hasSuffix("in 1 file (1 statement). Layout: golang-migrate, flyway; 1 down file, 1 undo file set aside, not linted.\n"), "\(run)")
        let plain = try CLI.run(["--layout", "plain"] + args, in: dir.url)
        #expect(plain.exitCode == 1 && plain.stdout.contains("warning[drop-column]") && plain.stdout.contains("warning[drop-table]"), "\(plain)")
    }

    @Test("sqitch with --lint-down: revert scripts are linted separately, verify scripts stay set aside")
    func sqitchLintDownSummary() throws {
        let run = try CLI.run(["--format", "text", "--select", "drop-table", "--lint-down", "db"], in: Self.fixture("layout-sqitch"))
        #expect(run.stdout.contains("warning[drop-table]") && run.stdout.contains("db/revert/widget@v1.sql:2:1"), "\(run)")
        #expect(run.stdout.hasSuffix("Layout: sqitch; 3 revert scripts linted separately; 1 verify script set aside, not linted.\n"), "\(run)")
    }

    @Test("Alembic: each revision is a migration of its own, so an index on an earlier revision's table is flagged")
    func alembicSections() throws {
        let folder = Self.fixture("layout-alembic")
        let sections = try CLI.run(["--format", "json", "--select", "create-index-without-concurrently", "upgrade.sql"], in: folder)
        #expect(Self.findings(sections) == ["upgrade.sql:22 create-index-without-concurrently"], "\(sections)")
        let plain = try CLI.run(["--format", "json", "--layout", "plain", "--select", "create-index-without-concurrently", "upgrade.sql"], in: folder)
        #expect(Self.findings(plain).isEmpty, "one script, so the table looks new in it: \(plain)")
    }

    @Test("Bookkeeping tables get no design findings; a table of the same shape under another name does")
    func bookkeepingTables() throws {
        let sql = "CREATE TABLE goose_db_version (id serial, tstamp timestamp);\nCREATE TABLE maker.goose_db_version (id serial);\n"
            + "CREATE TABLE sqitch.changes (id serial);\nCREATE TABLE run_log (id serial, tstamp timestamp);\n"
        let run = try CLI.run(["--format", "json", "--select", "design", "-"], stdin: sql)
        let objects = Set(((run.json?["diagnostics"] as? [[String: Any]]) ?? []).compactMap { $0["object"] as? String }
            .map { $0.split(separator: ".").prefix(2).joined(separator: ".") })
        #expect(objects == ["public.run_log"], "\(run)")
    }

    @Test("replay-first: the squashed base replays before the migrations beside it")
    func replayFirst() throws {
        let folder = Self.fixture("replay-first")
        let withKey = try CLI.run(["--format", "json", "--select", "alter-column-type", "db"], in: folder)
        #expect(withKey.exitCode == 0 && Self.findings(withKey).isEmpty, "\(withKey)")
        let without = try CLI.run(["--format", "json", "--isolated", "--select", "alter-column-type", "db"], in: folder)
        #expect(Self.findings(without) == ["001_widen_memo.sql:1 alter-column-type"], "\(without)")
    }

    @Test("An unknown layout is a usage error, from the flag or the config")
    func unknownLayout() throws {
        let flag = try CLI.run(["--layout", "liquibase", "x.sql"])
        #expect(flag.exitCode == 2 && flag.stdout.isEmpty, "\(flag)")
        #expect(flag.stderr.contains("unknown layout `liquibase` for --layout (expected one of: plain, goose, dbmate,"), "\(flag)")
        let dir = try TempFolder([".schemalint.toml": "# layouts\nlayout = \"gose\"\n", "x.sql": "SELECT 1;\n"])
        let config = try CLI.run(["x.sql"], in: dir.url)
        #expect(config.exitCode == 2, "\(config)")
        #expect(config.stderr.contains(".schemalint.toml:2: unknown layout `gose`"), "\(config)")
        try dir.write(".schemalint.toml", "[[overrides]]\nfiles = [\"x.sql\"]\nlayout = \"goose\"\n")
        let override = try CLI.run(["x.sql"], in: dir.url)
        #expect(override.exitCode == 2 && override.stderr.contains(".schemalint.toml:3: `layout` is not allowed in [[overrides]]"), "\(override)")
        try dir.write(".schemalint.toml", "replay-first = [\"db/schema.sql\"]\n")
        let missing = try CLI.run(["x.sql"], in: dir.url)
        #expect(missing.exitCode == 2 && missing.stderr.contains("replay-first path `db/schema.sql` does not exist"), "\(missing)")
    }

    @Test("A forced layout wins over what the folder shows")
    func forcedLayout() throws {
        let run = try CLI.run(["--format", "json", "--layout", "golang-migrate", "migrations"], in: Self.fixture("layout-goose"))
        // golang-migrate reads no goose markers: the Down sections run forward.
        #expect((run.json?["summary"] as? [String: Any])?["layout"] as? String == "golang-migrate", "\(run)")
        #expect(Self.findings(run).contains("00002_add_nickname.sql:7 drop-column"), "\(run)")
    }
}
