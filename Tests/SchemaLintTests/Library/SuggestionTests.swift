import Foundation
import Testing
@testable import SchemaLint

/// Every suggestion of every rule, applied as a user applies it, runs on a real PostgreSQL 15 and fixes what
/// it was for. For each bad example (and each `IdentifierVariant` of its names): lint it; apply the findings'
/// suggestion edits to the file (where the rule's declared fix puts them: a rewrite of the flagged statement, or SQL
/// added after it); run the example's `existing` database, its `before` file and the fixed file on a fresh database;
/// lint the fixed file again and check every finding that had a suggestion is gone and nothing new appeared.
@Suite("Suggested fixes on PostgreSQL", .serialized)
struct SuggestionTests {
    /// Rules whose bad examples must produce at least one suggestion, so the test cannot pass by testing nothing.
    static let suggestingRules: Set<String> = [
        "fk-without-index", "timestamp-without-time-zone", "nullable-boolean", "float-for-money",
        "table-without-primary-key", "missing-audit-columns", "soft-delete-without-partial-index", "fk-type-mismatch",
        "fk-set-null-on-not-null-column", "duplicate-index", "json-type", "serial-column", "char-type", "money-type",
        "non-snake-case-identifier", "fk-column-without-id-suffix", "boolean-without-prefix",
        "timestamp-without-at-suffix", "constraint-name-mismatch", "updated-at-without-trigger", "join-table-name-order",
        "table-name-inflection", "integer-primary-key",
        "create-index-without-concurrently", "drop-index-without-concurrently", "add-column-with-default", "set-not-null",
        "constraint-without-not-valid", "add-unique-constraint", "add-primary-key", "rename-table", "missing-lock-timeout",
        "reindex-without-concurrently", "refresh-without-concurrently", "truncate-cascade", "non-idempotent-statement",
        "security-definer-without-search-path", "view-bypasses-row-security", "policy-without-row-security",
    ]

    /// Rules whose suggestion makes the change safe but is not something the model can see yet: the
    /// suggestion must run, but the rule still fires on it.
    static let mitigatingRules: [String: String] = [:]

    /// One bad example of one rule with its names spelled one way.
    struct Run: CustomStringConvertible {
        var rule: any Rule.Type
        var index: Int
        var example: RuleExample
        var variant: IdentifierVariant
        var rewrite: IdentifierRewrite

        var description: String {
            "\(rule.metadata.id) bad[\(index)] (\(variant)\(rewrite.isEmpty ? "" : ": " + rewrite.renames.map { "\($0.key) → \($0.value)" }.sorted().joined(separator: ", ")))"
        }
        var existing: String? { example.existing.map(rewrite.apply) }
        var before: String? { example.before.map { rewrite.apply(MarkedSQL($0).text) } }
        var sql: String { rewrite.apply(MarkedSQL(example.sql).text) }

        func lint(_ sql: String) throws -> [Diagnostic] {
            var rules = [ConfiguredRule(try rule.make(optionsJSON: example.options)), ConfiguredRule(try SyntaxErrorRule.make())]
            for id in example.alsoSelect { if let other = RuleRegistry.rule(id: id) { rules.append(ConfiguredRule(try other.make())) } }
            var files: [SourceFile] = []
            if let before { files.append(SourceFile(path: "before.sql", text: before)) }
            files.append(SourceFile(path: "example.sql", text: sql))
            return Linter(rules: rules, settings: example.settings).lint(files).diagnostics
        }

        /// The rule's findings in the example file.
        func findings(_ sql: String) throws -> [Diagnostic] {
            try lint(sql).filter { $0.rule == rule.metadata.id && $0.file == "example.sql" }
        }
    }

    enum Outcome { case fixed, noSuggestion, failed }

    /// The names a variant renames: the table and column the first suggesting finding is about. When the new
    /// names take away what the rule judges (a rule about plural names, or `updated_at`), fewer are renamed.
    static func variantRuns(_ base: Run, findings: [Diagnostic], variant: IdentifierVariant) throws -> Run? {
        guard let (table, column) = subject(findings, sql: base.sql) else { return nil }
        var choices: [[String: String]] = []
        if let column { choices.append([table: variant.table, column: variant.column]) }
        choices.append([table: variant.table])
        if let column { choices.append([column: variant.column]) }
        for renames in choices {
            var run = base
            run.variant = variant
            run.rewrite = IdentifierRewrite(renames: renames)
            if try run.findings(run.sql).contains(where: { $0.suggestion != nil }) { return run }
        }
        return nil
    }

    @Test("Every suggestion of every rule runs on PostgreSQL 15 and fixes what its rule flagged, whatever the names")
    func suggestionsFixTheSchema() throws {
        guard let postgres = ThrowawayPostgres.startOrFail() else { return }
        defer { postgres.stop() }

        var tested = Set<String>()
        var runs = 0, withheld: [String] = [], notApplicable: [String] = []
        for rule in RuleRegistry.all {
            for (index, example) in rule.metadata.bad.enumerated() {
                let base = Run(rule: rule, index: index, example: example, variant: .original, rewrite: IdentifierRewrite(renames: [:]))
                let findings = try base.findings(base.sql)
                guard findings.contains(where: { $0.suggestion != nil }) else { continue }
                tested.insert(rule.metadata.id)
                var all = [base]
                for variant in IdentifierVariant.all {
                    if let run = try Self.variantRuns(base, findings: findings, variant: variant) {
                        all.append(run)
                        continue
                    }
                    let renamed = Run(rule: rule, index: index, example: example, variant: variant,
                                      rewrite: Self.fullRewrite(findings, variant, sql: base.sql))
                    if try !renamed.findings(renamed.sql).isEmpty {
                        // The rule still fires but offers no fix: it says so rather than printing SQL that would fail.
                        withheld.append(renamed.description)
                    } else {
                        notApplicable.append("\(rule.metadata.id) bad[\(index)] (\(variant))")
                    }
                }
                for run in all {
                    runs += 1
                    try check(run, on: postgres, database: "run_\(runs)")
                }
            }
        }
        print("Suggested fixes: \(runs) (rule, example, variant) runs of \(tested.count) rules applied to PostgreSQL; "
              + "suggestion withheld for \(withheld.count): \(withheld); "
              + "\(notApplicable.count) variants take away what the rule judges: \(notApplicable)")
        let untested = Self.suggestingRules.subtracting(tested).sorted()
        #expect(untested.isEmpty, "these rules produced no suggestion on their bad examples: \(untested)")
    }

    static func fullRewrite(_ findings: [Diagnostic], _ variant: IdentifierVariant, sql: String) -> IdentifierRewrite {
        guard let (table, column) = subject(findings, sql: sql) else { return IdentifierRewrite(renames: [:]) }
        var renames = [table: variant.table]
        if let column { renames[column] = variant.column }
        return IdentifierRewrite(renames: renames)
    }

    /// The table (or index) and column the first suggesting finding is about: its `object`, or for a finding
    /// about a whole statement, the first name after TABLE, INDEX or VIEW in the example.
    static func subject(_ findings: [Diagnostic], sql: String) -> (table: String, column: String?)? {
        if let object = findings.first(where: { $0.suggestion != nil })?.object {
            let parts = object.split(separator: ".").map(String.init)
            if parts.count >= 2 { return (parts[1], parts.count > 2 ? parts[2] : nil) }
        }
        let words = sql.lowercased().split(whereSeparator: { !($0.isLetter || $0.isNumber || $0 == "_") }).map(String.init)
        let skipped: Set<String> = ["if", "not", "exists", "concurrently", "only", "public"]
        guard let at = words.firstIndex(where: { ["table", "index", "view"].contains($0) }),
              let name = words[(at + 1)...].first(where: { !skipped.contains($0) }) else { return nil }
        return (name, nil)
    }

    func check(_ run: Run, on postgres: ThrowawayPostgres, database: String) throws {
        let sql = run.sql
        let all = try run.lint(sql)
        let syntaxErrors = all.filter { $0.rule == SyntaxErrorRule.id }
        guard syntaxErrors.isEmpty else {
            Issue.record("\(run): the example does not parse: \(syntaxErrors.map(\.message))\n\(sql)")
            return
        }
        let findings = all.filter { $0.rule == run.rule.metadata.id && $0.file == "example.sql" }
        // As a user applies them: the edits that do not overlap, then those the next lint offers (two findings
        // in one statement each rewrite it).
        var fixed = sql, pending = findings.filter { $0.suggestionEdit != nil }, applied = Set<String>()
        for _ in 0..<3 where !pending.isEmpty {
            let (text, made) = Self.applying(pending.compactMap(\.suggestionEdit), to: fixed)
            fixed = text
            applied.formUnion(made.map { pending[$0].message })
            pending = try run.findings(fixed).filter { $0.suggestionEdit != nil && !applied.contains($0.message) }
        }
        let setup = [run.existing, run.before].compactMap { $0 }.joined(separator: "\n")
        if case .failure(let error) = postgres.runInFreshDatabase(database, setup: setup, sql: fixed) {
            let example = postgres.runInFreshDatabase(database + "_bad", setup: setup, sql: sql)
            if case .failure(let exampleError) = example {
                Issue.record("\(run): the bad example itself does not run on PostgreSQL:\n\(setup)\n\(sql)\n\(exampleError)")
            } else {
                Issue.record("\(run): the fixed file fails on PostgreSQL:\n\(fixed)\n\(error)")
            }
            return
        }
        // What had no suggestion may remain; everything that had one must be gone, and nothing new appear.
        if Self.mitigatingRules[run.rule.metadata.id] != nil { return }
        let remaining = try run.findings(fixed).map(\.message).sorted()
        let expected = findings.filter { $0.suggestion == nil }.map(\.message).sorted()
        #expect(remaining == expected, """
            \(run): the rule still fires after its suggestion
            fixed file:
            \(fixed)
            remaining: \(remaining)
            """)
    }

    /// The text with the edits made, last first, and the indices of those made: an edit overlapping one
    /// already made is left out.
    static func applying(_ edits: [SuggestionEdit], to text: String) -> (String, [Int]) {
        var bytes = Array(text.utf8)
        var lowest = Int.max, made: [Int] = []
        let ranges = edits.map { byteOffset($0.start, in: text)..<byteOffset($0.end, in: text) }
        for i in ranges.indices.sorted(by: { ranges[$0].lowerBound > ranges[$1].lowerBound }) where ranges[i].upperBound <= lowest {
            bytes.replaceSubrange(ranges[i], with: Array(edits[i].text.utf8))
            lowest = ranges[i].lowerBound
            made.append(i)
        }
        return (String(decoding: bytes, as: UTF8.self), made)
    }

    /// The byte offset of a 1-based line and Unicode-scalar column.
    static func byteOffset(_ position: SourcePosition, in text: String) -> Int {
        var offset = 0, line = 1
        let scalars = Array(text.unicodeScalars)
        var i = 0
        while line < position.line, i < scalars.count {
            if scalars[i] == "\n" { line += 1 }
            offset += String(scalars[i]).utf8.count
            i += 1
        }
        for _ in 1..<max(position.column, 1) where i < scalars.count {
            offset += String(scalars[i]).utf8.count
            i += 1
        }
        return offset
    }

    @Test("The keyword table is PostgreSQL's: every keyword that is not unreserved, in its category")
    func keywordsMatchPostgres() throws {
        guard let postgres = ThrowawayPostgres.startOrFail() else { return }
        defer { postgres.stop() }
        let listed = try postgres.run("COPY (SELECT word || ' ' || catcode::text FROM pg_get_keywords() WHERE catcode <> 'U' ORDER BY 1) TO STDOUT;",
                                      database: "postgres").get()
        let ours = Keyword.allCases.compactMap { keyword -> String? in
            switch keyword.category {
            case .unreserved: nil
            case .reserved: "\(keyword.text) R"
            case .typeOrFunctionName: "\(keyword.text) T"
            case .columnName: "\(keyword.text) C"
            }
        }.sorted()
        #expect(listed.split(separator: "\n").map(String.init).sorted() == ours)
    }
}
