import FoundationEssentials
/// `json` where `jsonb` serves.
public struct JsonType: Rule {
    public static let metadata = RuleMetadata(
        id: "json-type",
        summary: "A column of type json rather than jsonb.",
        rationale: """
            json stores the text as written and parses it again on every access; it has no equality \
            operator (so no DISTINCT, GROUP BY, UNIQUE or comparison), and no GIN index or containment \
            operators (`@>`, `?`). jsonb stores a parsed binary form and has all of these. Keep json only \
            to preserve key order, duplicate keys or whitespace exactly. Flags json and json[] in CREATE \
            TABLE, ADD COLUMN and ALTER COLUMN TYPE; a later ALTER COLUMN … TYPE jsonb in the run withdraws \
            the finding.
            """,
        category: .design, defaultSeverity: .warning, scope: .statement, fix: .unsafeAddition,
        bad: [
            RuleExample("CREATE TABLE walk (id bigint PRIMARY KEY, «route json NOT NULL DEFAULT '[]'»);"),
            RuleExample("ALTER TABLE walk «ALTER COLUMN route TYPE json USING route::json»;",
                        before: "CREATE TABLE walk (id bigint PRIMARY KEY, route text);"),
        ],
        good: [
            RuleExample("CREATE TABLE walk (id bigint PRIMARY KEY, route jsonb NOT NULL DEFAULT '[]');"),
            RuleExample("""
                CREATE TABLE walk (id bigint PRIMARY KEY, route json);
                ALTER TABLE walk ALTER COLUMN route TYPE jsonb;
                """, note: "Changed to jsonb later in the run."),
        ])

    public static let triggers: RuleTriggers = ColumnWrite.triggers

    public init(options: NoOptions) {}

    public func check(statement: StatementContext) {
        for write in statement.columnWrites where write.type.name == "json" && write.type.schema == nil {
            let jsonb = write.type.isArray ? "jsonb[]" : "jsonb"
            statement.report(write, "Column \(write.quoted) is \(write.type)",
                help: "Use \(jsonb): parsed once, comparable, and indexable with GIN.",
                suggestion: write.retyped(to: jsonb),
                stillBad: { column, _ in column.type.name == "json" && column.type.schema == nil })
        }
    }
}
