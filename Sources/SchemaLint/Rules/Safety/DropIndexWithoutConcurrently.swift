/// DROP INDEX without CONCURRENTLY.
public struct DropIndexWithoutConcurrently: Rule {
    public static let metadata = RuleMetadata(
        id: "drop-index-without-concurrently",
        summary: "DROP INDEX on an existing table without CONCURRENTLY.",
        rationale: """
            DROP INDEX takes an ACCESS EXCLUSIVE lock on the index's table. The drop itself is quick, but the lock \
            must first wait for every running query on the table, and while it waits every new read and write \
            queues behind it. DROP INDEX CONCURRENTLY takes SHARE UPDATE EXCLUSIVE and waits without blocking \
            anyone. It cannot run in a transaction block, drops one index per statement and has no CASCADE. An \
            index whose table was created earlier in the same file is exempt; an index the run has never seen is \
            on an existing table.
            """,
        category: .safety, defaultSeverity: .warning, scope: .statement, fix: .safeRewrite,
        bad: [
            RuleExample("«DROP INDEX walk_owner_id_idx»;", existing: RuleExample.walkDatabase + "CREATE INDEX walk_owner_id_idx ON walk (owner_id);"),
            RuleExample("«DROP INDEX IF EXISTS walk_owner_id_idx, walk_code_idx»;",
                        before: """
                            CREATE TABLE walk (id bigint PRIMARY KEY, owner_id bigint, code text);
                            CREATE INDEX walk_owner_id_idx ON walk (owner_id);
                            CREATE INDEX walk_code_idx ON walk (code);
                            """),
        ],
        good: [
            RuleExample("DROP INDEX CONCURRENTLY IF EXISTS walk_owner_id_idx;", note: "Outside a transaction block."),
            RuleExample("""
                DROP INDEX IF EXISTS public.walk_owner_id_idx;
                CREATE TABLE public.walk (id bigint PRIMARY KEY, owner_id bigint);
                CREATE INDEX walk_owner_id_idx ON public.walk USING btree (owner_id);
                """, note: "A script that re-creates what it drops (pg_dump --clean)."),
            RuleExample("""
                CREATE TABLE walk (id bigint PRIMARY KEY, owner_id bigint);
                CREATE INDEX walk_owner_id_idx ON walk (owner_id);
                DROP INDEX walk_owner_id_idx;
                """, note: "The table is new in this file."),
            RuleExample("""
                CREATE MATERIALIZED VIEW walk_count AS SELECT 1 AS owner_id, 2 AS walks;
                CREATE INDEX walk_count_owner_id_idx ON walk_count (owner_id);
                DROP INDEX walk_count_owner_id_idx;
                """, note: "The materialized view is new in this file."),
        ])

    public static let triggers: RuleTriggers = .statements(.drop)

    public init(options: NoOptions) {}

    public func check(statement: StatementContext) {
        guard case .drop(let drop) = statement.statement.syntax, drop.kind == .index, !drop.concurrently else { return }
        var names: [QualifiedName] = []
        var anchor: SourceAnchor?
        for change in statement.changes {
            switch change {
            case .dropIndex(let index, _, let at):
                guard statement.model.introduced(index.table)?.file !== statement.statement.file else { continue }
                names.append(QualifiedName(schema: index.table.schema, name: index.name))
                anchor = at
            case .dropUnknownIndex(let name, _, let at):
                names.append(name)
                anchor = at
            default: continue
            }
        }
        guard let anchor, !names.isEmpty else { return }
        let locks = statement.locks.filter { !$0.isNewInFile }
        let exists = drop.missingOk ? "IF EXISTS " : ""
        // CONCURRENTLY fails inside a transaction block: no rewrite there (--fix applies this one as safe).
        let rewrites = drop.behavior != .cascade && !statement.session.inTransaction
        // `DROP INDEX IF EXISTS` of an index this file creates again (pg_dump --clean) re-creates the schema:
        // withdrawn once the run shows the re-creation, so the text is written only for a finding that stands.
        let file = statement.statement.file
        let recreatable = drop.missingOk
        statement.report(at: anchor, object: names.first?.object, unlessFixedLater: { [names] model in
            !(recreatable && names.allSatisfy { model.index(named: $0)?.anchor.file === file })
        }) { [names] in
            let mode = locks.map(\.mode).max() ?? .accessExclusive
            var seen = Set<String>()
            let targets = locks.map(\.target).filter { seen.insert($0).inserted }
            let what = names.count == 1 ? "index \(names[0].quoted)" : "indexes " + names.map(\.quoted).joined(separator: ", ")
            let on = targets.isEmpty ? "its table" : targets.joined(separator: " and ")
            return (
                "Dropping \(what) without CONCURRENTLY \(Safety.lockPhrase(mode, on: on)); while it waits for running queries, every query after it queues too",
                "Use DROP INDEX CONCURRENTLY, one index per statement, outside a transaction block: it waits for running "
                    + "queries without blocking anyone. It has no CASCADE: drop a constraint that owns the index with ALTER TABLE "
                    + "… DROP CONSTRAINT instead.",
                rewrites ? names.map { "DROP INDEX CONCURRENTLY \(exists)\(SQLText.name($0));" }.joined(separator: "\n") : nil)
        }
    }
}
