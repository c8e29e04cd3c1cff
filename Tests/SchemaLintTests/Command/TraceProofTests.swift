import Foundation
import Testing
@testable import SchemaLint

/// The safety rules' lock and rewrite claims, proved on PostgreSQL 15 by `schemalint trace`: each bad example runs
/// against a database that holds its `existing:` tables with rows (the shared walk database when it names none), after
/// its `before:` migration, and every claim PostgreSQL could be watched making must be confirmed: the named lock is
/// the strongest one taken on that relation, the named rewrite happened. The good examples must not take ACCESS
/// EXCLUSIVE on, or rewrite, an existing table where no rule speaks.
@Suite("Safety claims proved by trace", .serialized)
struct TraceProofTests {
    struct Example {
        var label: String
        var example: RuleExample
        var bad: Bool
    }

    static var examples: [Example] {
        RuleRegistry.all.filter { $0.metadata.category == .safety }.flatMap { rule in
            rule.metadata.bad.enumerated().map { Example(label: "\(rule.metadata.id) bad[\($0)]", example: $1, bad: true) }
                + rule.metadata.good.enumerated().map { Example(label: "\(rule.metadata.id) good[\($0)]", example: $1, bad: false) }
        }
    }

    /// Where PostgreSQL and the lint disagree today, each with why; the test fails on any other, and on any of
    /// these that stops happening, so the list only shrinks.
    static let known: [String: String] = [
        "add-column-with-default good[0]: rewrote public.walk, which no rule names":
            "the table is created by the example's earlier migration: new to the lint (nothing uses it yet), existing to the trace, which counts per file",
        "drop-table good[0]: ACCESS EXCLUSIVE on public.walk, which no rule names":
            "the table is created by the example's earlier migration: new to the lint (nothing uses it yet), existing to the trace, which counts per file",
        "missing-lock-timeout bad[1]: ACCESS EXCLUSIVE on public.walk, which no rule names":
            "the trace-only lock is its second statement's: good[1]'s nullable ADD COLUMN under a lock_timeout (catalog only, ACCESS EXCLUSIVE for milliseconds); the finding is rightly on the CREATE INDEX after RESET lock_timeout",
        "missing-lock-timeout good[0]: ACCESS EXCLUSIVE on public.walk, which no rule names":
            "a nullable ADD COLUMN without a default changes only the catalog: ACCESS EXCLUSIVE for milliseconds, which missing-lock-timeout's rationale covers once a lock_timeout is set",
        "missing-lock-timeout good[1]: ACCESS EXCLUSIVE on public.walk, which no rule names":
            "a nullable ADD COLUMN without a default changes only the catalog: ACCESS EXCLUSIVE for milliseconds, which missing-lock-timeout's rationale covers once a lock_timeout is set",
        "missing-lock-timeout good[2]: ACCESS EXCLUSIVE on public.walk, which no rule names":
            "a nullable ADD COLUMN without a default changes only the catalog: ACCESS EXCLUSIVE for milliseconds, which missing-lock-timeout's rationale covers once a lock_timeout is set",
        "multiple-alter-table bad[1]: ACCESS EXCLUSIVE on public.hike, which no rule names":
            "a nullable ADD COLUMN without a default changes only the catalog: ACCESS EXCLUSIVE for milliseconds; missing-lock-timeout flags the file once, on its first statement",
        "statements-after-exclusive-lock good[0]: ACCESS EXCLUSIVE on public.walk, which no rule names":
            "a nullable ADD COLUMN without a default changes only the catalog: ACCESS EXCLUSIVE for milliseconds, which missing-lock-timeout's rationale covers (it flags the file once, on its CREATE INDEX)",
        "non-idempotent-statement good[0]: ACCESS EXCLUSIVE on public.walk, which no rule names":
            "a nullable ADD COLUMN without a default changes only the catalog: ACCESS EXCLUSIVE for milliseconds, which missing-lock-timeout's rationale covers once a lock_timeout is set",
        "non-idempotent-statement good[0] [drop-index-without-concurrently] claims ACCESS EXCLUSIVE lock on the table of index \"walk_old_idx\", PostgreSQL: no lock on it":
            "the example's IF EXISTS names an object its database does not hold, so PostgreSQL takes no lock; the claim is the lint's for when it does",
        "non-idempotent-statement good[0] [missing-lock-timeout] claims ACCESS EXCLUSIVE lock on the table of index \"walk_old_idx\", PostgreSQL: no lock on it":
            "the example's IF EXISTS names an object its database does not hold, so PostgreSQL takes no lock; the claim is the lint's for when it does",
        "non-idempotent-statement good[0] [drop-table] claims ACCESS EXCLUSIVE lock on \"hike\", PostgreSQL: no lock on it":
            "the example's IF EXISTS names an object its database does not hold, so PostgreSQL takes no lock; the claim is the lint's for when it does",
    ]

    /// Bad examples whose finding says the migration fails there, each with the error PostgreSQL must give: the
    /// trace confirms any error as a failure, so the reason is pinned here, or a setup mistake would pass for proof.
    static let rejected: [String: String] = [
        "add-required-column bad[0]": "column \"owner_id\" of relation \"walk\" contains null values",
        "add-required-column bad[2]": "column \"code\" of relation \"walk\" contains null values",
        // The trace runs the DO block inside its transaction, so PostgreSQL names that before the function.
        "concurrent-index-in-transaction bad[0]": "CREATE INDEX CONCURRENTLY cannot run inside a transaction block",
        "concurrent-index-in-transaction bad[3]": "CREATE INDEX CONCURRENTLY cannot run inside a transaction block",
    ]

    enum Result { case checked(confirmed: Int), uncheckable(String), failed }

    @Test("Every lock and rewrite a safety rule's bad example claims is what PostgreSQL does; good examples hide no danger")
    func claimsHold() throws {
        guard let postgres = ThrowawayPostgres.startOrFail(checking: "the safety rules' lock claims") else { return }
        defer { postgres.stop() }
        var confirmed = 0, checkedBad = 0, checkedGood = 0
        var uncheckable: [String] = [], disagreements: [String] = []
        for (n, item) in Self.examples.enumerated() {
            switch try Self.trace(item, number: n, on: postgres, disagreements: &disagreements) {
            case .checked(let count):
                confirmed += count
                if item.bad { checkedBad += 1 } else { checkedGood += 1 }
            case .uncheckable(let why): uncheckable.append("\(item.label): \(why)")
            case .failed: break
            }
        }
        print("Trace proof: \(confirmed) claims confirmed on \(checkedBad) bad and \(checkedGood) good examples; "
              + "\(uncheckable.count) could not run here: \(uncheckable)")
        let unexpected = disagreements.filter { Self.known[$0] == nil }
        let settled = Self.known.keys.filter { !disagreements.contains($0) }.sorted()
        let unrejected = Self.rejected.keys.filter { label in uncheckable.contains { $0.hasPrefix(label + ":") } }.sorted()
        #expect(unexpected.isEmpty, "PostgreSQL disagrees with the lint: \(unexpected)")
        #expect(settled.isEmpty, "known disagreements that no longer happen (remove them from `known`): \(settled)")
        #expect(unrejected.isEmpty, "examples that should fail as their finding says, but did not: \(unrejected)")
        #expect(confirmed >= 131, "only \(confirmed) claims confirmed")
        #expect(checkedBad >= 52, "only \(checkedBad) bad examples traced")
    }

    static func trace(_ item: Example, number: Int, on postgres: ThrowawayPostgres, disagreements: inout [String]) throws -> Result {
        let example = item.example
        // The options, PostgreSQL version and transaction setting of an example change what the lint says; the trace
        // runs the lint with its defaults on PostgreSQL 15.
        // A framework's transaction (assume-in-transaction) is given to the lint through a config file; the trace
        // runs every file in a transaction anyway.
        if example.options != nil || example.pgVersion != nil || !example.alsoSelect.isEmpty {
            return .uncheckable("runs with settings the command's defaults do not have")
        }
        let database = "proof_\(number)"
        _ = try postgres.run("CREATE DATABASE \(database);", database: "postgres").get()
        defer { _ = postgres.run("DROP DATABASE IF EXISTS \(database) WITH (FORCE);", database: "postgres") }
        if case .failure(let failure) = postgres.run(example.existing ?? (example.before == nil ? RuleExample.walkDatabase : "SELECT 1;"), database: database) {
            return .uncheckable("its database does not load: \(failure)")
        }
        var files = ["002_example.sql": MarkedSQL(example.sql).text + "\n"]
        if let before = example.before { files["001_before.sql"] = MarkedSQL(before).text + "\n" }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("schemalint-proof-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        for (name, text) in files { try Data(text.utf8).write(to: dir.appendingPathComponent(name)) }
        var settings = ["--isolated"]
        if example.assumeInTransaction {
            try Data("assume-in-transaction = true\n".utf8).write(to: dir.appendingPathComponent("lint.toml"))
            settings = ["--config", "lint.toml"]
        }

        let url = "postgresql://postgres@/\(database)?host=\(postgres.root.path)"
        let run = try CLI.run(["trace"] + settings + ["--database-url", url, "--format", "json", "."], in: dir, timeout: 120)
        let statements = try #require(run.json?["statements"] as? [[String: Any]], "\(item.label): \(run)")
        if let failed = statements.first(where: { $0["verdict"] as? String == "failed" }) {
            let error = (failed["error"] as? [String: Any])?["message"] as? String ?? ""
            let claimed = (failed["checks"] as? [[String: Any]] ?? []).contains {
                $0["claim"] as? String == "fails" && $0["outcome"] as? String == "confirmed"
            }
            guard item.bad, claimed, (failed["file"] as? String)?.hasSuffix("002_example.sql") == true,
                  let expected = rejected[item.label], error == expected else {
                return .uncheckable("PostgreSQL rejected \(failed["sql"] ?? ""): \(error)")
            }
        }
        var confirmed = 0
        for statement in statements where (statement["file"] as? String)?.hasSuffix("002_example.sql") == true {
            let checks = statement["checks"] as? [[String: Any]] ?? []
            for check in checks {
                let outcome = check["outcome"] as? String
                if outcome == "static only" {
                    disagreements.append("\(item.label) [\(check["rule"] ?? "")] claims \(check["claim"] ?? ""), PostgreSQL: \(check["observed"] ?? "")")
                }
                if outcome == "confirmed" { confirmed += 1 }
            }
            for danger in statement["traceOnly"] as? [String] ?? [] {
                disagreements.append("\(item.label): \(danger), which no rule names")
            }
        }
        if item.bad {
            let claimed = statements.contains { !(($0["checks"] as? [[String: Any]]) ?? []).isEmpty }
            if !claimed { return .uncheckable("its findings name no lock or rewrite") }
        }
        return .checked(confirmed: confirmed)
    }
}
