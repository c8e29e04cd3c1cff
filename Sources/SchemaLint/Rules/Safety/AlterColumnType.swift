/// A column type change that rewrites an existing table.
public struct AlterColumnType: Rule {
    public static let metadata = RuleMetadata(
        id: "alter-column-type",
        summary: "ALTER COLUMN … TYPE on an existing table, unless the change is binary-compatible.",
        rationale: """
            Changing a column's type rewrites the whole table and its indexes while holding an ACCESS \
            EXCLUSIVE lock: no reads or writes until it finishes. Tables created earlier in the same file \
            are new and exempt, and so are tables truncated earlier in the same transaction (and not written to \
            since): there is nothing to rewrite. Binary-compatible changes do not rewrite and are not flagged: varchar(n) to \
            text or to a varchar at least as long (or unbounded), text to unbounded varchar, numeric(p,s) to numeric(q,s) with q ≥ p \
            (or unbounded numeric), and cidr to inet; on PostgreSQL 12+ also timestamp to timestamptz (or back) \
            once the file has run `SET timezone = 'UTC'` (or another zone whose offset is always zero), which makes \
            PostgreSQL relabel the column instead of rewriting it. Without that SET the change is flagged, as a rewrite unless \
            the session's TimeZone is UTC: the zone then comes from the server's or role's settings, which \
            schemalint cannot see. When the old type is unknown (the table was \
            never created in this run) the change is flagged.
            """,
        category: .safety, defaultSeverity: .warning, scope: .statement,
        bad: [
            RuleExample("ALTER TABLE walk «ALTER COLUMN minutes TYPE bigint»;",
                        existing: RuleExample.walkDatabase + "ALTER TABLE walk ADD minutes int DEFAULT 30;"),
            RuleExample("ALTER TABLE walk «ALTER COLUMN note TYPE varchar(50)»;",
                        before: "CREATE TABLE walk (id bigint PRIMARY KEY, note varchar(100));",
                        note: "Shrinking a varchar must check every row."),
            RuleExample("ALTER TABLE walk «ALTER COLUMN started_at TYPE timestamptz»;",
                        before: "CREATE TABLE walk (id bigint PRIMARY KEY, started_at timestamp);",
                        note: "Without SET timezone = 'UTC' in the file: a rewrite unless the server's or role's default zone is UTC."),
        ],
        good: [
            RuleExample("""
                BEGIN;
                TRUNCATE walk;
                ALTER TABLE walk ALTER COLUMN minutes TYPE bigint;
                COMMIT;
                """, note: "The table was emptied earlier in the same transaction."),
            RuleExample("""
                SET timezone = 'UTC';
                ALTER TABLE walk ALTER COLUMN started_at TYPE timestamptz USING started_at;
                """, before: "CREATE TABLE walk (id bigint PRIMARY KEY, started_at timestamp);",
                note: "PostgreSQL 12+ with the session in UTC: a relabel, not a rewrite."),
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

    public static let triggers: RuleTriggers = .changes(.alterColumnType)

    public init(options: NoOptions) {}

    public func check(statement: StatementContext) {
        for change in statement.changes {
            guard case .alterColumnType(let target, let column, let old, let new, let anchor) = change,
                  !statement.holdsNoRows(target), !Self.isBinaryCompatible(from: old, to: new),
                  !Self.isTimeZoneRelabel(from: old, to: new, statement: statement) else { continue }
            let from = old.map { " from \($0)" } ?? ""
            let mode = Safety.lock(on: target.table.name, in: statement, fallback: .accessExclusive)
            // The session's TimeZone may come from the server's or role's settings, which the lint cannot see.
            let rewrite = Self.isTimeZoneChange(from: old, to: new, pgVersion: statement.settings.pgVersion)
                ? "rewrites the table and its indexes unless the session's TimeZone is UTC, and "
                    + "\(Safety.lockPhrase(mode, on: target.table.name.quoted)) until it is done"
                : "rewrites the table and its indexes, and \(Safety.lockPhrase(mode, on: target.table.name.quoted)) until the rewrite ends"
            statement.report(at: anchor,
                "Changing \(target.table.name.column(column))\(from) to \(new) \(rewrite)",
                help: Self.help(from: old, to: new, pgVersion: statement.settings.pgVersion),
                object: target.table.name.object(column: column))
        }
    }

    static func help(from old: ColumnType?, to new: ColumnType, pgVersion: Int) -> String {
        if isTimeZoneChange(from: old, to: new, pgVersion: pgVersion) {
            return "PostgreSQL 12+ skips the rewrite only when the session's TimeZone is UTC: run `SET timezone = 'UTC';` "
                + "in the same migration, before this statement. Otherwise add a new column and backfill it in batches."
        }
        return "On a live table: 1. add a new column of the new type; 2. keep it in step with the old one (a trigger, or "
            + "the application writing both); 3. copy the old values in batches; 4. switch reads over and deploy; 5. drop the "
            + "old column (and rename the new one) in a later migration. Binary-compatible changes (varchar(n)→text, a longer "
            + "varchar, more numeric precision, cidr→inet) do not rewrite."
    }

    /// timestamp ↔ timestamptz on PostgreSQL 12+ while the session's TimeZone is UTC: a relabel, no rewrite.
    static func isTimeZoneRelabel(from old: ColumnType?, to new: ColumnType, statement: StatementContext) -> Bool {
        statement.session.timeZoneIsUTC && isTimeZoneChange(from: old, to: new, pgVersion: statement.settings.pgVersion)
    }

    /// timestamp ↔ timestamptz on PostgreSQL 12+: a relabel or a rewrite, as the session's TimeZone decides.
    static func isTimeZoneChange(from old: ColumnType?, to new: ColumnType, pgVersion: Int) -> Bool {
        guard let old, pgVersion >= 12, old.isArray == new.isArray, old.modifiers == new.modifiers else { return false }
        return Set([old.name, new.name]) == ["timestamp", "timestamptz"]
    }

    static func isBinaryCompatible(from old: ColumnType?, to new: ColumnType) -> Bool {
        guard let old, old.isArray == new.isArray else { return false }
        if old.name == new.name, old.modifiers == new.modifiers { return true }
        switch (old.name, new.name) {
        case ("varchar", "text"): return true
        case ("text", "varchar"): return new.modifiers.isEmpty
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
