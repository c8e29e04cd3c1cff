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
            ADD COLUMN and ALTER COLUMN TYPE; time and date are not flagged.
            """,
        category: .design, defaultSeverity: .warning, scope: .statement,
        bad: [
            RuleExample("CREATE TABLE walks (id bigint PRIMARY KEY, «scheduled_at timestamp NOT NULL»);"),
            RuleExample("ALTER TABLE walk «ADD COLUMN ended_at timestamp(3) without time zone»;"),
            RuleExample("ALTER TABLE walk «ALTER COLUMN history TYPE timestamp[]»;"),
        ],
        good: [
            RuleExample("CREATE TABLE walk (id bigint PRIMARY KEY, scheduled_at timestamptz, starts time, day date);"),
            RuleExample("ALTER TABLE walk ADD COLUMN ended_at timestamp with time zone;"),
        ])

    public init(options: NoOptions) {}

    public func check(statement: StatementContext) {
        for change in statement.changes {
            switch change {
            case .addColumn(let target, let column, _):
                judge(target.table.name, column.name, column.type, column.anchor, statement)
            case .alterColumnType(let target, let column, _, let type, let anchor):
                judge(target.table.name, column, type, anchor, statement)
            default: break
            }
        }
    }

    private func judge(_ table: QualifiedName, _ column: String, _ type: ColumnType, _ anchor: SourceAnchor,
                       _ statement: StatementContext) {
        guard type.isTimestampWithoutTimeZone else { return }
        statement.report(at: anchor, "Column \(table.column(column)) is \(type)",
                         help: "Use timestamptz\(type.isArray ? "[]" : ""): it stores an instant, not a wall-clock reading.")
    }
}
