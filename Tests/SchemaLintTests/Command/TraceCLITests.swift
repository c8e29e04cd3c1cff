import Foundation
import Testing

/// `schemalint trace` as a user runs it: migrations run on a real PostgreSQL 15 (a throwaway cluster the command
/// starts itself, or a scratch copy of a database given by URL), the locks and rewrites PostgreSQL took set beside the
/// lint's claims, and the exit code.
@Suite("schemalint trace", .serialized)
struct TraceCLITests {
    static func folder(_ files: [String: String]) throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("schemalint-trace-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        for (name, text) in files { try Data(text.utf8).write(to: dir.appendingPathComponent(name)) }
        return dir
    }

    static let create = """
        CREATE TABLE walk (id bigint PRIMARY KEY, note text, steps integer);
        INSERT INTO walk SELECT g, 'walk ' || g, g FROM generate_series(1, 1000) AS g;

        """
    static let change = """
        CREATE INDEX walk_note ON walk (note);
        ALTER TABLE walk ALTER COLUMN steps TYPE bigint;

        """

    static func statements(_ run: RunResult) -> [[String: Any]] { run.json?["statements"] as? [[String: Any]] ?? [] }
    static func statement(_ run: RunResult, file: String, line: Int) -> [String: Any]? {
        statements(run).first { ($0["file"] as? String)?.hasSuffix(file) == true && $0["line"] as? Int == line }
    }

    @Test("A throwaway cluster: the index's SHARE lock and the type change's rewrite are confirmed, exit 0")
    func confirmedOnThrowawayCluster() throws {
        let dir = try Self.folder(["001_create.sql": Self.create, "002_change.sql": Self.change])
        defer { try? FileManager.default.removeItem(at: dir) }
        let run = try CLI.run(["trace", "--isolated", "--format", "json", "."], in: dir, timeout: 180)
        #expect(run.exitCode == 0, "\(run)")
        let index = try #require(Self.statement(run, file: "002_change.sql", line: 1), "\(run)")
        #expect(index["verdict"] as? String == "confirmed", "\(index)")
        let locks = index["locks"] as? [[String: Any]] ?? []
        #expect(locks.contains { $0["relation"] as? String == "public.walk" && $0["mode"] as? String == "SHARE" }, "\(locks)")
        let alter = try #require(Self.statement(run, file: "002_change.sql", line: 2), "\(run)")
        #expect(alter["verdict"] as? String == "confirmed", "\(alter)")
        let rewrites = alter["rewrites"] as? [[String: Any]] ?? []
        #expect(rewrites.contains { $0["relation"] as? String == "public.walk" }, "\(alter)")
        let altered = (alter["locks"] as? [[String: Any]] ?? []).first { $0["relation"] as? String == "public.walk" }
        #expect(altered?["mode"] as? String == "ACCESS EXCLUSIVE", "\(alter)")
        let summary = run.json?["summary"] as? [String: Any]
        #expect(summary?["statements"] as? Int == 4 && summary?["confirmed"] as? Int == 2, "\(String(describing: summary))")

        let text = try CLI.run(["trace", "--isolated", "."], in: dir, timeout: 180)
        #expect(text.exitCode == 0, "\(text)")
        #expect(text.stdout.contains("002_change.sql:1:1: confirmed"), "\(text)")
        #expect(text.stdout.contains("Traced 4 statements of 2 files"), "\(text)")
    }

    @Test("An ACCESS EXCLUSIVE lock no rule names is trace only, and a statement PostgreSQL rejects stops the run: exit 1")
    func traceOnlyAndRejected() throws {
        let dir = try Self.folder([
            "001_create.sql": Self.create,
            // With a lock_timeout no rule speaks of a nullable ADD COLUMN (it is quick), yet it takes ACCESS EXCLUSIVE.
            "002_extra.sql": "SET lock_timeout = '1s';\nALTER TABLE walk ADD COLUMN IF NOT EXISTS extra integer;\n",
            "003_broken.sql": "SELECT missing_column FROM walk;\n",
            "004_never.sql": "CREATE TABLE never_run (id bigint PRIMARY KEY);\n",
        ])
        defer { try? FileManager.default.removeItem(at: dir) }
        let run = try CLI.run(["trace", "--isolated", "--format", "json", "."], in: dir, timeout: 180)
        #expect(run.exitCode == 1, "\(run)")
        let extra = try #require(Self.statement(run, file: "002_extra.sql", line: 2), "\(run)")
        #expect(extra["verdict"] as? String == "trace only", "\(extra)")
        let broken = try #require(Self.statement(run, file: "003_broken.sql", line: 1), "\(run)")
        let error = broken["error"] as? [String: Any]
        #expect(error?["sqlState"] as? String == "42703", "\(broken)")
        #expect(Self.statement(run, file: "004_never.sql", line: 1) == nil, "the run stops at the rejected statement")

        let text = try CLI.run(["trace", "--isolated", "."], in: dir, timeout: 180)
        #expect(text.exitCode == 1, "\(text)")
        #expect(text.stdout.contains("Stopped at ./003_broken.sql:1:8: PostgreSQL rejected the statement"), "\(text)")
    }

    @Test("With --database-url: a scratch copy is traced, the original database is unchanged, no password printed")
    func scratchCopyOfDatabase() throws {
        guard let postgres = ThrowawayPostgres.startOrFail(checking: "schemalint trace --database-url") else { return }
        defer { postgres.stop() }
        _ = try postgres.run("CREATE DATABASE app;", database: "postgres").get()
        _ = try postgres.run(Self.create, database: "app").get()
        let dir = try Self.folder(["002_change.sql": Self.change])
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = "postgresql://postgres:s3cret@/app?host=\(postgres.root.path)"
        let run = try CLI.run(["trace", "--isolated", "--database-url", url, "--format", "json", "."], in: dir, timeout: 180)
        #expect(run.exitCode == 0, "\(run)")
        #expect(!run.stdout.contains("s3cret") && !run.stderr.contains("s3cret"), "\(run)")
        let index = try #require(Self.statement(run, file: "002_change.sql", line: 1), "\(run)")
        #expect(index["verdict"] as? String == "confirmed", "\(index)")
        let original = try postgres.run("SELECT count(*) FROM pg_indexes WHERE indexname = 'walk_note';"
                                        + " SELECT data_type FROM information_schema.columns WHERE column_name = 'steps';",
                                        database: "app", tuplesOnly: true).get()
        #expect(original.split(separator: "\n") == ["0", "integer"], "the original database changed: \(original)")
        let left = try postgres.run("SELECT count(*) FROM pg_database WHERE datname LIKE 'schemalint_trace_%';",
                                    database: "postgres", tuplesOnly: true).get()
        #expect(left.trimmingCharacters(in: .whitespacesAndNewlines) == "0", "the scratch database was left behind")
    }

    @Test("Real histories run to the end or stop at the first statement PostgreSQL rejects, and say which")
    func realHistories() throws {
        let corpus = TestPaths.corpus
        let mattermost = try CLI.run(["trace", "--isolated", "--format", "json", "."], in: corpus.appendingPathComponent("mattermost"), timeout: 900)
        #expect(!mattermost.signalled && !mattermost.timedOut, "\(mattermost)")
        let m = mattermost.json?["summary"] as? [String: Any]
        #expect(m?["statements"] as? Int == 423 && m?["failed"] as? Int == 0, "\(String(describing: m))")
        #expect((m?["confirmed"] as? Int ?? 0) >= 60, "\(String(describing: m))")

        let lemmy = try CLI.run(["trace", "--isolated", "."], in: corpus.appendingPathComponent("lemmy"), timeout: 1200)
        #expect(!lemmy.signalled && !lemmy.timedOut && lemmy.exitCode == 1, "\(lemmy)")
        #expect(lemmy.stdout.contains("Stopped at ./migrations/2025-08-01-000016_smoosh-tables-together/up.sql:13:6: PostgreSQL rejected the statement"),
                "\(lemmy.stdout.suffix(2000))")
    }
}
