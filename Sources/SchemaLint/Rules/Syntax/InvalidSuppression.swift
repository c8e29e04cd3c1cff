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

    // The engine reports these while it matches suppression comments to findings (Linter.applySuppressions).

    /// `-- schemalint-ignore` without a rule.
    static let namesNoRule = (message: "Suppression comment names no rule",
                              help: "Name the rules it silences: -- schemalint-ignore rule-a, rule-b -- reason")

    /// A rule id that does not exist.
    static func unknownRule(_ rule: String) -> (message: String, help: String) {
        ("Suppression names an unknown rule \"\(rule)\"", "Use a rule id from `schemalint rules`.")
    }
}
