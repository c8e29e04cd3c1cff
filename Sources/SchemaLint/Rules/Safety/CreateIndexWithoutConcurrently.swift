/// CREATE INDEX on an existing table without CONCURRENTLY.
public struct CreateIndexWithoutConcurrently: Rule {
    public static let metadata = RuleMetadata(
        id: "create-index-without-concurrently",
        summary: "CREATE INDEX on an existing table without CONCURRENTLY.",
        rationale: """
            A plain CREATE INDEX holds a SHARE lock on the table for the whole build: reads go on, but every \
            INSERT, UPDATE and DELETE waits, for minutes on a large table. CREATE INDEX CONCURRENTLY takes SHARE \
            UPDATE EXCLUSIVE instead, which lets reads and writes continue, at the price of two scans of the table. \
            It cannot run inside a transaction block (see concurrent-index-in-transaction), and a failed build \
            leaves an INVALID index behind that must be dropped before retrying. Tables created earlier in the same \
            file are new and exempt; every other table, including one the run has never seen, is existing. \
            `CREATE INDEX IF NOT EXISTS` naming an index the model already has does nothing and is not flagged. \
            Statements inside a DO block count, however deeply nested and even under an IF guard; CONCURRENTLY is \
            rejected there ("cannot be executed from a function"), so the fix is to move the statement out of the \
            block, as `CREATE INDEX CONCURRENTLY IF NOT EXISTS`.
            """,
        category: .safety, defaultSeverity: .warning, scope: .statement, fix: .safeRewrite,
        bad: [
            RuleExample("«CREATE INDEX walk_owner_id_idx ON walk» (owner_id);", existing: RuleExample.walkDatabase),
            RuleExample("«CREATE UNIQUE INDEX walk_code_key ON public.walk» USING btree (code) WHERE deleted_at IS NULL;",
                        before: "CREATE TABLE walk (id bigint PRIMARY KEY, code text, deleted_at timestamptz);",
                        note: "The table comes from an earlier migration."),
            RuleExample("""
                DO $$
                BEGIN
                  IF NOT EXISTS (SELECT 1 FROM pg_class WHERE relname = 'walk_owner_id_idx') THEN
                    BEGIN
                      «CREATE INDEX walk_owner_id_idx ON walk» (owner_id);
                    END;
                  END IF;
                END $$;
                """, before: "CREATE TABLE walk (id bigint PRIMARY KEY, owner_id bigint);",
                note: "Inside a guard in a nested block of a DO block (the re-runnable migration's idiom)."),
        ],
        good: [
            RuleExample("""
                CREATE TABLE walk (id bigint PRIMARY KEY, owner_id bigint);
                CREATE INDEX walk_owner_id_idx ON walk (owner_id);
                """, note: "The table is new in this file."),
            RuleExample("CREATE INDEX CONCURRENTLY walk_owner_id_idx ON walk (owner_id);",
                        note: "CONCURRENTLY, outside a transaction block."),
            RuleExample("""
                CREATE MATERIALIZED VIEW walk_count AS SELECT 1 AS owner_id, 2 AS walks;
                CREATE UNIQUE INDEX walk_count_owner_id_idx ON walk_count (owner_id);
                """, note: "A materialized view this file created: nobody reads it yet."),
        ])

    public static let triggers: RuleTriggers = .changes(.createIndex)

    public init(options: NoOptions) {}

    public func check(statement: StatementContext) {
        for change in statement.changes {
            guard case .createIndex(let target, let index, let concurrently) = change, !concurrently,
                  !target.isNewInFile else { continue }
            let table = target.table.name
            var help = "Build it with CREATE INDEX CONCURRENTLY, which lets reads and writes go on. It cannot run in a "
                + "transaction block: give it a migration of its own that runs outside one. If the build fails it "
                + "leaves an INVALID index: DROP INDEX CONCURRENTLY it and run the statement again."
            if statement.statement.enclosure == .doBlock {
                help = "Move it out of the DO block and build it with CREATE INDEX CONCURRENTLY IF NOT EXISTS, in a migration "
                    + "that runs outside a transaction block: PostgreSQL rejects CONCURRENTLY inside DO."
            }
            if target.table.isPartitioned {
                help = "CONCURRENTLY is not supported on a partitioned table: 1. CREATE INDEX … ON ONLY the parent "
                    + "(instant, the index starts invalid); 2. CREATE INDEX CONCURRENTLY the same index on each partition; "
                    + "3. ALTER INDEX parent_index ATTACH PARTITION partition_index for each, which makes the parent's index valid."
            }
            statement.report(
                statement.statement.safetyHead,
                "Creating index \"\(index.name)\" without CONCURRENTLY \(Safety.lockPhrase(.share, on: table.quoted)) until the index is built",
                help: help,
                // CONCURRENTLY fails inside a transaction block: no rewrite there (--fix applies this one as safe).
                suggestion: target.table.isPartitioned || statement.statement.enclosure == .doBlock
                    || statement.session.inTransaction ? nil
                    : statement.statement.rewritten(inserting: "CONCURRENTLY", after: [.index]),
                object: table.object)
        }
    }
}
