/// The first statement of a file that takes a heavy lock on an existing table with no lock_timeout set.
public struct MissingLockTimeout: Rule {
    public static let metadata = RuleMetadata(
        id: "missing-lock-timeout",
        summary: "The first statement of a file that takes SHARE or a stronger lock on an existing table with no lock_timeout set.",
        rationale: """
            Even an instant ALTER TABLE must first get its lock, and it waits for every transaction already using \
            the table, a long report or a forgotten idle session included. While it waits, every later query that \
            conflicts with the lock it wants queues behind it: an ACCESS EXCLUSIVE request stops all reads and \
            writes of the table, a SHARE request (CREATE INDEX) all writes. With `SET lock_timeout` the statement \
            gives up after that time instead, and the migration can be retried. Flagged once per file: the first \
            statement taking SHARE, SHARE ROW EXCLUSIVE, EXCLUSIVE or ACCESS EXCLUSIVE on an existing table or view \
            (ALTER TABLE, CREATE INDEX, CREATE or DROP TRIGGER, the table a new foreign key references, DROP VIEW, \
            LOCK TABLE, …) while no `SET [LOCAL] lock_timeout` (or `SELECT set_config('lock_timeout', …)`) to a \
            non-zero value is in effect. SHARE UPDATE \
            EXCLUSIVE (the CONCURRENTLY forms, VALIDATE CONSTRAINT, ALTER TABLE … SET (storage options)) blocks no \
            reads or writes and is not flagged. A timeout set for the role or database (ALTER ROLE … SET lock_timeout) is invisible to \
            schemalint: turn the rule off then.
            """,
        category: .safety, defaultSeverity: .warning, scope: .statement, fix: .safeRewrite,
        bad: [
            RuleExample("«ALTER TABLE walk» ADD COLUMN note text;\nALTER TABLE walk ADD COLUMN remark text;",
                        note: "Reported once, on the first statement.", existing: RuleExample.walkDatabase),
            RuleExample("""
                SET lock_timeout = '2s';
                ALTER TABLE walk ADD COLUMN note text;
                RESET lock_timeout;
                «CREATE INDEX walk_note_idx ON walk» (note);
                """, existing: RuleExample.walkDatabase),
            RuleExample("«CREATE TABLE walk_photo» (id bigint PRIMARY KEY, walk_id bigint REFERENCES walk (id));",
                        note: "A new table's foreign key locks the existing table it references.",
                        existing: RuleExample.walkDatabase + "ALTER TABLE walk ADD PRIMARY KEY (id);"),
            RuleExample("""
                BEGIN;
                SELECT set_config('lock_timeout', '2s', true);
                COMMIT;
                «ALTER TABLE walk» ADD COLUMN note text;
                """, note: "set_config(…, true) is SET LOCAL: it ends with the transaction.", existing: RuleExample.walkDatabase),
        ],
        good: [
            RuleExample("""
                SELECT pg_catalog.set_config('lock_timeout', '2s', false);
                ALTER TABLE walk ADD COLUMN note text;
                """, note: "set_config() is the function form of SET (what pg_dump writes)."),
            RuleExample("""
                SET lock_timeout = '2s';
                ALTER TABLE walk ADD COLUMN note text;
                """, note: "lock_timeout is set before the statement."),
            RuleExample("""
                BEGIN;
                SET LOCAL lock_timeout = '2s';
                ALTER TABLE walk ADD COLUMN note text;
                COMMIT;
                """),
            RuleExample("""
                CREATE TABLE walk (id bigint PRIMARY KEY);
                ALTER TABLE walk ADD COLUMN note text;
                CREATE INDEX CONCURRENTLY walk_note_idx ON walk (note);
                """, note: "A new table, and CONCURRENTLY (SHARE UPDATE EXCLUSIVE, which does not block reads or writes)."),
            RuleExample("""
                CREATE SEQUENCE public.walk_number_seq;
                ALTER TABLE public.walk_number_seq OWNER TO app;
                CREATE VIEW public.walk_list AS SELECT 1 AS id;
                ALTER TABLE public.walk_list OWNER TO app;
                ALTER VIEW public.walk_list RENAME TO hike_list;
                DROP VIEW public.hike_list;
                """, note: "pg_dump's owners of the views and sequences it creates, and a view renamed and dropped by the file that made it."),
        ])

    public static let triggers: RuleTriggers = .everyStatement

    public init(options: NoOptions) {}

    /// Whether an earlier statement of the file already took a heavy lock with no timeout set (reported then).
    public struct FileState: RuleFileState {
        var heavyLockWithoutTimeoutSeen = false
        public init() {}
    }

    public func check(statement: StatementContext, state: inout FileState) {
        let session = statement.session
        guard let lock = statement.locks.filter({ !$0.isNewInFile && $0.mode >= .share }).max(by: { $0.mode < $1.mode }),
              !session.lockTimeoutSet else { return }
        defer { state.heavyLockWithoutTimeoutSeen = true }
        guard !state.heavyLockWithoutTimeoutSeen else { return }
        let text = statement.statement.text(statement.statement.contentRange)
        // A table this file creates later (pg_dump --clean drops and re-creates everything) is not live: withdrawn
        // once the run shows the re-creation.
        let file = statement.statement.file
        let table = lock.table
        // Every relation it locks that strongly is named (DROP VIEW a, b; a dropped foreign key's referenced table).
        let targets = Safety.lockTargets([], lock.mode, in: statement)
        statement.report(
            at: SourceAnchor(file: file, range: statement.statement.safetyHead),
            "No lock_timeout is set, and this statement \(Safety.lockPhrase(lock.mode, on: targets)): while it waits for running "
                + "transactions, everything it blocks queues behind it",
            help: "Start the migration with SET lock_timeout = '2s'; (or SET LOCAL inside the transaction) so a statement that "
                + "cannot get its lock quickly fails instead of stalling the table; then retry the migration.",
            suggestion: "SET lock_timeout = '2s';\n" + text + ";",
            object: lock.viaIndex == nil ? lock.table.object : nil,
            unlessFixedLater: { model in model.introduced(table)?.file !== file })
    }
}
