import Foundation
import Testing
@testable import SchemaLint

/// Migration-safety suggestions rewrite the flagged statement (CONCURRENTLY added, NOT VALID + VALIDATE, the
/// four-step SET NOT NULL, …): each must be SQL that PostgreSQL's parser accepts, and the rules whose fix is
/// mechanical must offer one on their first bad example.
@Suite("Migration-safety suggestions")
struct SafetySuggestionTests {
    /// Rules whose first bad example must carry a suggestion.
    static let suggestingRules: Set<String> = [
        "create-index-without-concurrently", "drop-index-without-concurrently", "add-column-with-default", "set-not-null",
        "constraint-without-not-valid", "add-unique-constraint", "add-primary-key", "rename-table", "missing-lock-timeout",
        "reindex-without-concurrently", "refresh-without-concurrently", "truncate-cascade", "non-idempotent-statement",
    ]

    static func findings(_ rule: any Rule.Type, _ example: RuleExample) throws -> [Diagnostic] {
        var files: [SourceFile] = []
        if let before = example.before { files.append(SourceFile(path: "before.sql", text: MarkedSQL(before).text)) }
        files.append(SourceFile(path: "example.sql", text: MarkedSQL(example.sql).text))
        let rules = [ConfiguredRule(try rule.make(optionsJSON: example.options))]
        return Linter(rules: rules, settings: example.settings).lint(files).diagnostics.filter { $0.file == "example.sql" }
    }

    @Test("Every suggestion of a safety rule parses, and mechanical fixes are offered")
    func suggestionsParse() throws {
        var offered = Set<String>()
        for rule in RuleRegistry.all where rule.metadata.category == .safety {
            for (index, example) in rule.metadata.bad.enumerated() {
                for finding in try Self.findings(rule, example) {
                    guard let suggestion = finding.suggestion else { continue }
                    if index == 0 { offered.insert(rule.metadata.id) }
                    let parsed = SQLParser.parse(SourceFile(path: "suggestion.sql", text: suggestion))
                    let errors = parsed.items.compactMap { item -> String? in
                        if case .syntaxError(let error) = item { error.message } else { nil }
                    }
                    #expect(errors.isEmpty, "\(rule.metadata.id) bad[\(index)]: the suggestion does not parse: \(errors)\n\(suggestion)")
                    #expect(parsed.statementCount >= 1, "\(rule.metadata.id) bad[\(index)]: an empty suggestion")
                }
            }
        }
        #expect(Self.suggestingRules.subtracting(offered).isEmpty,
                "no suggestion on the first bad example of: \(Self.suggestingRules.subtracting(offered).sorted())")
    }

    @Test("CONCURRENTLY is inserted in place, keeping the rest of the statement as written")
    func concurrentlyInPlace() throws {
        let example = RuleExample("CREATE UNIQUE INDEX IF NOT EXISTS walk_code_key ON ONLY public.walk USING btree (lower(code)) INCLUDE (id) WHERE deleted_at IS NULL;")
        let suggestion = try #require(try Self.findings(CreateIndexWithoutConcurrently.self, example).first?.suggestion)
        #expect(suggestion == "CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS walk_code_key ON ONLY public.walk USING btree (lower(code)) INCLUDE (id) WHERE deleted_at IS NULL;")
    }

    @Test("NOT VALID goes on the constraint, and VALIDATE names it (PostgreSQL's name when unnamed)")
    func notValidSplit() throws {
        let example = RuleExample("ALTER TABLE walk ADD FOREIGN KEY (owner_id) REFERENCES owner (id) ON DELETE CASCADE;")
        let suggestion = try #require(try Self.findings(ConstraintWithoutNotValid.self, example).first?.suggestion)
        #expect(suggestion == """
            ALTER TABLE walk ADD CONSTRAINT walk_owner_id_fkey FOREIGN KEY (owner_id) REFERENCES owner (id) ON DELETE CASCADE NOT VALID;
            -- commit, then:
            ALTER TABLE walk VALIDATE CONSTRAINT walk_owner_id_fkey;
            """)
    }
}
