/// REFRESH MATERIALIZED VIEW without CONCURRENTLY.
public struct RefreshWithoutConcurrently: Rule {
    public static let metadata = RuleMetadata(
        id: "refresh-without-concurrently",
        summary: "REFRESH MATERIALIZED VIEW of an existing view without CONCURRENTLY.",
        rationale: """
            A plain refresh writes the view's rows anew, into a new file, under an ACCESS EXCLUSIVE lock on the \
            materialized view, which blocks every read of it until the query behind it has run again, which can take \
            minutes. REFRESH … CONCURRENTLY takes an EXCLUSIVE \
            lock instead, which lets reads go on; it needs a UNIQUE index on the view (plain columns, no WHERE) and a \
            view that is already populated. (squawk does not flag this.) A view created earlier in the same file is \
            exempt, and so is `WITH NO DATA`, which empties the view on purpose. A REFRESH inside a DO block is \
            judged like any other statement; one inside a function body is not: it runs whenever the function is \
            called (a cron job, a trigger), not during the migration, and how much it blocks depends on that.
            """,
        category: .safety, defaultSeverity: .warning, scope: .statement, fix: .safeRewrite,
        bad: [
            RuleExample("«REFRESH MATERIALIZED VIEW walk_stats»;", existing: RuleExample.walkDatabase + """
                CREATE MATERIALIZED VIEW walk_stats AS SELECT owner_id, count(*) AS walks FROM walk GROUP BY owner_id;
                CREATE UNIQUE INDEX walk_stats_owner_id_key ON walk_stats (owner_id);
                """),
        ],
        good: [
            RuleExample("REFRESH MATERIALIZED VIEW CONCURRENTLY walk_stats;"),
            RuleExample("""
                CREATE MATERIALIZED VIEW walk_stats AS SELECT 1 AS id WITH NO DATA;
                REFRESH MATERIALIZED VIEW walk_stats;
                """, note: "The view is new in this file."),
        ])

    public static let triggers: RuleTriggers = .statements(.refreshMaterializedView)

    public init(options: NoOptions) {}

    public func check(statement: StatementContext) {
        guard case .refreshMaterializedView(let relation, concurrently: false, withNoData: false) = statement.statement.syntax,
              statement.locks.contains(where: { !$0.isNewInFile }) else { return }
        let view = QualifiedName(relation)
        statement.report(
            statement.statement.contentRange,
            "REFRESH MATERIALIZED VIEW without CONCURRENTLY rewrites the view into a new file, and "
                + "\(Safety.lockPhrase(.accessExclusive, on: view.quoted)) until its query has run",
            help: "Use REFRESH MATERIALIZED VIEW CONCURRENTLY, which takes an EXCLUSIVE lock and lets reads go on. It needs a "
                + "UNIQUE index on the view over plain columns without WHERE (CREATE UNIQUE INDEX … ON \(view) (…);) and a view "
                + "that is already populated.",
            suggestion: statement.statement.rewritten(inserting: "CONCURRENTLY", after: [.view]),
            object: view.object)
    }
}
