/// TRUNCATE … CASCADE.
public struct TruncateCascade: Rule {
    public static let metadata = RuleMetadata(
        id: "truncate-cascade",
        summary: "TRUNCATE … CASCADE of an existing table: it also empties every table that references it.",
        rationale: """
            CASCADE truncates every table with a foreign key to the named tables, and the tables referencing those, \
            recursively, under ACCESS EXCLUSIVE locks that block all reads and writes: data in tables the statement \
            never names is deleted. schemalint names the referencing tables it knows from the run; tables outside \
            the run may be emptied too. Without CASCADE (RESTRICT, the default), TRUNCATE fails instead when another \
            table references the data. Statements whose tables were all created earlier in the same file are exempt.
            """,
        category: .safety, defaultSeverity: .warning, scope: .statement, fix: .unsafeRewrite,
        bad: [
            RuleExample("«TRUNCATE walk CASCADE»;",
                        before: """
                            CREATE TABLE walk (id bigint PRIMARY KEY);
                            CREATE TABLE walk_photo (id bigint PRIMARY KEY, walk_id bigint REFERENCES walk (id));
                            """),
        ],
        good: [
            RuleExample("TRUNCATE walk, walk_photo;", note: "Every table named, no CASCADE."),
            RuleExample("""
                CREATE TABLE walk_import (id bigint PRIMARY KEY);
                TRUNCATE walk_import CASCADE;
                """, note: "The table is new in this file."),
        ], weighedByTableSize: false)

    public static let triggers: RuleTriggers = .statements(.truncate)

    public init(options: NoOptions) {}

    public func check(statement: StatementContext) {
        guard case .truncate(let truncate) = statement.statement.syntax, truncate.behavior == .cascade,
              statement.locks.contains(where: { !$0.isNewInFile }) else { return }
        let named = statement.locks.map(\.table)
        // Referencing tables the model knows, recursively.
        var reached = Set(named)
        var frontier = named
        var referencing: [QualifiedName] = []
        while let next = frontier.popLast() {
            for table in statement.model.tables where !reached.contains(table.name)
                && table.constraints.contains(where: { $0.foreignKey?.table == next }) {
                reached.insert(table.name)
                referencing.append(table.name)
                frontier.append(table.name)
            }
        }
        let also = referencing.isEmpty ? "every table with a foreign key to \(named.map(\.quoted).joined(separator: ", ")) (none known to this run)"
            : "every table that references \(named.count == 1 ? "it" : "them"): \(referencing.map(\.quoted).joined(separator: ", "))"
        // Every table it empties: those named and the referencing ones the run knows, then any others.
        let locked = (named + referencing).map(\.quoted).joined(separator: ", ")
            + (referencing.isEmpty ? " and on each table it empties" : "")
        var suggestion: String?
        if !referencing.isEmpty {
            let list = (named + referencing).map(SQLText.name).joined(separator: ", ")
            suggestion = "TRUNCATE \(list)\(truncate.restartIdentity ? " RESTART IDENTITY" : "");"
        }
        statement.report(
            statement.statement.contentRange,
            "TRUNCATE … CASCADE also empties \(also), and \(Safety.lockPhrase(.accessExclusive, on: locked))",
            help: "Name every table to empty in the TRUNCATE and leave out CASCADE: the default (RESTRICT) then fails instead of "
                + "deleting data from a table nobody named.",
            suggestion: suggestion,
            object: named.first?.object)
    }
}
