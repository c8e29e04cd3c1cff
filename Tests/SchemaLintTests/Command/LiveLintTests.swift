import Foundation
import Testing
import SchemaLint

/// `schemalint --database-url`: the live schema read with pg_dump and linted as a dump, or as the context of
/// migrations not yet applied, whose safety findings then carry their table's size. Run on a real PostgreSQL 15.
@Suite("Live lint (--database-url)", .serialized)
struct LiveLintTests {
    /// Rules about how DDL was written, which a dump cannot show: pg_dump names every constraint.
    static let writtenFormOnly: Set<String> = ["unnamed-constraint"]

    /// A database holding `files` (run in order with psql), and the Unix-socket URL to reach it.
    static func database(_ name: String, on server: ThrowawayPostgres, loading files: [URL] = [], sql: String = "") throws -> String {
        _ = try server.run("CREATE DATABASE \(name);", database: "postgres").get()
        let script = try files.map { try String(contentsOf: $0, encoding: .utf8) }.joined(separator: "\n") + "\n" + sql
        _ = try server.run(script, database: name).get()
        return "postgresql:///\(name)?host=\(server.root.path)&user=postgres"
    }

    /// (rule, object) of every finding of a JSON report, sorted, without the rules a dump cannot show.
    static func findings(_ result: RunResult, sourceLocation: SourceLocation = #_sourceLocation) throws -> [String] {
        let json = try #require(result.json, "not JSON: \(result)", sourceLocation: sourceLocation)
        let diagnostics = try #require(json["diagnostics"] as? [[String: Any]], sourceLocation: sourceLocation)
        return diagnostics.compactMap { d in
            let rule = d["rule"] as? String ?? "?"
            return writtenFormOnly.contains(rule) ? nil : "\(rule) \(d["object"] as? String ?? "-")"
        }.sorted()
    }

    @Test("The live schema's findings are those of the files it was built from, object for object")
    func sameFindingsAsTheFiles() throws {
        guard let server = ThrowawayPostgres.startOrFail(checking: "linting a live schema") else { return }
        defer { server.stop() }
        let quickstart = TestPaths.fixtures.appendingPathComponent("quickstart/schema.sql")
        let history = try FileManager.default.contentsOfDirectory(atPath: TestPaths.fixtures.appendingPathComponent("migration-run").path)
            .filter { $0.hasSuffix(".sql") }.sorted()
            .map { TestPaths.fixtures.appendingPathComponent("migration-run/\($0)") }
        for (name, files) in [("quickstart", [quickstart]), ("history", history)] {
            let url = try Self.database(name, on: server, loading: files)
            // The files' own run also judges each migration against the one before (safety): a dump has no history.
            let fromFiles = try CLI.run(["--isolated", "--format", "json", "--ignore", "safety"] + files.map(\.path))
            let live = try CLI.run(["--isolated", "--format", "json", "--ignore", "safety", "--database-url", url])
            #expect(live.exitCode == fromFiles.exitCode, "\(live)")
            let expected = try Self.findings(fromFiles), actual = try Self.findings(live)
            #expect(!expected.isEmpty)
            #expect(actual == expected, "\(name): live \(actual) vs files \(expected)")
        }

        // Where each finding lives: the database, the object, its DDL; no file position.
        let url = "postgresql:///quickstart?host=\(server.root.path)&user=postgres"
        let json = try CLI.run(["--isolated", "--format", "json", "--database-url", url])
        let diagnostics = try #require(json.json?["diagnostics"] as? [[String: Any]])
        let price = try #require(diagnostics.first { $0["rule"] as? String == "float-for-money" })
        #expect(price["object"] as? String == "public.walk.price")
        #expect(price["file"] as? String == url)
        #expect(price["database"] as? Bool == true)
        #expect(price["line"] is NSNull && price["column"] is NSNull)
        #expect((price["ddl"] as? String)?.hasPrefix("CREATE TABLE public.walk (") == true, "\(price)")
        #expect((price["ddl"] as? String)?.contains("price double precision NOT NULL") == true)

        let text = try CLI.run(["--isolated", "--select", "float-for-money", "--database-url", url])
        #expect(text.exitCode == 1)
        #expect(text.stdout.hasPrefix("""
            \(url): error[float-for-money] Column "walk.price" holds money but is double precision, which rounds
              in public.walk.price:
                | CREATE TABLE public.walk (
            """), "\(text)")
        #expect(text.stdout.contains("  > |     price double precision NOT NULL,\n"), "\(text)")

        // SARIF: a logical location only (no invented file and line), valid against the 2.1.0 schema.
        let folder = try TempFolder()
        let sarif = try CLI.run(["--isolated", "--format", "sarif", "-o", folder.path("live.sarif"), "--database-url", url])
        #expect(sarif.exitCode == 1, "\(sarif)")
        let document = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: folder.path("live.sarif")))) as? [String: Any]
        let results = try #require(((document?["runs"] as? [[String: Any]])?.first?["results"]) as? [[String: Any]])
        #expect(!results.isEmpty)
        for result in results {
            let location = try #require((result["locations"] as? [[String: Any]])?.first)
            #expect(location["physicalLocation"] == nil)
            let logical = try #require((location["logicalLocations"] as? [[String: Any]])?.first)
            #expect((logical["fullyQualifiedName"] as? String)?.hasPrefix("public.") == true, "\(logical)")
        }
        let validation = try Shell.run("python3", [SARIFValidator.script.path, folder.path("live.sarif")])
        #expect(validation.status == 0, "\(validation)")
    }

    @Test("A migration's safety finding carries its table's rows, and [database] thresholds move its severity")
    func tableSize() throws {
        guard let server = ThrowawayPostgres.startOrFail(checking: "table sizes in safety findings") else { return }
        defer { server.stop() }
        let url = try Self.database("sized", on: server, sql: """
            CREATE TABLE account (id bigint PRIMARY KEY, email text NOT NULL);
            INSERT INTO account SELECT g, 'user' || g || '@example.com' FROM generate_series(1, 25000) g;
            ANALYZE account;
            """)
        let folder = try TempFolder([
            "migrations/001_index.sql": "SET lock_timeout = '2s';\nCREATE INDEX account_email_idx ON account (email);\n",
            "migrations/002_new_table.sql": "CREATE TABLE invoice (id bigint PRIMARY KEY, account_id bigint NOT NULL);\n",
            "migrations/003_index_new.sql": "SET lock_timeout = '2s';\nCREATE INDEX invoice_account_id_idx ON invoice (account_id);\n",
        ])
        func run(_ config: String) throws -> (RunResult, [String: [String: Any]]) {
            try folder.write(".schemalint.toml", config)
            let result = try CLI.run(["--format", "json", "--select", "create-index-without-concurrently", "--database-url", url,
                                      "migrations"], in: folder.url)
            let diagnostics = (result.json?["diagnostics"] as? [[String: Any]]) ?? []
            return (result, Dictionary(diagnostics.map { ($0["object"] as? String ?? "?", $0) }, uniquingKeysWith: { a, _ in a }))
        }

        let (plain, byObject) = try run("")
        #expect(plain.exitCode == 1, "\(plain)")
        let account = try #require(byObject["public.account"], "\(plain)")
        #expect(account["severity"] as? String == "warning")
        #expect((account["message"] as? String)?.contains("until the index is built (public.account: ~25k rows, ") == true,
                "\(account)")
        #expect(account["file"] as? String == "migrations/001_index.sql")
        #expect(account["database"] == nil)
        // invoice is created by 002: the database does not have it, so it is new and its index cannot block anyone.
        let invoice = try #require(byObject["public.invoice"], "\(plain)")
        #expect(invoice["severity"] as? String == "info")
        #expect((invoice["message"] as? String)?.hasSuffix("(not in the database yet: new)") == true, "\(invoice)")

        let (large, raised) = try run("[database]\nlarge-table-rows = 20000\n")
        #expect(raised["public.account"]?["severity"] as? String == "error", "\(large)")
        #expect((raised["public.account"]?["help"] as? String)?.hasSuffix("An error: the table has at least large-table-rows (20000) rows.") == true)

        let (small, lowered) = try run("[database]\nsmall-table-rows = 100000\n")
        #expect(lowered["public.account"]?["severity"] as? String == "info", "\(small)")
        #expect(small.exitCode == 0, "only info findings remain: \(small)")

        let (bad, _) = try run("[database]\nlarge-table-rows = \"big\"\n")
        #expect(bad.exitCode == 2)
        #expect(bad.stderr.contains("`large-table-rows` must be a number of rows"), "\(bad)")
    }

    @Test("The password in the URL is never shown; a failed connection exits 2")
    func redactedURL() throws {
        guard let server = ThrowawayPostgres.startOrFail(checking: "linting a live schema") else { return }
        defer { server.stop() }
        _ = try Self.database("secret", on: server, sql: "CREATE TABLE walk (id bigint PRIMARY KEY, price real NOT NULL);")
        // trust authentication ignores the password, so the URL works and its password must not be printed.
        let url = "postgresql://postgres:s3cr3t-pw@/secret?host=\(server.root.path)"
        for format in ["text", "json", "sarif", "gcc", "github"] {
            let result = try CLI.run(["--isolated", "--format", format, "--database-url", url])
            #expect(result.exitCode == 1, "\(format): \(result)")
            #expect(result.stdout.contains("postgresql://postgres:***@/secret"), "\(format): \(result)")
            #expect(!(result.stdout + result.stderr).contains("s3cr3t-pw"), "\(format): \(result)")
            // The text summary names the database, not a file.
            if format == "text" { #expect(result.stdout.contains(" in the database ("), "\(result)") }
        }
        let failed = try CLI.run(["--database-url", "postgresql://walker:s3cr3t-pw@/nowhere?host=\(server.root.path)/missing"])
        #expect(failed.exitCode == 2)
        #expect(failed.stderr.hasPrefix("schemalint: error: cannot connect to postgresql://walker:***@/nowhere"), "\(failed)")
        #expect(!failed.stderr.contains("s3cr3t-pw"))
    }
}
