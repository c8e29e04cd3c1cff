/// `timestamp` (without time zone) for a column.
public struct TimestampWithoutTimeZone: Rule {
    public static let metadata = RuleMetadata(
        id: "timestamp-without-time-zone",
        summary: "A column of type timestamp without time zone.",
        rationale: """
            timestamp stores a wall-clock reading with no offset: the same value means different instants \
            to sessions in different time zones, and daylight-saving changes make some values ambiguous. \
            timestamptz stores an instant (in UTC) and converts on display; it takes the same 8 bytes. \
            Flags timestamp, timestamp(p), timestamp without time zone and arrays of them in CREATE TABLE, \
            ADD COLUMN and ALTER COLUMN TYPE; time and date are not flagged. A later ALTER COLUMN … TYPE \
            timestamptz in the run withdraws the finding.
            """,
        category: .design, defaultSeverity: .warning, scope: .statement, fix: .unsafeAddition,
        bad: [
            RuleExample("CREATE TABLE walks (id bigint PRIMARY KEY, «scheduled_at timestamp NOT NULL»);"),
            RuleExample("ALTER TABLE walk «ADD COLUMN ended_at timestamp(3) without time zone»;",
                        before: "CREATE TABLE walk (id bigint PRIMARY KEY);"),
            RuleExample("ALTER TABLE walk «ALTER COLUMN history TYPE timestamp[] USING history::timestamp[]»;",
                        before: "CREATE TABLE walk (id bigint PRIMARY KEY, history text[]);"),
        ],
        good: [
            RuleExample("CREATE TABLE walk (id bigint PRIMARY KEY, scheduled_at timestamptz, starts time, day date);"),
            RuleExample("ALTER TABLE walk ADD COLUMN ended_at timestamp with time zone;"),
        ])

    public static let triggers: RuleTriggers = ColumnWrite.triggers

    public init(options: NoOptions) {}

    public func check(statement: StatementContext) {
        for write in statement.columnWrites where write.type.isTimestampWithoutTimeZone {
            var fixed = write.type
            fixed.name = "timestamptz"
            let target = (fixed.modifiers.isEmpty ? "timestamptz" : "timestamptz(\(fixed.modifiers[0]))") + (fixed.isArray ? "[]" : "")
            statement.report(write, "Column \(write.quoted) is \(write.type)",
                help: "Use timestamptz\(write.type.isArray ? "[]" : ""): it stores an instant, not a wall-clock reading.",
                suggestion: write.retyped(to: target),
                stillBad: { column, _ in column.type.isTimestampWithoutTimeZone })
        }
    }
}
