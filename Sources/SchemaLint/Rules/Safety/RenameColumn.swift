/// RENAME COLUMN on an existing table.
public struct RenameColumn: Rule {
    public static let metadata = RuleMetadata(
        id: "rename-column",
        summary: "RENAME COLUMN on an existing table: breaks application code that uses the old name.",
        rationale: """
            The application version running during and just after the deploy still uses the old name, and its \
            queries fail as soon as the rename commits. The rename is quick but takes an ACCESS EXCLUSIVE lock, \
            which blocks all reads and writes while it waits for running queries. Tables created earlier in the same \
            file are exempt, and so are columns added earlier in the same file.
            """,
        category: .safety, defaultSeverity: .warning, scope: .statement,
        bad: [
            RuleExample("«ALTER TABLE walk RENAME COLUMN note TO remark»;", existing: RuleExample.walkDatabase + "ALTER TABLE walk ADD note text;"),
        ],
        good: [
            RuleExample("""
                CREATE TABLE walk (id bigint PRIMARY KEY, note text);
                ALTER TABLE walk RENAME COLUMN note TO remark;
                """, note: "The table is new in this file."),
            RuleExample("""
                ALTER TABLE walk ADD COLUMN remrak text;
                ALTER TABLE walk RENAME COLUMN remrak TO remark;
                """, note: "The column is new in this file."),
        ], weighedByTableSize: false)

    public static let triggers: RuleTriggers = .changes(.renameColumn)

    public init(options: NoOptions) {}

    public func check(statement: StatementContext) {
        for change in statement.changes {
            guard case .renameColumn(let target, let from, let to, let anchor) = change, !target.isNewInFile,
                  target.table.column(named: to)?.anchor.file !== statement.statement.file else { continue }
            let table = target.table.name
            let mode = Safety.lock(on: table, in: statement, fallback: .accessExclusive)
            statement.report(
                at: anchor,
                "Renaming \(table.column(from)) to \"\(to)\" breaks application code that still uses the old name; it \(Safety.lockPhrase(mode, on: table.quoted))",
                help: "Expand and contract: 1. add the new column; 2. write both (in the code or with a trigger); 3. copy the "
                    + "old values in batches; 4. switch reads to the new column and deploy; 5. drop the old column in a later migration.",
                object: table.object(column: from))
        }
    }
}
