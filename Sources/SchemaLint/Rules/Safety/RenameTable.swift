/// RENAME of an existing table.
public struct RenameTable: Rule {
    public static let metadata = RuleMetadata(
        id: "rename-table",
        summary: "ALTER TABLE … RENAME TO on an existing table: breaks application code that uses the old name.",
        rationale: """
            The application version running during and just after the deploy still uses the old name, and its \
            queries fail as soon as the rename commits. The rename is quick but takes an ACCESS EXCLUSIVE lock, \
            which blocks all reads and writes while it waits for running queries. A view with the old name over the \
            renamed table keeps old code working (a simple view is updatable) until it is gone. Tables created \
            earlier in the same file are exempt; a table the run has never seen is existing.
            """,
        category: .safety, defaultSeverity: .warning, scope: .statement, fix: .unsafeRewrite,
        bad: [
            RuleExample("«ALTER TABLE walk RENAME TO hike»;", existing: RuleExample.walkDatabase),
        ],
        good: [
            RuleExample("""
                CREATE TABLE walk (id bigint PRIMARY KEY);
                ALTER TABLE walk RENAME TO hike;
                """, note: "The table is new in this file."),
            RuleExample("""
                CREATE SEQUENCE walk_number_seq;
                ALTER TABLE walk_number_seq RENAME TO hike_number_seq;
                CREATE VIEW walk_list AS SELECT 1 AS id;
                ALTER TABLE walk_list RENAME TO hike_list;
                """, note: "A sequence and a view this file created: ALTER TABLE accepts them, but they are not tables."),
        ], weighedByTableSize: false)

    public static let triggers: RuleTriggers = .changes(.renameTable)

    public init(options: NoOptions) {}

    public func check(statement: StatementContext) {
        for change in statement.changes {
            guard case .renameTable(let target, let from, let anchor) = change, !target.isNewInFile else { continue }
            let to = target.table.name
            let mode = Safety.lock(on: from, in: statement, fallback: .accessExclusive)
            statement.report(
                at: anchor,
                "Renaming table \(from.quoted) to \"\(to.name)\" breaks application code that still uses the old name; it \(Safety.lockPhrase(mode, on: from.quoted))",
                help: "Rename it and, in the same transaction, create a view with the old name (CREATE VIEW \(from) AS SELECT * "
                    + "FROM \(to);): old code keeps working through the view. Drop the view once every deployed version uses the new name.",
                suggestion: statement.statement.text(statement.statement.contentRange) + ";\n"
                    + "CREATE VIEW \(SQLText.name(from)) AS SELECT * FROM \(SQLText.name(to));",
                object: from.object,
                // The suggested view with the old name answers the finding, so a second `--fix` adds no second view.
                unlessFixedLater: { model in model.views[from] == nil })
        }
    }
}
