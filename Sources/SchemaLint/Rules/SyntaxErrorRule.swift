/// Reported by the front end, not by a check: a statement libpg_query cannot parse. The rest of the file
/// is still linted.
public struct SyntaxErrorRule: Rule {
    public static let metadata = RuleMetadata(
        id: "syntax-error",
        summary: "A statement that PostgreSQL cannot parse.",
        rationale: """
            The statement would fail when the migration runs. schemalint reports libpg_query's message (the \
            PostgreSQL 15 grammar) at the position the parser gave, skips that statement and lints every \
            other statement of the file.
            """,
        category: .syntax, defaultSeverity: .error, scope: .statement,
        bad: [
            RuleExample("CREATE TABLE walk (id bigint PRIMARY KEY,«)»;"),
            RuleExample("CREATE TABLE walk (id bigint PRIMARY KEY);\nALTER TABLE walk «ADDD» COLUMN note text;"),
        ],
        good: [RuleExample("CREATE TABLE walk (id bigint PRIMARY KEY);")])

    static let help = "Fix the statement: it would fail when run. The other statements are still linted."

    public init(options: NoOptions) {}
}
