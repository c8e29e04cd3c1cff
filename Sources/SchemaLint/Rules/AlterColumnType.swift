/// A column type change that rewrites an existing table.
public struct AlterColumnType: Rule {
    public static let metadata = RuleMetadata(
        id: "alter-column-type",
        summary: "ALTER COLUMN … TYPE on an existing table, unless the change is binary-compatible.",
        rationale: """
            Changing a column's type rewrites the whole table and its indexes while holding an ACCESS \
            EXCLUSIVE lock: no reads or writes until it finishes. Tables created earlier in the same file \
            are new and exempt. Binary-compatible changes do not rewrite and are not flagged: varchar(n) to \
            text or to a varchar at least as long (or unbounded), numeric(p,s) to numeric(q,s) with q ≥ p \
            (or unbounded numeric), and cidr to inet. When the old type is unknown (the table was never \
            created in this run) the change is flagged.
            """,
        category: .safety, defaultSeverity: .warning, scope: .statement,
        bad: [
            RuleExample("ALTER TABLE walk «ALTER COLUMN minutes TYPE bigint»;"),
            RuleExample("ALTER TABLE walk «ALTER COLUMN note TYPE varchar(50)»;",
                        before: "CREATE TABLE walk (id bigint PRIMARY KEY, note varchar(100));",
                        note: "Shrinking a varchar must check every row."),
        ],
        good: [
            RuleExample("""
                CREATE TABLE walk (id bigint PRIMARY KEY, minutes int);
                ALTER TABLE walk ALTER COLUMN minutes TYPE bigint;
                """, note: "The table is new in this file."),
            RuleExample("""
                ALTER TABLE walk ALTER COLUMN note TYPE text;
                ALTER TABLE walk ALTER COLUMN code TYPE varchar(40);
                ALTER TABLE walk ALTER COLUMN fee TYPE numeric(12,2);
                ALTER TABLE walk ALTER COLUMN network TYPE inet;
                """, before: """
                CREATE TABLE walk (id bigint PRIMARY KEY, note varchar(100), code varchar(20), fee numeric(10,2),
                                   network cidr);
                """, note: "Binary-compatible changes do not rewrite the table."),
        ])

    public init(options: NoOptions) {}

    public func check(statement: StatementContext) {
        for change in statement.changes {
            guard case .alterColumnType(let target, let column, let old, let new, let anchor) = change,
                  !target.isNewInFile, !Self.isBinaryCompatible(from: old, to: new) else { continue }
            let from = old.map { " from \($0)" } ?? ""
            statement.report(at: anchor,
                "Changing \(target.table.name.column(column))\(from) to \(new) rewrites the table under an ACCESS EXCLUSIVE lock",
                help: Self.help(from: old, to: new, pgVersion: statement.settings.pgVersion))
        }
    }

    static func help(from old: ColumnType?, to new: ColumnType, pgVersion: Int) -> String {
        if old?.name == "timestamp", new.name == "timestamptz", pgVersion >= 12 {
            return "PostgreSQL 12+ skips the rewrite only when the session's TimeZone is UTC: run `SET timezone = 'UTC';` "
                + "in the same migration, before this statement. Otherwise add a new column and backfill it in batches."
        }
        return "On a live table, add a new column, backfill it in batches, switch the application over, then drop "
            + "the old column. Binary-compatible changes (varchar(n)→text, a longer varchar, more numeric precision, "
            + "cidr→inet) do not rewrite."
    }

    static func isBinaryCompatible(from old: ColumnType?, to new: ColumnType) -> Bool {
        guard let old, old.isArray == new.isArray else { return false }
        if old.name == new.name, old.modifiers == new.modifiers { return true }
        switch (old.name, new.name) {
        case ("varchar", "text"): return true
        case ("varchar", "varchar"):
            // Unbounded, or at least as long.
            guard let n = old.modifiers.first else { return new.modifiers.isEmpty }
            return new.modifiers.first.map { $0 >= n } ?? true
        case ("numeric", "numeric"):
            guard old.modifiers.count >= 1 else { return new.modifiers.isEmpty }
            if new.modifiers.isEmpty { return true }
            let (p, s) = (old.modifiers[0], old.modifiers.count > 1 ? old.modifiers[1] : 0)
            let (q, t) = (new.modifiers[0], new.modifiers.count > 1 ? new.modifiers[1] : 0)
            return q >= p && t == s
        case ("cidr", "inet"): return true
        default: return false
        }
    }
}
