/// ADD COLUMN … NOT NULL without a default on an existing table.
public struct AddRequiredColumn: Rule {
    public static let metadata = RuleMetadata(
        id: "add-required-column",
        summary: "ADD COLUMN … NOT NULL without a default on an existing table: it fails once the table has rows.",
        rationale: """
            Every existing row would get NULL in the new column, so PostgreSQL rejects the statement with "column … \
            contains null values" as soon as the table has a row: the migration passes on an empty development \
            database and fails in production. A non-null default fixes it (instant on PostgreSQL 11+ when the \
            default is not volatile, see add-column-with-default). Serial, identity and generated columns fill \
            themselves and are not flagged; `DEFAULT NULL` counts as no default. Tables created earlier in the same \
            file are exempt, and so are tables truncated earlier in the same transaction (and not written to since): \
            they have no rows.
            """,
        category: .safety, defaultSeverity: .warning, scope: .statement,
        bad: [
            RuleExample("ALTER TABLE walk «ADD COLUMN owner_id bigint NOT NULL»;",
                        existing: RuleExample.walkDatabase + "ALTER TABLE walk DROP COLUMN owner_id;"),
            RuleExample("""
                TRUNCATE walk;
                ALTER TABLE walk «ADD COLUMN owner_id bigint NOT NULL»;
                """, note: "Outside a transaction block other sessions may add rows between the statements.",
                existing: RuleExample.walkDatabase + "ALTER TABLE walk DROP COLUMN owner_id;"),
            RuleExample("ALTER TABLE walk «ADD COLUMN code text PRIMARY KEY»;",
                        note: "A primary key column is NOT NULL too.",
                        existing: RuleExample.walkDatabase + "ALTER TABLE walk DROP COLUMN code;"),
        ],
        good: [
            RuleExample("ALTER TABLE walk ADD COLUMN minutes int NOT NULL DEFAULT 30;"),
            RuleExample("""
                CREATE TABLE walk (id bigint PRIMARY KEY);
                ALTER TABLE walk ADD COLUMN owner_id bigint NOT NULL;
                """, note: "The table is new in this file."),
            RuleExample("""
                BEGIN;
                TRUNCATE walk;
                ALTER TABLE walk ADD COLUMN owner_id bigint NOT NULL;
                COMMIT;
                """, note: "The table was emptied earlier in the same transaction."),
        ], weighedByTableSize: false)

    public static let triggers: RuleTriggers = .changes(.addColumn)

    public init(options: NoOptions) {}

    public func check(statement: StatementContext) {
        for change in statement.changes {
            guard case .addColumn(let target, let column, .alterTable) = change, !statement.holdsNoRows(target), column.notNull,
                  column.defaultExpression.map(DefaultVolatility.isNull) ?? true, !column.isIdentity, !column.isGenerated,
                  column.type.isArray || !AddSerialColumn.serialTypes.contains(column.type.name) else { continue }
            let table = target.table.name
            let mode = Safety.lock(on: table, in: statement, fallback: .accessExclusive)
            statement.report(
                at: column.anchor,
                "Adding \(table.column(column.name)) as NOT NULL without a default fails as soon as the table has a row (each would be NULL); it \(Safety.lockPhrase(mode, on: table.quoted))",
                help: "Give it a default (ADD COLUMN … NOT NULL DEFAULT …: instant on PostgreSQL 11+ for a non-volatile default); "
                    + "or 1. add it nullable, 2. fill it in batches, 3. then make it NOT NULL through a validated CHECK (see set-not-null).",
                object: table.object(column: column.name))
        }
    }
}
