
/// ADD UNIQUE on an existing table other than USING INDEX.
public struct AddUniqueConstraint: Rule {
    public static let metadata = RuleMetadata(
        id: "add-unique-constraint",
        summary: "ADD UNIQUE on an existing table, other than UNIQUE USING INDEX.",
        rationale: """
            Adding a UNIQUE constraint builds its index while the ALTER TABLE holds an ACCESS EXCLUSIVE lock, which \
            blocks all reads and writes for the whole build. Build the index first with CREATE UNIQUE INDEX \
            CONCURRENTLY (reads and writes go on), then attach it with `ADD CONSTRAINT … UNIQUE USING INDEX`, which \
            only updates the catalog. A UNIQUE written on an added column (`ADD COLUMN … UNIQUE`) builds an index \
            the same way and is flagged too. Tables created earlier in the same file are exempt.
            """,
        category: .safety, defaultSeverity: .warning, scope: .statement, fix: .safeRewrite,
        bad: [
            RuleExample("ALTER TABLE walk ADD «CONSTRAINT walk_code_key UNIQUE (code)»;", existing: RuleExample.walkDatabase),
            RuleExample("ALTER TABLE walk ADD COLUMN slug text «UNIQUE»;", existing: RuleExample.walkDatabase),
        ],
        good: [
            RuleExample("ALTER TABLE walk ADD CONSTRAINT walk_code_key UNIQUE USING INDEX walk_code_key;",
                        before: "CREATE UNIQUE INDEX CONCURRENTLY walk_code_key ON walk (code);",
                        note: "The index was built concurrently beforehand."),
            RuleExample("""
                CREATE TABLE walk (id bigint PRIMARY KEY, code text);
                ALTER TABLE walk ADD CONSTRAINT walk_code_key UNIQUE (code);
                """, note: "The table is new in this file."),
        ])

    public static let triggers: RuleTriggers = .changes(.addConstraint)

    public init(options: NoOptions) {}

    public func check(statement: StatementContext) {
        for change in statement.changes {
            guard case .addConstraint(let target, let constraint, .alterTable) = change, !target.isNewInFile,
                  constraint.kind == .unique, constraint.usingIndex == nil else { continue }
            let table = target.table.name
            let name = constraint.effectiveName(on: table)
            let mode = Safety.lock(on: table, in: statement, fallback: .accessExclusive)
            statement.report(
                at: constraint.anchor,
                "Adding the UNIQUE constraint \"\(name)\" builds its index while it \(Safety.lockPhrase(mode, on: table.quoted))",
                help: "1. CREATE UNIQUE INDEX CONCURRENTLY \(name) ON \(table) (…); outside a transaction block (reads and "
                    + "writes go on); 2. ALTER TABLE \(table) ADD CONSTRAINT \(name) UNIQUE USING INDEX \(name); which only "
                    + "updates the catalog.",
                suggestion: IndexBackedConstraint.suggestion(constraint, name: name, table: table, statement: statement.statement),
                object: table.object)
        }
    }
}

/// The two-step recipe for UNIQUE and PRIMARY KEY: build the index concurrently, then attach it.
enum IndexBackedConstraint {
    /// Only for an ALTER TABLE whose one action is this `ADD [CONSTRAINT …] UNIQUE|PRIMARY KEY (cols)` with nothing
    /// an index cannot say or USING INDEX does not accept.
    static func suggestion(_ constraint: TableConstraint, name: String, table: QualifiedName, statement: Statement) -> String? {
        guard case .alterTable(let alter) = statement.syntax, alter.actions.count == 1, alter.actions[0].kind == .addConstraint,
              case .constraint(let con)? = alter.actions[0].definition, !con.keys.isEmpty, !con.hasOptions,
              (con.indexTablespace ?? "").isEmpty
        else { return nil }
        let columns = con.keys.map { SQLText.ident($0) }.joined(separator: ", ")
        let include = con.including.isEmpty ? "" : " INCLUDE (" + con.including.map { SQLText.ident($0) }.joined(separator: ", ") + ")"
        let nulls = con.nullsNotDistinct ? " NULLS NOT DISTINCT" : ""
        let kind = constraint.kind == .primaryKey ? "PRIMARY KEY" : "UNIQUE"
        let deferrable = con.deferrable ? " DEFERRABLE" + (con.initiallyDeferred ? " INITIALLY DEFERRED" : "") : ""
        let only = alter.relation.includesDescendants ? "" : "ONLY "
        return """
            CREATE UNIQUE INDEX CONCURRENTLY \(SQLText.ident(name)) ON \(only)\(SQLText.name(table)) (\(columns))\(include)\(nulls);
            ALTER TABLE \(SQLText.name(table)) ADD CONSTRAINT \(SQLText.ident(name)) \(kind) USING INDEX \(SQLText.ident(name))\(deferrable);
            """
    }
}
