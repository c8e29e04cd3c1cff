
/// VACUUM FULL.
public struct VacuumFull: Rule {
    public static let metadata = RuleMetadata(
        id: "vacuum-full",
        summary: "VACUUM FULL of an existing table (or of the whole database).",
        rationale: """
            VACUUM FULL rewrites the table and each of its indexes into new files under an ACCESS EXCLUSIVE lock, which blocks all reads and \
            writes until it is done, and needs room for a second copy of the table. Without a table list it does \
            that to every table of the database. A plain VACUUM runs alongside reads and writes and makes dead space \
            reusable; pg_repack or pg_squeeze give space back to the operating system with only brief locks. (squawk \
            does not flag this before its PostgreSQL 19 support.) Tables created earlier in the same file are exempt.
            """,
        category: .safety, defaultSeverity: .warning, scope: .statement,
        bad: [
            RuleExample("«VACUUM FULL walk»;"),
            RuleExample("«VACUUM (FULL, ANALYZE)»;", note: "No table list: every table of the database."),
        ],
        good: [
            RuleExample("VACUUM (ANALYZE) walk;"),
            RuleExample("VACUUM (FULL false) walk;"),
        ])

    public static let triggers: RuleTriggers = .statements(.vacuum)

    public init(options: NoOptions) {}

    public func check(statement: StatementContext) {
        guard case .vacuum(let vacuum) = statement.statement.syntax, vacuum.isVacuum, vacuum.full else { return }
        if !vacuum.relations.isEmpty, statement.locks.allSatisfy(\.isNewInFile) { return }
        let tables = statement.locks.filter { !$0.isNewInFile }.map(\.table)
        let target = tables.isEmpty ? "every table of the database" : tables.map(\.quoted).joined(separator: ", ")
        statement.report(
            statement.statement.contentRange,
            "VACUUM FULL rewrites \(tables.count == 1 ? "the table and its" : "the tables and their") indexes, and "
                + "\(Safety.lockPhrase(.accessExclusive, on: target)) until it is done",
            help: "Use plain VACUUM (it runs alongside reads and writes and makes the space reusable), or pg_repack / pg_squeeze "
                + "to give space back to the operating system with only brief locks.",
            object: tables.first?.object)
    }

}
