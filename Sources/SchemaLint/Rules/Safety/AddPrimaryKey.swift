/// ADD PRIMARY KEY on an existing table other than USING INDEX.
public struct AddPrimaryKey: Rule {
    public static let metadata = RuleMetadata(
        id: "add-primary-key",
        summary: "ADD PRIMARY KEY on an existing table, other than PRIMARY KEY USING INDEX.",
        rationale: """
            Adding a primary key builds its unique index while the ALTER TABLE holds an ACCESS EXCLUSIVE lock, which \
            blocks all reads and writes for the whole build, and it makes the key columns NOT NULL, which scans \
            the table under the same lock unless they already are. Build the index first with CREATE UNIQUE INDEX \
            CONCURRENTLY, make the columns NOT NULL without the long scan (see set-not-null), then attach the index \
            with `ADD CONSTRAINT … PRIMARY KEY USING INDEX`. A PRIMARY KEY written on an added column is flagged too. \
            Tables created earlier in the same file are exempt.
            """,
        category: .safety, defaultSeverity: .warning, scope: .statement, fix: .safeRewrite,
        bad: [
            RuleExample("ALTER TABLE walk ADD «PRIMARY KEY (id)»;", existing: RuleExample.walkDatabase),
            RuleExample("ALTER TABLE walk ADD «CONSTRAINT walk_pkey PRIMARY KEY (id)»;",
                        before: "CREATE TABLE walk (id bigint NOT NULL, name text);"),
        ],
        good: [
            RuleExample("ALTER TABLE walk ADD CONSTRAINT walk_pkey PRIMARY KEY USING INDEX walk_id_key;",
                        before: "CREATE UNIQUE INDEX CONCURRENTLY walk_id_key ON walk (id);",
                        note: "The index was built concurrently beforehand."),
            RuleExample("""
                CREATE TABLE walk (id bigint NOT NULL, name text);
                ALTER TABLE walk ADD PRIMARY KEY (id);
                """, note: "The table is new in this file."),
        ])

    public static let triggers: RuleTriggers = .changes(.addConstraint)

    public init(options: NoOptions) {}

    public func check(statement: StatementContext) {
        for change in statement.changes {
            guard case .addConstraint(let target, let constraint, .alterTable) = change, !target.isNewInFile,
                  constraint.kind == .primaryKey, constraint.usingIndex == nil else { continue }
            let table = target.table.name
            let name = constraint.effectiveName(on: table)
            let mode = Safety.lock(on: table, in: statement, fallback: .accessExclusive)
            let columns = constraint.columns.joined(separator: ", ")
            statement.report(
                at: constraint.anchor,
                "Adding the primary key \"\(name)\" builds its index (and makes its columns NOT NULL) while it \(Safety.lockPhrase(mode, on: table.quoted))",
                help: "1. CREATE UNIQUE INDEX CONCURRENTLY \(name) ON \(table) (\(columns)); outside a transaction block; "
                    + "2. make \(columns.isEmpty ? "the key columns" : columns) NOT NULL without the long lock (see set-not-null), "
                    + "or ADD PRIMARY KEY scans for nulls under its lock; "
                    + "3. ALTER TABLE \(table) ADD CONSTRAINT \(name) PRIMARY KEY USING INDEX \(name);",
                suggestion: IndexBackedConstraint.suggestion(constraint, name: name, table: table, statement: statement.statement),
                object: table.object)
        }
    }
}
