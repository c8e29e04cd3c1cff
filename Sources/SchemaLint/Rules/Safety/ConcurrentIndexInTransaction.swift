/// CREATE/DROP INDEX CONCURRENTLY or REINDEX CONCURRENTLY inside a transaction block: it fails.
public struct ConcurrentIndexInTransaction: Rule {
    public static let metadata = RuleMetadata(
        id: "concurrent-index-in-transaction",
        summary: "CREATE INDEX, DROP INDEX or REINDEX … CONCURRENTLY inside a transaction block, where it fails.",
        rationale: """
            The concurrent forms commit several transactions of their own, so PostgreSQL refuses to run them \
            inside a transaction block: the migration fails with "cannot run inside a transaction block". The \
            file is in a transaction after BEGIN or START TRANSACTION (until COMMIT or ROLLBACK), and throughout \
            with `--assume-in-transaction`, for frameworks that wrap each migration in one (Rails, diesel, Django, \
            Flyway and morph by default), except in a file whose opening comments opt it out of that transaction \
            (`-- morph:nontransactional`, `-- +goose NO TRANSACTION`, sqlx's `-- no-transaction`, dbmate's \
            `transaction:false`). Independent of whether the table is new: the statement fails either way. \
            Not modelled: a client that sends the whole file as one multi-statement query string, which PostgreSQL \
            also runs as one implicit transaction. Inside a DO block the statements run as part of one statement, and \
            PostgreSQL rejects every concurrent form there ("cannot be executed from a function").
            """,
        category: .safety, defaultSeverity: .error, scope: .statement,
        bad: [
            RuleExample("""
                BEGIN;
                «CREATE INDEX CONCURRENTLY walk_owner_id_idx ON walk» (owner_id);
                COMMIT;
                """),
            RuleExample("«DROP INDEX CONCURRENTLY walk_owner_id_idx»;", assumeInTransaction: true),
            RuleExample("«REINDEX INDEX CONCURRENTLY walk_owner_id_idx»;", assumeInTransaction: true),
            RuleExample("""
                DO $$
                BEGIN
                  «CREATE INDEX CONCURRENTLY IF NOT EXISTS walk_owner_id_idx ON walk» (owner_id);
                END $$;
                """, note: "PostgreSQL rejects CONCURRENTLY inside a DO block."),
        ],
        good: [
            RuleExample("CREATE INDEX CONCURRENTLY walk_owner_id_idx ON walk (owner_id);",
                        note: "No transaction block: the statement runs on its own."),
            RuleExample("""
                BEGIN;
                ALTER TABLE walk ADD COLUMN owner_id bigint;
                COMMIT;
                CREATE INDEX CONCURRENTLY walk_owner_id_idx ON walk (owner_id);
                """, note: "After COMMIT the file is outside the transaction again."),
            RuleExample("""
                -- morph:nontransactional
                CREATE INDEX CONCURRENTLY walk_owner_id_idx ON walk (owner_id);
                """, note: "The file opts out of the framework's transaction.", assumeInTransaction: true),
        ])

    public static let triggers: RuleTriggers = .statements(.createIndex, .drop, .reindex)

    public init(options: NoOptions) {}

    public func check(statement: StatementContext) {
        let inDoBlock = statement.statement.enclosure == .doBlock
        guard statement.session.inTransaction || inDoBlock else { return }
        let what: String
        switch statement.statement.syntax {
        case .createIndex(let index) where index.concurrently: what = "CREATE INDEX CONCURRENTLY"
        case .drop(let drop) where drop.concurrently: what = "DROP INDEX CONCURRENTLY"
        case .reindex(let reindex) where reindex.concurrently: what = "REINDEX CONCURRENTLY"
        default: return
        }
        let why = statement.session.assumeInTransaction
            ? "the file runs in a transaction block (--assume-in-transaction)" : "it is inside a transaction block (after BEGIN)"
        if inDoBlock {
            statement.report(
                statement.statement.safetyHead,
                "\(what) cannot run inside a DO block (PostgreSQL: \"cannot be executed from a function\"): the migration fails here",
                help: "Move it out of the DO block, as a statement of its own (CREATE INDEX CONCURRENTLY IF NOT EXISTS … is "
                    + "re-runnable without a guard), in a migration that runs outside a transaction block.")
            return
        }
        statement.report(
            statement.statement.safetyHead,
            "\(what) cannot run inside a transaction block, and \(why): the migration fails here",
            help: "Run it outside any transaction: put it in a migration of its own and turn the framework's transaction off "
                + "for that one (Rails: disable_ddl_transaction!; diesel: run_in_transaction = false in metadata.toml; "
                + "morph: a `-- morph:nontransactional` first line; Django: atomic = False), or COMMIT before it.",
            object: nil)
    }
}
