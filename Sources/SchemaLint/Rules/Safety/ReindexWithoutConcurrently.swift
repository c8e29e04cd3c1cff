/// REINDEX without CONCURRENTLY.
public struct ReindexWithoutConcurrently: Rule {
    public static let metadata = RuleMetadata(
        id: "reindex-without-concurrently",
        summary: "REINDEX of an existing index, table, schema or database without CONCURRENTLY.",
        rationale: """
            REINDEX rebuilds each index while holding a SHARE lock on its table, which blocks all writes, and an \
            ACCESS EXCLUSIVE lock on the index, which blocks every query that would use it (in practice, every \
            query the planner considers it for). From PostgreSQL 12, REINDEX … CONCURRENTLY builds a new index next \
            to the old one and swaps them, letting reads and writes go on; it cannot run in a transaction block. \
            Before 12 (`--pg-version`) the same is done by hand. REINDEX of a table created earlier in the same file \
            is exempt; SCHEMA, DATABASE and SYSTEM are always flagged.
            """,
        category: .safety, defaultSeverity: .warning, scope: .statement, fix: .safeRewrite,
        bad: [
            RuleExample("«REINDEX INDEX walk_owner_id_idx»;", existing: RuleExample.walkDatabase + "CREATE INDEX walk_owner_id_idx ON walk (owner_id);"),
            RuleExample("«REINDEX TABLE walk»;", note: "No CONCURRENTLY before 12: rebuild by hand.", pgVersion: 11, existing: RuleExample.walkDatabase),
        ],
        good: [
            RuleExample("REINDEX INDEX CONCURRENTLY walk_owner_id_idx;"),
            RuleExample("""
                CREATE TABLE walk (id bigint PRIMARY KEY);
                REINDEX TABLE walk;
                """, note: "The table is new in this file."),
        ])

    public static let triggers: RuleTriggers = .statements(.reindex)

    public init(options: NoOptions) {}

    public func check(statement: StatementContext) {
        guard case .reindex(let reindex) = statement.statement.syntax, !reindex.concurrently else { return }
        let named = reindex.relation.map(QualifiedName.init) ?? QualifiedName(name: reindex.name)
        if !statement.locks.isEmpty, statement.locks.allSatisfy(\.isNewInFile) { return }
        let target: String
        switch reindex.kind {
        case .index:
            target = statement.locks.first.map { $0.viaIndex != nil ? $0.target : "\($0.table.quoted) (the table of index \(named.quoted))" }
                ?? "the table of index \(named.quoted)"
        case .table: target = named.quoted
        case .schema: target = "every table of schema \"\(reindex.name)\""
        default: target = "every table of the database"
        }
        let pg = statement.settings.pgVersion
        let concurrentOK = pg >= 12 && reindex.kind != .system
        statement.report(
            statement.statement.safetyHead,
            "REINDEX without CONCURRENTLY \(Safety.lockPhrase(.share, on: target)), and an ACCESS EXCLUSIVE lock on each index it "
                + "rebuilds, which blocks the queries that would use it",
            help: concurrentOK
                ? "Use REINDEX … CONCURRENTLY (PostgreSQL 12+), outside a transaction block: it builds a new index beside the old one "
                    + "and swaps them while reads and writes go on. If it fails, drop the leftover INVALID index (its name ends in _ccnew)."
                : "Before PostgreSQL 12: 1. CREATE INDEX CONCURRENTLY a new index with the same definition; 2. DROP INDEX "
                    + "CONCURRENTLY the old one; 3. ALTER INDEX … RENAME the new one to the old name.",
            // CONCURRENTLY fails inside a transaction block: no rewrite there (--fix applies this one as safe).
            suggestion: concurrentOK && !statement.session.inTransaction
                ? statement.statement.rewritten(inserting: "CONCURRENTLY", after: [.index, .table, .schema, .database]) : nil,
            object: statement.locks.first.flatMap { $0.viaIndex == nil ? $0.table.object : nil })
    }
}
