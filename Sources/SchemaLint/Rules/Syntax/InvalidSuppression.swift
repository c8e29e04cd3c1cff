/// Reported by the engine: a suppression comment that names no rule, or a rule that does not exist.
public struct InvalidSuppression: Rule {
    public static let metadata = RuleMetadata(
        id: "invalid-suppression",
        summary: "A schemalint-ignore comment naming an unknown rule, or no rule at all.",
        rationale: """
            A suppression must say what it silences: `-- schemalint-ignore rule-a, rule-b -- reason` for the \
            next statement, `-- schemalint-ignore-file rule-a` for the whole file. A misspelt id silences \
            nothing and would hide that fact, and a bare `schemalint-ignore` would silence everything, so \
            both are errors.
            """,
        category: .syntax, defaultSeverity: .error, scope: .statement,
        bad: [
            RuleExample("«-- schemalint-ignore fk-without-idx»\nCREATE TABLE walk (id bigint PRIMARY KEY);"),
            RuleExample("«-- schemalint-ignore»\nCREATE TABLE walk (id bigint PRIMARY KEY);"),
        ],
        good: [
            RuleExample("""
                -- schemalint-ignore timestamp-without-time-zone -- legacy column, converted in ticket 412
                CREATE TABLE walk (id bigint PRIMARY KEY, scheduled_at timestamp);
                """, alsoSelect: ["timestamp-without-time-zone"]),
        ])

    public init(options: NoOptions) {}
}
