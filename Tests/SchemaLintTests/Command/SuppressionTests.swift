import Foundation
import Testing
import SchemaLint

/// Inline suppressions as a user writes them: `-- schemalint-ignore a, b -- reason` for the next statement,
/// `-- schemalint-ignore-file a` for the file, and the findings about the comments themselves.
@Suite("Inline suppressions")
struct SuppressionTests {
    static let rules = ["--select", "timestamp-without-time-zone,float-for-money,invalid-suppression,unused-suppression"]

    typealias Finding = (rule: String, line: Int, file: String, reason: String?, suppressed: Bool)

    /// Lints `files` (name → SQL) in the given order; returns the JSON findings and the run.
    static func lint(_ files: [(String, String)], _ extra: [String] = [], includeSuppressed: Bool = false) throws -> ([Finding], RunResult) {
        let dir = try TempFolder(Dictionary(uniqueKeysWithValues: files))
        let run = try CLI.run(["--format", "json"] + rules + extra + (includeSuppressed ? ["--include-suppressed"] : [])
                              + files.map(\.0), in: dir.url)
        let findings = ((run.json?["diagnostics"] as? [[String: Any]]) ?? []).map { d -> Finding in
            let suppression = d["suppression"] as? [String: Any]
            return (d["rule"] as? String ?? "?", d["line"] as? Int ?? 0, d["file"] as? String ?? "?",
                    suppression?["reason"] as? String, suppression != nil)
        }
        return (findings, run)
    }

    static func summary(_ findings: [Finding]) -> [String] {
        findings.map { "\($0.file):\($0.line) \($0.rule)\($0.suppressed ? " (suppressed)" : "")" }
    }

    @Test("A suppression covers the next statement, across blank lines, on any line of it; not the one after")
    func nextStatement() throws {
        let sql = """
            -- schemalint-ignore timestamp-without-time-zone, float-for-money -- imported from the old system


            CREATE TABLE walk (
              id bigint PRIMARY KEY,
              total real NOT NULL,
              started_at timestamp
            );
            CREATE TABLE walker (id bigint PRIMARY KEY, hired_at timestamp);

            """
        let (active, run) = try Self.lint([("m.sql", sql)])
        #expect(Self.summary(active) == ["m.sql:9 timestamp-without-time-zone"], "\(run)")
        #expect(run.exitCode == 1)
        let (all, _) = try Self.lint([("m.sql", sql)], includeSuppressed: true)
        #expect(Self.summary(all) == ["m.sql:6 float-for-money (suppressed)", "m.sql:7 timestamp-without-time-zone (suppressed)",
                                      "m.sql:9 timestamp-without-time-zone"], "\(all)")
        #expect(all.filter(\.suppressed).allSatisfy { $0.reason == "imported from the old system" })
    }

    @Test("Only the named rules are silenced")
    func onlyNamedRules() throws {
        let sql = """
            -- schemalint-ignore float-for-money
            CREATE TABLE walk (id bigint PRIMARY KEY, total real NOT NULL, started_at timestamp);

            """
        let (active, run) = try Self.lint([("m.sql", sql)])
        #expect(Self.summary(active) == ["m.sql:2 timestamp-without-time-zone"], "\(run)")
    }

    @Test("A comment inside a statement, a block comment, and a colon after the marker also work")
    func otherSpellings() throws {
        let sql = """
            CREATE TABLE walk (
              id bigint PRIMARY KEY,
              -- schemalint-ignore timestamp-without-time-zone
              started_at timestamp
            );
            /* schemalint-ignore: float-for-money -- cents come later */
            CREATE TABLE invoice (id bigint PRIMARY KEY, total real NOT NULL);

            """
        let (active, run) = try Self.lint([("m.sql", sql)])
        #expect(active.isEmpty, "\(run)")
        #expect(run.exitCode == 0, "\(run)")
        let (all, _) = try Self.lint([("m.sql", sql)], includeSuppressed: true)
        #expect(all.first { $0.rule == "float-for-money" }?.reason == "cents come later", "\(all)")
    }

    @Test("schemalint-ignore-file silences a rule in its file only, wherever the comment is")
    func fileWide() throws {
        let a = """
            CREATE TABLE walk (id bigint PRIMARY KEY, started_at timestamp);
            CREATE TABLE walker (id bigint PRIMARY KEY, hired_at timestamp, fee real);
            -- schemalint-ignore-file timestamp-without-time-zone -- whole legacy file

            """
        let b = "CREATE TABLE visit (id bigint PRIMARY KEY, at timestamp);\n"
        let (active, run) = try Self.lint([("a.sql", a), ("b.sql", b)])
        #expect(Self.summary(active) == ["a.sql:2 float-for-money", "b.sql:1 timestamp-without-time-zone"], "\(run)")
        let (all, _) = try Self.lint([("a.sql", a), ("b.sql", b)], includeSuppressed: true)
        #expect(all.filter(\.suppressed).map(\.line) == [1, 2], "\(all)")
        #expect(all.filter(\.suppressed).allSatisfy { $0.reason == "whole legacy file" })
    }

    @Test("An unknown rule id, or no rule at all, is an invalid-suppression error at the comment")
    func invalid() throws {
        let sql = """
            CREATE TABLE walk (id bigint PRIMARY KEY);
            -- schemalint-ignore no-such-rule, float-for-money
            CREATE TABLE invoice (id bigint PRIMARY KEY, total real NOT NULL);
            -- schemalint-ignore
            CREATE TABLE note (id bigint PRIMARY KEY);

            """
        let (active, run) = try Self.lint([("m.sql", sql)])
        #expect(Self.summary(active) == ["m.sql:2 invalid-suppression", "m.sql:4 invalid-suppression"], "\(run)")
        let messages = ((run.json?["diagnostics"] as? [[String: Any]]) ?? []).compactMap { $0["message"] as? String }
        #expect(messages.first?.contains("no-such-rule") == true, "\(messages)")
        let severities = ((run.json?["diagnostics"] as? [[String: Any]]) ?? []).compactMap { $0["severity"] as? String }
        #expect(severities == ["error", "error"])
        #expect(run.exitCode == 1)
    }

    @Test("A suppression that silences nothing is an unused-suppression warning at the comment")
    func unused() throws {
        let sql = """
            -- schemalint-ignore timestamp-without-time-zone -- was needed once
            CREATE TABLE walk (id bigint PRIMARY KEY, started_at timestamptz);
            -- schemalint-ignore-file float-for-money

            """
        let (active, run) = try Self.lint([("m.sql", sql)])
        #expect(Self.summary(active) == ["m.sql:1 unused-suppression", "m.sql:3 unused-suppression"], "\(run)")
        #expect(((run.json?["diagnostics"] as? [[String: Any]]) ?? []).allSatisfy { $0["severity"] as? String == "warning" })
        #expect(run.exitCode == 1)
    }

    @Test("A suppression of a rule that is not running is not unused")
    func unusedOnlyForEnabledRules() throws {
        let sql = """
            -- schemalint-ignore timestamp-without-time-zone
            CREATE TABLE walk (id bigint PRIMARY KEY, started_at timestamp);

            """
        let dir = try TempFolder(["m.sql": sql])
        let run = try CLI.run(["--format", "json", "--select", "float-for-money,unused-suppression", "m.sql"], in: dir.url)
        #expect(run.exitCode == 0, "\(run)")
        #expect((run.json?["diagnostics"] as? [Any])?.isEmpty == true, "\(run)")
    }

    @Test("Suppressed findings are left out of SARIF; --include-suppressed adds them with the reason as justification")
    func sarif() throws {
        let sql = """
            -- schemalint-ignore float-for-money -- priced in cents from 2025
            CREATE TABLE invoice (id bigint PRIMARY KEY, total real NOT NULL);
            -- schemalint-ignore timestamp-without-time-zone
            CREATE TABLE walk (id bigint PRIMARY KEY, started_at timestamp);
            CREATE TABLE walker (id bigint PRIMARY KEY, hired_at timestamp);

            """
        let dir = try TempFolder(["m.sql": sql])
        func results(_ extra: [String]) throws -> [[String: Any]] {
            let run = try CLI.run(["--format", "sarif", "-o", "out.sarif"] + Self.rules + extra + ["m.sql"], in: dir.url)
            #expect(run.exitCode == 1, "\(run)")
            try SARIFValidator.validate(dir.url.appendingPathComponent("out.sarif"))
            let log = try JSONSerialization.jsonObject(with: Data(contentsOf: dir.url.appendingPathComponent("out.sarif"))) as? [String: Any]
            return ((log?["runs"] as? [[String: Any]])?.first?["results"] as? [[String: Any]]) ?? []
        }
        let plain = try results([])
        #expect(plain.count == 1 && plain.first?["ruleId"] as? String == "timestamp-without-time-zone", "\(plain)")
        #expect(plain.first?["suppressions"] == nil)

        let all = try results(["--include-suppressed"])
        #expect(all.count == 3, "\(all)")
        let suppressions = all.map { ($0["ruleId"] as? String ?? "", ($0["suppressions"] as? [[String: Any]]) ?? [["missing": true]]) }
        #expect(suppressions.allSatisfy { $0.1.allSatisfy { $0["missing"] == nil } }, "every result carries suppressions: \(all)")
        let money = try #require(suppressions.first { $0.0 == "float-for-money" }?.1)
        #expect(money.count == 1 && money.first?["kind"] as? String == "inSource")
        #expect(money.first?["justification"] as? String == "priced in cents from 2025")
        let silencedWalk = all.filter { $0["ruleId"] as? String == "timestamp-without-time-zone" }
            .compactMap { $0["suppressions"] as? [[String: Any]] }
        #expect(silencedWalk.map(\.count).sorted() == [0, 1], "one suppressed (no reason), one active (empty array): \(silencedWalk)")
    }

    @Test("Suppressed findings do not count for the exit code")
    func exitCode() throws {
        let sql = "-- schemalint-ignore float-for-money\nCREATE TABLE invoice (id bigint PRIMARY KEY, total real NOT NULL);\n"
        let (_, run) = try Self.lint([("m.sql", sql)])
        #expect(run.exitCode == 0, "\(run)")
        let (_, included) = try Self.lint([("m.sql", sql)], includeSuppressed: true)
        #expect(included.exitCode == 0, "--include-suppressed reports them but they still do not fail the run: \(included)")
    }
}
