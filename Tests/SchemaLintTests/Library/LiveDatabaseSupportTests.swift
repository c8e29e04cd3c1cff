import Testing
@testable import SchemaLint

/// The parts of `--database-url` that need no server: which pg_dump serves which server, how sizes read, and
/// the `[database]` config section.
@Suite("Live database support (pg_dump choice, sizes, [database])")
struct LiveDatabaseSupportTests {
    @Test("A connection reaches pg_dump as libpq's environment variables, so its arguments never hold the password")
    func connectionEnvironment() throws {
        let url = try ConnectionEnvironment.variables(for: "postgresql://ann:s%40cret@db.example:6543/app?sslmode=require")
        #expect(url["PGUSER"] == "ann" && url["PGPASSWORD"] == "s@cret" && url["PGHOST"] == "db.example")
        #expect(url["PGPORT"] == "6543" && url["PGDATABASE"] == "app" && url["PGSSLMODE"] == "require")
        let keys = try ConnectionEnvironment.variables(for: "host=/tmp/sock dbname=app password='a b'")
        #expect(keys == ["PGHOST": "/tmp/sock", "PGDATABASE": "app", "PGPASSWORD": "a b"])
        #expect(throws: DatabaseError.self) { try ConnectionEnvironment.variables(for: "host=/tmp password=secret nonsense") }
        do { _ = try ConnectionEnvironment.variables(for: "host=/tmp password=secret nonsense") } catch {
            #expect(!"\(error)".contains("secret"), "\(error)")
        }
    }

    @Test("pg_dump's and the server's versions are read")
    func versions() {
        #expect(PgDump.major(ofVersionOutput: "pg_dump (PostgreSQL) 15.8 (Debian 15.8-1.pgdg120+1)\n") == 15)
        #expect(PgDump.major(ofVersionOutput: "pg_dump (PostgreSQL) 9.6.24") == 9)
        #expect(PgDump.major(ofVersionOutput: "something else") == nil)
        #expect(PgDump.major(ofServerVersion: 150018) == 15)
        #expect(PgDump.major(ofServerVersion: 160004) == 16)
        #expect(PgDump.major(ofServerVersion: 90624) == 9)
    }

    @Test("The same major is chosen, else the oldest newer; a newer server names the package to install")
    func choice() throws {
        let p14 = PgDump.Program(path: "/usr/lib/postgresql/14/bin/pg_dump", major: 14)
        let p15 = PgDump.Program(path: "/usr/lib/postgresql/15/bin/pg_dump", major: 15)
        let p17 = PgDump.Program(path: "/usr/lib/postgresql/17/bin/pg_dump", major: 17)
        #expect(try PgDump.choose(forServer: 15, from: [p14, p15, p17]).get() == p15)
        #expect(try PgDump.choose(forServer: 13, from: [p17, p14, p15]).get() == p14)
        #expect(try PgDump.choose(forServer: 16, from: [p14, p15, p17]).get() == p17)
        switch PgDump.choose(forServer: 16, from: [p14, p15]) {
        case .success(let program): Issue.record("pg_dump \(program.major) chosen for a PostgreSQL 16 server")
        case .failure(let error):
            #expect(error.message == "the server runs PostgreSQL 16, newer than every pg_dump found (the newest is 15, "
                + "/usr/lib/postgresql/15/bin/pg_dump), and pg_dump refuses to dump a newer server; "
                + "install postgresql-client-16 (`apt-get install postgresql-client-16`)")
        }
        switch PgDump.choose(forServer: 15, from: []) {
        case .success: Issue.record("a pg_dump chosen from none")
        case .failure(let error): #expect(error.message.hasSuffix("install postgresql-client-15 (`apt-get install postgresql-client-15`)"))
        }
    }

    @Test("Sizes read as people say them")
    func sizes() {
        #expect(TableSize(table: "public.account", rows: 1_234_567, bytes: 356_515_840).description == "public.account: ~1.2M rows, 340 MB")
        #expect(TableSize(table: "public.t", rows: 999, bytes: 8192).description == "public.t: ~999 rows, 8 kB")
        #expect(TableSize(table: "public.t", rows: 25_000, bytes: 2_700_000).description == "public.t: ~25k rows, 2.6 MB")
        #expect(TableSize(table: "public.t", rows: nil, bytes: 0).description == "public.t: rows not estimated yet (never analysed), 0 bytes")
    }

    @Test("Severity follows the thresholds, only for rules weighed by size")
    func weighing() {
        let finding = Diagnostic(rule: "create-index-without-concurrently", severity: .warning, message: "m", help: "h",
                                 file: "a.sql", start: SourcePosition(line: 1, column: 1), end: SourcePosition(line: 1, column: 2),
                                 byteRange: 0..<1, object: "public.t")
        let settings = DatabaseSettings(largeTableRows: 1000, smallTableRows: 10)
        let big = TableLookup.table(TableSize(table: "public.t", rows: 5000, bytes: 1 << 20))
        #expect(LiveDatabase.weighed(finding, big, settings, bySize: true).severity == .error)
        #expect(LiveDatabase.weighed(finding, big, settings, bySize: false).severity == .warning)
        #expect(LiveDatabase.weighed(finding, big, settings, bySize: false).message == "m (public.t: ~5k rows, 1 MB)")
        let tiny = TableLookup.table(TableSize(table: "public.t", rows: 3, bytes: 8192))
        #expect(LiveDatabase.weighed(finding, tiny, settings, bySize: true).severity == .info)
        #expect(LiveDatabase.weighed(finding, tiny, DatabaseSettings(), bySize: true).severity == .warning)
        #expect(LiveDatabase.weighed(finding, .absent, DatabaseSettings(), bySize: true).severity == .info)
        #expect(LiveDatabase.weighed(finding, .notARelation, settings, bySize: true) == finding)
        #expect(RuleRegistry.rule(id: "drop-column")?.metadata.weighedByTableSize == false)
        #expect(RuleRegistry.rule(id: "concurrent-index-in-transaction")?.metadata.weighedByTableSize == false)
        #expect(RuleRegistry.rule(id: "alter-column-type")?.metadata.weighedByTableSize == true)
        #expect(RuleRegistry.rule(id: "fk-without-index")?.metadata.weighedByTableSize == false)
    }

    @Test("[database] is read and checked")
    func config() throws {
        let config = try ConfigLoader.parse("[database]\nlarge-table-rows = 1000000\nsmall-table-rows = 1000\n", path: "c.toml", directory: "/tmp")
        #expect(config.database == DatabaseSettings(largeTableRows: 1_000_000, smallTableRows: 1000))
        func error(_ text: String) -> String? {
            do { _ = try ConfigLoader.parse(text, path: "c.toml", directory: "/tmp"); return nil } catch { return "\(error)" }
        }
        #expect(error("[database]\nlarge-rows = 1\n")?.contains("unknown key `large-rows` in [database]") == true)
        #expect(error("[database]\nsmall-table-rows = -1\n")?.contains("must be a number of rows (a non-negative integer), not -1") == true)
        #expect(error("[database]\nlarge-table-rows = 10\nsmall-table-rows = 100\n")?.contains("must not exceed") == true)
        #expect(error("database = 3\n")?.contains("`database` must be a table") == true)
    }
}
