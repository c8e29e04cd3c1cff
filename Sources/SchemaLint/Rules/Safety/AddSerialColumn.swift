/// ADD COLUMN of serial/bigserial or an identity column on an existing table.
public struct AddSerialColumn: Rule {
    public static let metadata = RuleMetadata(
        id: "add-serial-column",
        summary: "ADD COLUMN of a serial type or an identity column on an existing table (a rewrite).",
        rationale: """
            A serial or identity column's default is `nextval()` of its sequence, which is volatile: every existing \
            row must get its own number, so PostgreSQL rewrites the whole table and its indexes under an ACCESS \
            EXCLUSIVE lock that blocks all reads and writes until it is done. (squawk does not flag this.) Tables \
            created earlier in the same file are exempt.
            """,
        category: .safety, defaultSeverity: .warning, scope: .statement,
        bad: [
            RuleExample("ALTER TABLE walk «ADD COLUMN seq bigserial»;"),
            RuleExample("ALTER TABLE walk «ADD COLUMN number int GENERATED ALWAYS AS IDENTITY»;"),
        ],
        good: [
            RuleExample("""
                CREATE TABLE walk (name text);
                ALTER TABLE walk ADD COLUMN id bigserial PRIMARY KEY;
                """, note: "The table is new in this file."),
            RuleExample("ALTER TABLE walk ADD COLUMN seq bigint;", note: "A plain column, filled later in batches."),
        ])

    public static let triggers: RuleTriggers = .changes(.addColumn)

    public init(options: NoOptions) {}

    static let serialTypes: Set<String> = ["serial", "bigserial", "smallserial"]

    public func check(statement: StatementContext) {
        for change in statement.changes {
            guard case .addColumn(let target, let column, .alterTable) = change, !target.isNewInFile,
                  column.isIdentity || (!column.type.isArray && Self.serialTypes.contains(column.type.name)) else { continue }
            let table = target.table.name
            let kind = column.isIdentity ? "identity column" : "\(column.type.name) column"
            let mode = Safety.lock(on: table, in: statement, fallback: .accessExclusive)
            let seq = "\(table.name)_\(column.name)_seq"
            statement.report(
                at: column.anchor,
                "Adding the \(kind) \(table.column(column.name)) numbers every existing row: it rewrites the whole table and \(Safety.lockPhrase(mode, on: table.quoted)) until the rewrite ends",
                help: "1. ALTER TABLE … ADD COLUMN \(column.name) bigint; (instant) "
                    + "2. CREATE SEQUENCE \(seq) OWNED BY \(table.name).\(column.name); and ALTER TABLE … ALTER COLUMN \(column.name) "
                    + "SET DEFAULT nextval('\(seq)'); so new rows get numbers; "
                    + "3. number the existing rows in batches (UPDATE … SET \(column.name) = nextval('\(seq)') WHERE \(column.name) IS NULL AND …); "
                    + "4. then NOT NULL through a validated CHECK (see set-not-null) and, for a key, CREATE UNIQUE INDEX CONCURRENTLY "
                    + "+ ADD PRIMARY KEY USING INDEX (see add-primary-key).",
                object: table.object(column: column.name))
        }
    }
}
