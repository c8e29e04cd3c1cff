/// DROP COLUMN on an existing table.
public struct DropColumn: Rule {
    public static let metadata = RuleMetadata(
        id: "drop-column",
        summary: "DROP COLUMN on an existing table: breaks application code that still uses the column.",
        rationale: """
            The application version running while the migration deploys still reads and writes the column; once \
            it is gone, those queries fail (and ORMs that cache the column list, such as Rails, fail even on \
            `SELECT *`-style reads and inserts). The drop itself is quick (no rewrite) but takes an ACCESS EXCLUSIVE \
            lock, which blocks all reads and writes while it waits for running queries; a foreign key that goes with \
            the column takes one on the table it references too. Tables created earlier in \
            the same file are exempt. schemalint cannot see whether the code was already changed, so every drop \
            of an existing column is flagged: suppress the finding with the reason once the code is out.
            """,
        category: .safety, defaultSeverity: .warning, scope: .statement,
        bad: [
            RuleExample("ALTER TABLE walk «DROP COLUMN note»;", existing: RuleExample.walkDatabase + "ALTER TABLE walk ADD note text;"),
            RuleExample("ALTER TABLE walk «DROP COLUMN IF EXISTS legacy_code CASCADE», ADD COLUMN code text;",
                        existing: RuleExample.walkDatabase + "ALTER TABLE walk RENAME COLUMN code TO legacy_code;"),
            RuleExample("ALTER TABLE walk «DROP COLUMN owner_id»;",
                        before: "ALTER TABLE walk ADD CONSTRAINT walk_owner_id_fkey FOREIGN KEY (owner_id) REFERENCES owner (id);",
                        note: "Its foreign key goes with it, and takes the ACCESS EXCLUSIVE lock on \"owner\" too.",
                        existing: RuleExample.walkDatabase),
        ],
        good: [
            RuleExample("""
                CREATE TABLE walk (id bigint PRIMARY KEY, note text);
                ALTER TABLE walk DROP COLUMN note;
                """, note: "The table is new in this file."),
        ], weighedByTableSize: false)

    public static let triggers: RuleTriggers = .changes(.dropColumn)

    public init(options: NoOptions) {}

    public func check(statement: StatementContext) {
        for change in statement.changes {
            guard case .dropColumn(let target, let column, let anchor) = change, !target.isNewInFile else { continue }
            let table = target.table.name
            let mode = Safety.lock(on: table, in: statement, fallback: .accessExclusive)
            // A foreign key dropped with the column locks the table it references as strongly.
            let targets = Safety.lockTargets([table], mode, in: statement)
            statement.report(
                at: anchor,
                "Dropping \(table.column(column)) breaks application code that still uses it; it \(Safety.lockPhrase(mode, on: targets))",
                help: "1. Deploy code that no longer reads or writes the column (tell an ORM that caches columns to ignore it "
                    + "first, e.g. Rails ignored_columns); 2. then drop it in a later migration, with a short lock_timeout.",
                object: table.object(column: column))
        }
    }
}
