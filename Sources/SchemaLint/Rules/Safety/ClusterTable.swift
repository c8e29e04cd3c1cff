/// CLUSTER.
public struct ClusterTable: Rule {
    public static let metadata = RuleMetadata(
        id: "cluster-table",
        summary: "CLUSTER of an existing table (or of every clustered table).",
        rationale: """
            CLUSTER rewrites the table in index order under an ACCESS EXCLUSIVE lock, which blocks all reads and \
            writes until it is done. Without a table name it re-clusters every table that was clustered before. \
            `ALTER TABLE … CLUSTER ON` only records the index and is not flagged. Tables created earlier in the same \
            file are exempt.
            """,
        category: .safety, defaultSeverity: .warning, scope: .statement,
        bad: [
            RuleExample("«CLUSTER walk USING walk_started_at_idx»;", existing: RuleExample.walkDatabase + """
                ALTER TABLE walk ADD started_at timestamptz;
                CREATE INDEX walk_started_at_idx ON walk (started_at);
                """),
        ],
        good: [
            RuleExample("""
                CREATE TABLE walk (id bigint PRIMARY KEY, started_at timestamptz);
                CREATE INDEX walk_started_at_idx ON walk (started_at);
                CLUSTER walk USING walk_started_at_idx;
                """, note: "The table is new in this file."),
        ])

    public static let triggers: RuleTriggers = .statements(.cluster)

    public init(options: NoOptions) {}

    public func check(statement: StatementContext) {
        guard case .cluster(let relation) = statement.statement.syntax else { return }
        if relation != nil, statement.locks.allSatisfy(\.isNewInFile) { return }
        let target = relation.map { QualifiedName($0).quoted } ?? "every previously clustered table"
        statement.report(
            statement.statement.contentRange,
            "CLUSTER rewrites the table and \(Safety.lockPhrase(.accessExclusive, on: target)) until it is done",
            help: "Use pg_repack --order-by (it rewrites in index order with only brief locks), or run CLUSTER in a maintenance "
                + "window; a BRIN or covering index may serve the same queries without reordering the table.",
            object: relation.map { QualifiedName($0).object })
    }
}
