import PgQueryProto

/// VACUUM FULL.
public struct VacuumFull: Rule {
    public static let metadata = RuleMetadata(
        id: "vacuum-full",
        summary: "VACUUM FULL of an existing table (or of the whole database).",
        rationale: """
            VACUUM FULL rewrites the table into a new file under an ACCESS EXCLUSIVE lock, which blocks all reads and \
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

    public init(options: NoOptions) {}

    public func check(statement: StatementContext) {
        guard case .vacuumStmt(let vacuum) = statement.statement.node.node, vacuum.isVacuumcmd,
              vacuum.options.contains(where: { option in
                  guard case .defElem(let d) = option.node, d.defname == "full" else { return false }
                  return !Self.isFalse(d.arg)
              }) else { return }
        if !vacuum.rels.isEmpty, statement.locks.allSatisfy(\.isNewInFile) { return }
        let tables = statement.locks.filter { !$0.isNewInFile }.map(\.table)
        let target = tables.isEmpty ? "every table of the database" : tables.map(\.quoted).joined(separator: ", ")
        statement.report(
            statement.statement.contentRange,
            "VACUUM FULL rewrites the table and \(Safety.lockPhrase(.accessExclusive, on: target)) until it is done",
            help: "Use plain VACUUM (it runs alongside reads and writes and makes the space reusable), or pg_repack / pg_squeeze "
                + "to give space back to the operating system with only brief locks.",
            object: tables.first?.object)
    }

    /// `FULL false`, `FULL off`, `FULL 0`.
    static func isFalse(_ arg: PgQuery_Node) -> Bool {
        switch arg.node {
        case .string(let s): ["false", "off", "0", "no"].contains(s.sval.lowercased())
        case .integer(let i): i.ival == 0
        case .aConst(let c):
            if case .boolval(let b) = c.val { !b.boolval } else if case .ival(let i) = c.val { i.ival == 0 }
            else if case .sval(let s) = c.val { ["false", "off", "0", "no"].contains(s.sval.lowercased()) } else { false }
        case .boolean(let b): !b.boolval
        default: false
        }
    }
}
