/// Reported by the engine: a suppression that silenced nothing.
public struct UnusedSuppression: Rule {
    public static let metadata = RuleMetadata(
        id: "unused-suppression",
        summary: "A schemalint-ignore comment that silenced no finding.",
        rationale: """
            A suppression outlives the problem it was written for: once the statement is fixed, the comment \
            stays and would silence the next, unrelated finding. Only rules enabled in the run are judged, \
            so running a subset (`--select safety`) does not flag suppressions of the other rules.
            """,
        category: .syntax, defaultSeverity: .warning, scope: .statement,
        bad: [
            RuleExample("""
                «-- schemalint-ignore timestamp-without-time-zone»
                CREATE TABLE walk (id bigint PRIMARY KEY, scheduled_at timestamptz);
                """, alsoSelect: ["timestamp-without-time-zone"]),
        ],
        good: [
            RuleExample("""
                -- schemalint-ignore timestamp-without-time-zone -- converted in the next release

                CREATE TABLE walk (
                  id bigint PRIMARY KEY,
                  scheduled_at timestamp
                );
                """, note: "Blank lines between the comment and the statement, and a finding on a later line of it, are fine.",
                alsoSelect: ["timestamp-without-time-zone"]),
            RuleExample("""
                -- schemalint-ignore-file timestamp-without-time-zone
                CREATE TABLE walk (id bigint PRIMARY KEY, scheduled_at timestamp);
                CREATE TABLE walker (id bigint PRIMARY KEY, hired_at timestamp);
                """, alsoSelect: ["timestamp-without-time-zone"]),
        ])

    public init(options: NoOptions) {}

    /// Reported by the engine (Linter.applySuppressions) for an enabled rule no finding of which the comment silenced.
    static func silencedNothing(_ rule: String) -> (message: String, help: String) {
        ("Suppression of \(rule) silenced nothing", "Remove \(rule) from the comment: the finding it was written for is gone.")
    }
}
