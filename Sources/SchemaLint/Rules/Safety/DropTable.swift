/// DROP TABLE of an existing table.
public struct DropTable: Rule {
    public static let metadata = RuleMetadata(
        id: "drop-table",
        summary: "DROP TABLE of an existing table: breaks application code that still uses it.",
        rationale: """
            Code deployed before the migration still queries the table; after the drop those queries fail, and the \
            data is gone for good. The drop takes an ACCESS EXCLUSIVE lock, which blocks all reads and writes while \
            it waits for running queries (on the tables it references too, to remove their foreign-key triggers). \
            Tables created earlier in the same file are exempt; a table the run has never seen is existing, with or \
            without IF EXISTS.
            """,
        category: .safety, defaultSeverity: .warning, scope: .statement,
        bad: [
            RuleExample("«DROP TABLE walk»;"),
            RuleExample("«DROP TABLE IF EXISTS walk, hike CASCADE»;", existing: RuleExample.walkDatabase + "CREATE TABLE hike (id bigint);"),
        ],
        good: [
            RuleExample("""
                DROP TABLE IF EXISTS public.walk;
                CREATE TABLE public.walk (id bigint PRIMARY KEY);
                """, note: "A script that re-creates what it drops (pg_dump --clean) removes no live table."),
            RuleExample("""
                CREATE TABLE walk_import (id bigint, payload jsonb);
                DROP TABLE walk_import;
                """, note: "The table is new in this file (a scratch table)."),
        ], weighedByTableSize: false)

    public static let triggers: RuleTriggers = .changes(.dropTable)

    public init(options: NoOptions) {}

    public func check(statement: StatementContext) {
        var tables: [QualifiedName] = []
        var anchor: SourceAnchor?
        for change in statement.changes {
            guard case .dropTable(let target, let at) = change, !target.isNewInFile else { continue }
            tables.append(target.table.name)
            anchor = at
        }
        guard let anchor, let first = tables.first else { return }
        let names = tables.map(\.quoted).joined(separator: ", ")
        let what = tables.count == 1 ? "table \(names)" : "tables \(names)"
        // `DROP TABLE IF EXISTS` of a table this file creates again (pg_dump --clean, a rebuild script) re-creates
        // the schema rather than removing a live table: withdrawn once the run shows the re-creation.
        let file = statement.statement.file
        let recreatable = Safety.dropsIfExists(statement.statement)
        statement.report(
            at: anchor,
            "Dropping \(what) breaks application code that still uses \(tables.count == 1 ? "it" : "them") and deletes the data; it \(Safety.lockPhrase(.accessExclusive, on: Safety.lockTargets(tables, .accessExclusive, in: statement)))",
            help: "1. Deploy code that no longer uses the table; 2. keep a backup (or rename it to e.g. \(first.name)_old first "
                + "and drop it a release later, so a missed caller fails loudly but the data survives); 3. drop it with a short lock_timeout.",
            object: first.object,
            unlessFixedLater: { [tables] model in
                !(recreatable && tables.allSatisfy { model.table($0)?.introduced?.file === file })
            })
    }
}
