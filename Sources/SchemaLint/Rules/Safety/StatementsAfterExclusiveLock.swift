/// More statements in a transaction after one took ACCESS EXCLUSIVE on an existing table.
public struct StatementsAfterExclusiveLock: Rule {
    public static let metadata = RuleMetadata(
        id: "statements-after-exclusive-lock",
        summary: "A statement that runs in the same transaction after another took ACCESS EXCLUSIVE on an existing table.",
        rationale: """
            A lock is held until the transaction ends, so every statement after the one that took ACCESS EXCLUSIVE \
            on a live table stretches the time all reads and writes of that table wait, and a later lock request can \
            deadlock with the queries queued behind it. Keep the exclusive statement last in its transaction, or \
            commit right after it. Reported once per transaction, on the first statement after the lock (SET, SHOW \
            and transaction control do not count). Statements run outside a transaction block release their locks \
            at once and are not concerned; use `--assume-in-transaction` when the framework wraps each migration in \
            one. Off by default: many teams accept short sequences of quick DDL.
            """,
        category: .safety, defaultSeverity: .warning, enabledByDefault: false, scope: .statement,
        bad: [
            RuleExample("""
                BEGIN;
                ALTER TABLE walk ADD COLUMN note text;
                «UPDATE walk» SET note = '' WHERE note IS NULL;
                COMMIT;
                """),
            RuleExample("""
                ALTER TABLE walk ALTER COLUMN note SET DEFAULT '';
                «CREATE INDEX walk_note_idx ON walk» (note);
                """, assumeInTransaction: true, existing: RuleExample.walkDatabase + "ALTER TABLE walk ADD note text;"),
        ],
        good: [
            RuleExample("""
                BEGIN;
                CREATE INDEX walk_owner_id_idx ON walk (owner_id);
                ALTER TABLE walk ADD COLUMN note text;
                COMMIT;
                """, note: "The exclusive statement comes last."),
            RuleExample("""
                ALTER TABLE walk ADD COLUMN note text;
                UPDATE walk SET note = '' WHERE note IS NULL;
                """, note: "No transaction block: each statement commits on its own."),
        ])

    public static let triggers: RuleTriggers = .everyStatement

    public init(options: NoOptions) {}

    /// The ACCESS EXCLUSIVE lock on an existing table that the current transaction of the file holds, and since when.
    public struct FileState: RuleFileState {
        var held: TableLock?
        var heldSince: SourceAnchor?
        /// Statements (not counting SET, SHOW and transaction control) that ran after it while the lock was held.
        var statementsSince = 0
        public init() {}
    }

    public func check(statement: StatementContext, state: inout FileState) {
        defer { Self.advance(&state, past: statement) }
        guard let held = state.held, state.statementsSince == 0, !statement.statement.syntax.isSessionControl else { return }
        let at = state.heldSince.map { " (line \(Safety.line(of: $0)))" } ?? ""
        statement.report(
            statement.statement.safetyHead,
            "Runs while the ACCESS EXCLUSIVE lock on \(held.target) taken earlier in this transaction\(at) is still held: all reads and "
                + "writes of it wait for this statement and every one after it until COMMIT",
            help: "Make the statement that takes ACCESS EXCLUSIVE the last one of its transaction, or COMMIT right after it "
                + "(a migration of its own), so the lock is held for a moment only.",
            object: held.viaIndex == nil ? held.table.object : nil)
    }

    /// The end of a transaction releases the lock; the first ACCESS EXCLUSIVE lock on an existing table inside one
    /// takes it.
    static func advance(_ state: inout FileState, past context: StatementContext) {
        let syntax = context.statement.syntax
        if case .transaction(let kind) = syntax, kind.endsTransaction { state = FileState() }
        if state.held != nil, !syntax.isSessionControl { state.statementsSince += 1 }
        if context.session.inTransaction, state.held == nil,
           let lock = context.locks.first(where: { !$0.isNewInFile && $0.mode == .accessExclusive }) {
            state.held = lock
            state.heldSince = SourceAnchor(file: context.statement.file, range: context.statement.contentRange)
            state.statementsSince = 0
        }
    }
}
