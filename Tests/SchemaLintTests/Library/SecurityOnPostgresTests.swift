import Foundation
import Testing
@testable import SchemaLint

/// The security rules' examples on a real PostgreSQL with several roles: every bad example produces the leak or
/// escalation its rule describes, and no good example does. `alice` runs the example (she owns what it creates),
/// `bob` is another user of the database, `carol` a role with no privileges at all.
@Suite("Security rules on PostgreSQL", .serialized)
struct SecurityOnPostgresTests {
    /// What a probe does after the example ran: `setup` as the superuser (rows, grants), then `probe` as `user`,
    /// whose single value decides whether the harm happened. A probe that fails counts as "no harm" only when
    /// `failureMeansNoHarm` (a permission error is the good outcome).
    struct Probe {
        var setup: String
        var user: String
        var probe: String
        var harmed: (String) -> Bool
        var failureMeansNoHarm = false
    }

    static let rows = "INSERT INTO walk (id, walker) VALUES (1, 'alice'), (2, 'bob');"

    /// A non-owner reads rows through the view that the policy hides from him on the table.
    static let viewLeak = Probe(
        setup: "INSERT INTO walk (id, walker) VALUES (1, 'alice'), (2, 'carol'); GRANT SELECT ON ALL TABLES IN SCHEMA public TO bob;",
        user: "bob", probe: "SELECT (SELECT count(*) FROM VIEW_NAME) - (SELECT count(*) FROM walk);",
        harmed: { Int($0) ?? 0 > 0 })

    static func view(_ name: String) -> Probe {
        var probe = viewLeak
        probe.probe = probe.probe.replacingOccurrences(of: "VIEW_NAME", with: name)
        return probe
    }

    /// The materialized view, refreshed (as its owner, as PostgreSQL does) after the rows arrived, counts walks bob may
    /// not see.
    static let materializedLeak = Probe(
        setup: "INSERT INTO walk (id, walker) VALUES (1, 'alice'), (2, 'carol'); REFRESH MATERIALIZED VIEW walk_totals; "
            + "GRANT SELECT ON ALL TABLES IN SCHEMA public TO bob;",
        user: "bob", probe: "SELECT (SELECT coalesce(sum(walks), 0) FROM walk_totals) - (SELECT count(*) FROM walk);",
        harmed: { Int($0) ?? 0 > 0 })

    /// bob shadows `walk` with a temporary view that calls his function, then calls alice's function: if his function
    /// ran with alice's rights, it copied her secret into his table.
    static let hijack = Probe(
        setup: """
            CREATE TABLE public.secret (note text); INSERT INTO public.secret VALUES ('alice''s secret');
            ALTER TABLE public.secret OWNER TO alice; REVOKE ALL ON public.secret FROM PUBLIC;
            """,
        user: "bob",
        probe: """
            CREATE TABLE bob.loot (note text); GRANT INSERT ON bob.loot TO PUBLIC;
            CREATE FUNCTION bob.steal() RETURNS bigint LANGUAGE sql
            AS $$ INSERT INTO bob.loot SELECT note FROM public.secret; SELECT 1::bigint $$;
            CREATE TEMP VIEW walk AS SELECT bob.steal() AS id, 1::bigint AS owner_id; GRANT SELECT ON walk TO PUBLIC;
            DO $$ BEGIN PERFORM walk_count(1); EXCEPTION WHEN insufficient_privilege THEN NULL; END $$;
            SELECT count(*) FROM bob.loot;
            """,
        harmed: { Int($0) ?? 0 > 0 })

    /// bob sees alice's row: the policy (walker = current_user) is not applied.
    static let policyIgnored = Probe(setup: rows + " GRANT SELECT ON walk TO bob;", user: "bob",
                                     probe: "SELECT count(*) FROM walk;", harmed: { $0 == "2" })

    /// Rows exist, and `user` (not exempt from row-level security) sees none of them.
    static func everythingDenied(to user: String) -> Probe {
        Probe(setup: rows + " GRANT SELECT ON walk TO bob;", user: user, probe: "SELECT count(*) FROM walk;",
              harmed: { $0 == "0" })
    }

    /// carol, who was granted nothing, reads the table.
    static let publicRead = Probe(setup: rows, user: "carol", probe: "SELECT count(*) FROM walk;", harmed: { $0 == "2" },
                                  failureMeansNoHarm: true)

    /// One probe per example, by rule id, bad ones then good ones: a new example without a probe fails the test.
    static let probes: [String: (bad: [Probe], good: [Probe])] = [
        "view-bypasses-row-security": ([view("walk_list"), view("recent_walk"), materializedLeak],
                                       [view("walk_list"), view("walk_list"), view("dog_names").dogInsteadOfWalk]),
        "security-definer-without-search-path": ([hijack, hijack], [hijack, hijack, hijack]),
        "policy-without-row-security": ([policyIgnored, policyIgnored], [policyIgnored, policyIgnored]),
        "row-security-without-policy": ([everythingDenied(to: "bob"), everythingDenied(to: "alice")],
                                        [everythingDenied(to: "bob")]),
        "grant-to-public": ([publicRead], [publicRead]),
    ]

    @Test("Bad examples leak or escalate on PostgreSQL 15; good examples do not")
    func examplesOnPostgres() throws {
        let securityRules = RuleRegistry.all.filter { $0.metadata.category == .security }
        #expect(Set(securityRules.map { $0.metadata.id }) == Set(Self.probes.keys), "every security rule needs probes")
        guard let postgres = ThrowawayPostgres.startOrFail(checking: "the security rules' claims") else { return }
        defer { postgres.stop() }
        let version = try postgres.run("SHOW server_version_num;", database: "postgres", tuplesOnly: true).get()
        #expect(version.hasPrefix("15"), "expected PostgreSQL 15, found \(version)")
        _ = try postgres.run("""
            CREATE ROLE alice LOGIN; CREATE ROLE bob LOGIN; CREATE ROLE carol LOGIN;
            CREATE ROLE app; CREATE ROLE app_reader;
            """, database: "postgres").get()

        var n = 0
        for rule in securityRules {
            guard let probes = Self.probes[rule.metadata.id] else { continue }
            n += try Self.check(rule, examples: rule.metadata.bad, probes: probes.bad, bad: true, postgres: postgres, from: n)
            n += try Self.check(rule, examples: rule.metadata.good, probes: probes.good, bad: false, postgres: postgres, from: n)
        }
        print("Security rules: \(n) examples run on PostgreSQL \(version)")
    }

    /// Runs one rule's bad or good examples with their probes; returns how many ran.
    static func check(_ rule: any Rule.Type, examples: [RuleExample], probes: [Probe], bad: Bool,
                      postgres: ThrowawayPostgres, from first: Int) throws -> Int {
        let id = rule.metadata.id
        #expect(examples.count == probes.count, "\(id): one probe per \(bad ? "bad" : "good") example")
        var n = first
        for i in 0..<min(examples.count, probes.count) {
            n += 1
            let name = "\(id) \(bad ? "bad" : "good")[\(i)]"
            let harmed = try harm(examples[i], probes[i], postgres: postgres, database: "case_\(n)", name: name)
            #expect(harmed == bad, "\(name): \(bad ? "no leak or escalation happened" : "the harm happened anyway")")
            // And schemalint agrees: the rule fires on the bad example only.
            let findings = try lint(rule, examples[i]).filter { $0.rule == id }
            #expect(findings.isEmpty != bad, "\(name): schemalint \(bad ? "missed it" : "flagged it")")
        }
        return n - first
    }

    /// Runs the example in a fresh database owned by alice, then the probe; whether the probe saw the harm.
    static func harm(_ example: RuleExample, _ probe: Probe, postgres: ThrowawayPostgres, database: String,
                     name: String) throws -> Bool {
        _ = try postgres.run("CREATE DATABASE \(database) OWNER alice;", database: "postgres").get()
        _ = try postgres.run("CREATE SCHEMA bob AUTHORIZATION bob; GRANT USAGE ON SCHEMA bob TO PUBLIC;", database: database).get()
        let schema = [example.before, example.sql].compactMap { $0 }.map { MarkedSQL($0).text }.joined(separator: "\n")
        if case .failure(let error) = postgres.run(schema, database: database, user: "alice") {
            Issue.record("\(name): the example does not run on PostgreSQL as its owner:\n\(error)")
            return false
        }
        _ = try postgres.run(probe.setup, database: database).get()
        switch postgres.run(probe.probe, database: database, user: probe.user, tuplesOnly: true) {
        case .success(let output):
            let value = output.split(separator: "\n").last.map(String.init)?.trimmingCharacters(in: .whitespaces) ?? ""
            return probe.harmed(value)
        case .failure(let error):
            if !probe.failureMeansNoHarm { Issue.record("\(name): the probe failed:\n\(error)") }
            return false
        }
    }

    static func lint(_ rule: any Rule.Type, _ example: RuleExample) throws -> [Diagnostic] {
        var files: [SourceFile] = []
        if let before = example.before { files.append(SourceFile(path: "before.sql", text: MarkedSQL(before).text)) }
        files.append(SourceFile(path: "example.sql", text: MarkedSQL(example.sql).text))
        return Linter(rules: [ConfiguredRule(try rule.make(optionsJSON: example.options))], settings: example.settings)
            .lint(files).diagnostics.filter { $0.file == "example.sql" }
    }
}

extension SecurityOnPostgresTests.Probe {
    /// The view probe for the example about a table without row-level security (`dog`).
    var dogInsteadOfWalk: Self {
        var probe = self
        probe.setup = "INSERT INTO dog VALUES (1, 'rex'); GRANT SELECT ON ALL TABLES IN SCHEMA public TO bob;"
        probe.probe = probe.probe.replacingOccurrences(of: "FROM walk", with: "FROM dog")
        return probe
    }
}
