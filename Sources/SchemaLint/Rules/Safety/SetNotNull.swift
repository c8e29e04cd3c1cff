
/// ALTER COLUMN … SET NOT NULL on an existing table.
public struct SetNotNull: Rule {
    public static let metadata = RuleMetadata(
        id: "set-not-null",
        summary: "ALTER COLUMN … SET NOT NULL on an existing table, unless (on 12+) a validated CHECK already proves it.",
        rationale: """
            SET NOT NULL scans the whole table for nulls while holding an ACCESS EXCLUSIVE lock, which blocks all \
            reads and writes for the length of the scan. From PostgreSQL 12 the scan is skipped when a validated \
            `CHECK (col IS NOT NULL)` constraint already proves the column has no nulls, and such a constraint can \
            be added without the long lock: NOT VALID first, then VALIDATE CONSTRAINT, which scans under SHARE \
            UPDATE EXCLUSIVE (reads and writes go on). schemalint knows the constraint when the run (or `--context`) \
            has seen it added and validated, in this file or earlier; a CHECK whose condition is `col IS NOT NULL`, \
            alone or AND-ed with other conditions, counts. Before 12 there is no way around the scan. Tables created \
            earlier in the same file are exempt, and so are tables truncated earlier in the same transaction (and \
            not written to since): there is nothing to scan.
            """,
        category: .safety, defaultSeverity: .warning, scope: .statement, fix: .safeRewrite,
        bad: [
            RuleExample("ALTER TABLE walk «ALTER COLUMN owner_id SET NOT NULL»;", existing: RuleExample.walkDatabase),
            RuleExample("""
                ALTER TABLE walk ADD CONSTRAINT walk_owner_id_not_null CHECK (owner_id IS NOT NULL) NOT VALID;
                ALTER TABLE walk «ALTER COLUMN owner_id SET NOT NULL»;
                """, note: "The CHECK is not validated yet, so it proves nothing.", existing: RuleExample.walkDatabase),
            RuleExample("""
                ALTER TABLE walk VALIDATE CONSTRAINT walk_owner_id_not_null;
                ALTER TABLE walk «ALTER COLUMN owner_id SET NOT NULL»;
                """, before: "ALTER TABLE walk ADD CONSTRAINT walk_owner_id_not_null CHECK (owner_id IS NOT NULL) NOT VALID;",
                note: "PostgreSQL 11 scans even with a validated CHECK.", pgVersion: 11, existing: RuleExample.walkDatabase),
        ],
        good: [
            RuleExample("""
                BEGIN;
                TRUNCATE walk;
                ALTER TABLE walk ALTER COLUMN owner_id SET NOT NULL;
                COMMIT;
                """, note: "The table was emptied earlier in the same transaction."),
            RuleExample("""
                ALTER TABLE walk VALIDATE CONSTRAINT walk_owner_id_not_null;
                ALTER TABLE walk ALTER COLUMN owner_id SET NOT NULL;
                ALTER TABLE walk DROP CONSTRAINT walk_owner_id_not_null;
                """, before: "ALTER TABLE walk ADD CONSTRAINT walk_owner_id_not_null CHECK (owner_id IS NOT NULL) NOT VALID;",
                note: "On PostgreSQL 12+, a validated CHECK (col IS NOT NULL) lets SET NOT NULL skip the scan."),
            RuleExample("""
                CREATE TABLE walk (id bigint PRIMARY KEY, owner_id bigint);
                ALTER TABLE walk ALTER COLUMN owner_id SET NOT NULL;
                """, note: "The table is new in this file."),
        ])

    public static let triggers: RuleTriggers = .changes(.setNotNull)

    public init(options: NoOptions) {}

    public func check(statement: StatementContext) {
        for change in statement.changes {
            guard case .setNotNull(let target, let column, let anchor) = change, !statement.holdsNoRows(target) else { continue }
            let pg = statement.settings.pgVersion
            if pg >= 12, target.table.constraints.contains(where: { constraint in
                constraint.kind == .check && !constraint.notValid
                    && constraint.expression.map { Self.impliesNotNull($0, column: column) } == true
            }) { continue }
            let table = target.table.name
            let mode = Safety.lock(on: table, in: statement, fallback: .accessExclusive)
            // A NOT VALID check written earlier is the first step already taken: validate that one.
            let pending = target.table.constraints.first { constraint in
                constraint.kind == .check && constraint.notValid
                    && constraint.expression.map { Self.impliesNotNull($0, column: column) } == true
            }
            let name = pending?.effectiveName(on: table) ?? GeneratedName.make(table.name, column, label: "not_null")
            let head = "ALTER TABLE \(SQLText.name(table))"
            let col = SQLText.ident(column)
            let help: String
            var suggestion: String?
            if pg >= 12 {
                help = "1. ADD CONSTRAINT \(name) CHECK (\(column) IS NOT NULL) NOT VALID (a brief lock, no scan); "
                    + "2. in a separate transaction, VALIDATE CONSTRAINT \(name) (scans, but lets reads and writes go on); "
                    + "3. SET NOT NULL, which now skips the scan; 4. DROP CONSTRAINT \(name), which is redundant."
                let add = pending != nil ? "" : """
                    \(head) ADD CONSTRAINT \(SQLText.ident(name)) CHECK (\(col) IS NOT NULL) NOT VALID;
                    -- commit, then:

                    """
                suggestion = add + """
                    \(head) VALIDATE CONSTRAINT \(SQLText.ident(name));
                    \(head) ALTER COLUMN \(col) SET NOT NULL;
                    \(head) DROP CONSTRAINT \(SQLText.ident(name));
                    """
            } else {
                help = "Before PostgreSQL 12 SET NOT NULL always scans under the lock. Keep a CHECK (\(column) IS NOT NULL) "
                    + "instead: ADD it NOT VALID, then VALIDATE CONSTRAINT in a separate transaction (reads and writes go on); "
                    + "make it a real NOT NULL after upgrading."
            }
            statement.report(
                at: anchor,
                "Setting \(table.column(column)) NOT NULL scans the whole table while it \(Safety.lockPhrase(mode, on: table.quoted))",
                help: help, suggestion: suggestion, object: table.object(column: column))
        }
    }

    /// `col IS NOT NULL`, alone or as one conjunct of an AND.
    static func impliesNotNull(_ expression: Expression, column: String) -> Bool {
        switch expression {
        case .nullTest(.column(let fields, _), isNull: false):
            return fields.last == column
        case .and(let conjuncts):
            return conjuncts.contains { impliesNotNull($0, column: column) }
        default:
            return false
        }
    }
}
