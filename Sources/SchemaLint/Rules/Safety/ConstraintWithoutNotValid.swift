
/// ADD FOREIGN KEY or CHECK on an existing table without NOT VALID.
public struct ConstraintWithoutNotValid: Rule {
    public static let metadata = RuleMetadata(
        id: "constraint-without-not-valid",
        summary: "ADD FOREIGN KEY or CHECK on an existing table without NOT VALID (or validated in the same transaction).",
        rationale: """
            Adding a foreign key or CHECK constraint checks every existing row while the ALTER TABLE holds its \
            lock: SHARE ROW EXCLUSIVE on both tables for a foreign key (all writes wait), ACCESS EXCLUSIVE for a \
            CHECK (all reads and writes wait). Added NOT VALID, the constraint applies to new and updated rows \
            at once and the lock lasts a moment; VALIDATE CONSTRAINT then checks the old rows under SHARE UPDATE \
            EXCLUSIVE, which lets reads and writes go on. That only helps in a separate transaction: when VALIDATE \
            runs in the same transaction as the ADD … NOT VALID (after BEGIN, or with `--assume-in-transaction`), \
            the ADD's lock is still held during the scan, so the VALIDATE is flagged too. Constraints written on an \
            added column (`ADD COLUMN … REFERENCES …`) cannot say NOT VALID and are flagged as well: the scan \
            happens all the same. Tables created earlier in the same file are exempt.
            """,
        category: .safety, defaultSeverity: .warning, scope: .statement, fix: .safeRewrite,
        bad: [
            RuleExample("ALTER TABLE walk ADD «CONSTRAINT walk_owner_id_fkey FOREIGN KEY (owner_id) REFERENCES owner (id)»;", existing: RuleExample.walkDatabase),
            RuleExample("ALTER TABLE walk ADD «CHECK (minutes > 0)»;", existing: RuleExample.walkDatabase + "ALTER TABLE walk ADD minutes int DEFAULT 30;"),
            RuleExample("ALTER TABLE walk ADD COLUMN owner_id bigint «REFERENCES owner (id)»;",
                        existing: RuleExample.walkDatabase + "ALTER TABLE walk DROP COLUMN owner_id;"),
            RuleExample("""
                ALTER TABLE walk ADD CONSTRAINT walk_minutes_check CHECK (minutes > 0) NOT VALID;
                ALTER TABLE walk «VALIDATE CONSTRAINT walk_minutes_check»;
                """, note: "In one transaction the ADD's ACCESS EXCLUSIVE lock is still held while VALIDATE scans.",
                assumeInTransaction: true, existing: RuleExample.walkDatabase + "ALTER TABLE walk ADD minutes int DEFAULT 30;"),
        ],
        good: [
            RuleExample("""
                ALTER TABLE walk ADD CONSTRAINT walk_owner_id_fkey FOREIGN KEY (owner_id) REFERENCES owner (id) NOT VALID;
                ALTER TABLE walk VALIDATE CONSTRAINT walk_owner_id_fkey;
                """, note: "NOT VALID, then VALIDATE as a statement of its own (outside a transaction block)."),
            RuleExample("""
                BEGIN;
                ALTER TABLE walk ADD CONSTRAINT walk_minutes_check CHECK (minutes > 0) NOT VALID;
                COMMIT;
                ALTER TABLE walk VALIDATE CONSTRAINT walk_minutes_check;
                """, note: "Committed in between: the VALIDATE runs in a transaction of its own.", assumeInTransaction: true),
            RuleExample("""
                CREATE TABLE walk (id bigint PRIMARY KEY, owner_id bigint, minutes int);
                ALTER TABLE walk ADD CONSTRAINT walk_owner_id_fkey FOREIGN KEY (owner_id) REFERENCES owner (id);
                """, note: "The table is new in this file."),
        ])

    public static let triggers: RuleTriggers = .changes(.addConstraint, .validateConstraint)

    public init(options: NoOptions) {}

    public func check(statement: StatementContext) {
        for change in statement.changes {
            switch change {
            case .addConstraint(let target, let constraint, .alterTable):
                guard !target.isNewInFile, !constraint.notValid,
                      constraint.kind == .foreignKey || constraint.kind == .check else { continue }
                added(constraint, target, statement)
            case .validateConstraint(let target, let name, let anchor):
                guard !target.isNewInFile, statement.session.inTransaction,
                      let start = statement.session.transactionStart,
                      let constraint = target.table.constraints.first(where: { $0.isNamed(name, on: target.table.name) }),
                      constraint.anchor.file === statement.statement.file, constraint.anchor.range.lowerBound >= start
                else { continue }
                let table = target.table.name
                let mode: LockMode = constraint.kind == .foreignKey ? .shareRowExclusive : .accessExclusive
                statement.report(
                    at: anchor,
                    "VALIDATE CONSTRAINT \"\(name)\" runs in the same transaction as its ADD … NOT VALID (line \(Safety.line(of: constraint.anchor))): "
                        + "that statement's \(mode) lock on \(table.quoted), which blocks \(mode.blocks), is held during the whole scan",
                    help: "COMMIT after the ADD … NOT VALID, and VALIDATE in a transaction of its own (a separate migration when "
                        + "the framework wraps each one in a transaction): VALIDATE alone takes SHARE UPDATE EXCLUSIVE, which lets "
                        + "reads and writes go on.",
                    object: table.object)
            default: continue
            }
        }
    }

    private func added(_ constraint: TableConstraint, _ target: TableChange, _ statement: StatementContext) {
        let table = target.table.name
        let name = constraint.effectiveName(on: table)
        let mode = Safety.lock(on: table, in: statement, fallback: constraint.kind == .foreignKey ? .shareRowExclusive : .accessExclusive)
        var locks = Safety.lockPhrase(mode, on: table.quoted)
        if let referenced = constraint.foreignKey?.table, referenced != table {
            let other = Safety.lock(on: referenced, in: statement, fallback: .shareRowExclusive)
            locks += ", and \(Safety.article(other)) \(other) lock on \(referenced.quoted), which blocks \(other.blocks)"
        }
        let kind = constraint.kind == .foreignKey ? "foreign key" : "CHECK constraint"
        let head = "ALTER TABLE \(SQLText.name(table))"
        var suggestion: String?
        if isTableConstraint(constraint, statement.statement) {
            let text = statement.statement.text(constraint.anchor.range)
            let named = constraint.name == nil ? "CONSTRAINT \(SQLText.ident(name)) \(text)" : text
            suggestion = statement.statement.replacing(constraint.anchor.range, with: named + " NOT VALID") + ";\n"
                + "-- commit, then:\n\(head) VALIDATE CONSTRAINT \(SQLText.ident(name));"
        }
        statement.report(
            at: constraint.anchor,
            "Adding the \(kind) \"\(name)\" checks every existing row of \(table.quoted) while it \(locks)",
            help: "1. Add it with NOT VALID: new and updated rows are checked at once, and the lock lasts only a moment; "
                + "2. in a separate transaction, ALTER TABLE … VALIDATE CONSTRAINT \(name): it checks the old rows under SHARE "
                + "UPDATE EXCLUSIVE, which lets reads and writes go on."
                + (suggestion == nil ? " A constraint written on ADD COLUMN cannot be NOT VALID: add the column first, then "
                    + "the constraint with ALTER TABLE … ADD CONSTRAINT … NOT VALID." : ""),
            suggestion: suggestion,
            object: table.object)
    }

    /// Written as `ADD [CONSTRAINT name] …` (not on a column), so NOT VALID can be appended to it.
    private func isTableConstraint(_ constraint: TableConstraint, _ statement: Statement) -> Bool {
        let tokens = statement.codeTokens(in: statement.contentRange)
        guard let first = tokens.firstIndex(where: { $0.start >= constraint.anchor.range.lowerBound }), first > tokens.startIndex
        else { return false }
        return tokens[first - 1].is(.add)
    }
}
