/// A boolean column that can be NULL.
public struct NullableBoolean: Rule {
    public static let metadata = RuleMetadata(
        id: "nullable-boolean",
        summary: "A boolean column that allows NULL in the final schema.",
        rationale: """
            A nullable boolean has three states, and `WHERE NOT is_paid` silently skips the NULL rows. \
            Judged on the final model of the run, so a later ALTER COLUMN … SET NOT NULL fixes it. \
            Partitions inherit their columns and are judged through their parent.
            """,
        category: .design, defaultSeverity: .warning, scope: .schema, fix: .unsafeAddition,
        bad: [
            RuleExample("CREATE TABLE walk (id bigint PRIMARY KEY, «is_paid boolean DEFAULT false»);"),
            RuleExample("CREATE TABLE walk (id bigint PRIMARY KEY);\nALTER TABLE walk «ADD COLUMN is_paid bool»;"),
        ],
        good: [
            RuleExample("CREATE TABLE walk (id bigint PRIMARY KEY, is_paid boolean NOT NULL DEFAULT false);"),
            RuleExample("""
                CREATE TABLE walk (id bigint PRIMARY KEY, is_paid boolean);
                ALTER TABLE walk ALTER COLUMN is_paid SET NOT NULL;
                """),
        ])

    public init(options: NoOptions) {}

    public func check(schema: SchemaContext) {
        for table in schema.model.createdTables where !table.isPartition {
            for column in table.columns where column.type.isBoolean && !column.notNull {
                let sql = SQLText.name(table.name), col = SQLText.ident(column.name)
                // Existing NULLs must become a value first: the column's default, or false.
                let suggestion = column.defaultExpression != nil
                    ? "UPDATE \(sql) SET \(col) = DEFAULT WHERE \(col) IS NULL;\nALTER TABLE \(sql) ALTER COLUMN \(col) SET NOT NULL;"
                    : "ALTER TABLE \(sql) ALTER COLUMN \(col) SET DEFAULT false;\nUPDATE \(sql) SET \(col) = false WHERE \(col) IS NULL;\n"
                        + "ALTER TABLE \(sql) ALTER COLUMN \(col) SET NOT NULL;"
                schema.report(at: column.anchor, "Column \(table.name.column(column.name)) is a boolean that allows NULL",
                              help: "Add NOT NULL (with a DEFAULT): NULL makes a third state that `WHERE NOT \(column.name)` skips.",
                              suggestion: suggestion,
                              object: table.name.object(column: column.name))
            }
        }
    }
}
