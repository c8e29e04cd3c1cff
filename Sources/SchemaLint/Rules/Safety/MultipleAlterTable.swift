/// Several ALTER TABLE statements on one table in a row where one would do.
public struct MultipleAlterTable: Rule {
    public static let metadata = RuleMetadata(
        id: "multiple-alter-table",
        summary: "Consecutive ALTER TABLE statements on the same existing table that could be one statement.",
        rationale: """
            Each ALTER TABLE queues for its lock again (usually ACCESS EXCLUSIVE, blocking all reads and writes while \
            it waits), and each action that rewrites or scans the table does so again; one ALTER TABLE with several \
            comma-separated actions takes the lock once and rewrites at most once. Flagged: an ALTER TABLE of an \
            existing table that another ALTER TABLE of the same table precedes in an unbroken run of ALTER TABLE \
            statements (any other statement in between ends the run, as it may depend on the first). Left alone, \
            because their order matters: VALIDATE CONSTRAINT (the point of NOT VALID is a separate step), SET NOT NULL \
            (it relies on a CHECK validated before it and is followed by dropping that CHECK), ATTACH and DETACH \
            PARTITION (weaker locks of their own), and an action on a column the earlier statement added. Off by \
            default: it is about efficiency, not correctness.
            """,
        category: .safety, defaultSeverity: .warning, enabledByDefault: false, scope: .statement,
        bad: [
            RuleExample("""
                ALTER TABLE walk ADD COLUMN note text;
                «ALTER TABLE walk» ADD COLUMN remark text;
                """),
            RuleExample("""
                ALTER TABLE walk DROP COLUMN legacy;
                ALTER TABLE hike ADD COLUMN note text;
                «ALTER TABLE walk» ALTER COLUMN minutes TYPE bigint;
                """, existing: RuleExample.walkDatabase + "ALTER TABLE walk ADD minutes int; CREATE TABLE hike (id bigint);"),
        ],
        good: [
            RuleExample("ALTER TABLE walk ADD COLUMN note text, ADD COLUMN remark text;"),
            RuleExample("""
                ALTER TABLE walk ADD CONSTRAINT walk_owner_id_not_null CHECK (owner_id IS NOT NULL) NOT VALID;
                ALTER TABLE walk VALIDATE CONSTRAINT walk_owner_id_not_null;
                ALTER TABLE walk ALTER COLUMN owner_id SET NOT NULL;
                """, note: "Steps that must stay apart."),
            RuleExample("""
                ALTER TABLE walk ADD COLUMN note text;
                UPDATE walk SET note = '' WHERE note IS NULL;
                ALTER TABLE walk ALTER COLUMN note SET DEFAULT '';
                """, note: "Another statement in between."),
        ])

    public static let triggers: RuleTriggers = .everyStatement

    public init(options: NoOptions) {}

    /// The ALTER TABLE statements on existing tables in the current unbroken run of ALTER TABLE statements (any other
    /// statement ends the run), by table; only those whose actions could be merged into one.
    public struct FileState: RuleFileState {
        var run: [QualifiedName: EarlierAlterTable] = [:]
        public init() {}
    }

    public func check(statement: StatementContext, state: inout FileState) {
        defer { Self.track(&state, past: statement) }
        guard case .alterTable(let alter) = statement.statement.syntax, alter.objectKind == .table,
              let lock = statement.locks.first, !lock.isNewInFile,
              let earlier = state.run[lock.table],
              EarlierAlterTable(alter, statement: statement.statement) != nil,
              EarlierAlterTable.touchedColumns(alter).isDisjoint(with: earlier.addedColumns) else { return }
        statement.report(
            statement.statement.safetyHead,
            "\(lock.table.quoted) was altered by the ALTER TABLE at line \(Safety.line(of: earlier.anchor)) just before: this one "
                + "queues again for \(Safety.article(lock.mode)) \(lock.mode) lock, which blocks \(lock.mode.blocks), and rewrites "
                + "or scans the table again where an action needs that",
            help: "Merge the actions into the earlier statement, comma-separated: ALTER TABLE \(lock.table) ADD COLUMN a …, "
                + "ADD COLUMN b …; one lock, at most one rewrite.",
            object: lock.table.object)
    }

    static func track(_ state: inout FileState, past context: StatementContext) {
        let statement = context.statement
        guard case .alterTable(let alter) = statement.syntax, alter.objectKind == .table else {
            if !statement.syntax.isSessionControl { state.run = [:] }
            return
        }
        let name = QualifiedName(alter.relation)
        guard context.locks.first?.isNewInFile == false, let earlier = EarlierAlterTable(alter, statement: statement) else {
            state.run[name] = nil
            return
        }
        if state.run[name] == nil { state.run[name] = earlier } else { state.run[name]?.addedColumns.formUnion(earlier.addedColumns) }
    }
}
