import FoundationEssentials
/// PostgreSQL's `money` type.
public struct MoneyType: Rule {
    public static let metadata = RuleMetadata(
        id: "money-type",
        summary: "A column of type money.",
        rationale: """
            money formats input and output by the server's lc_monetary setting, so the same dump reads back \
            differently on a server with another locale; its scale is fixed by that locale (two digits in \
            most), it carries no currency, and dividing or converting it rounds. Store numeric (with a \
            currency column where there can be more than one) or an integer count of minor units. A later \
            ALTER COLUMN … TYPE in the run withdraws the finding.
            """,
        category: .design, defaultSeverity: .warning, scope: .statement, fix: .unsafeAddition,
        bad: [
            RuleExample("CREATE TABLE invoice (id bigint PRIMARY KEY, «total money NOT NULL»);"),
            RuleExample("ALTER TABLE invoice «ADD COLUMN tip money»;", before: "CREATE TABLE invoice (id bigint PRIMARY KEY);"),
        ],
        good: [
            RuleExample("CREATE TABLE invoice (id bigint PRIMARY KEY, total numeric(12,2) NOT NULL, currency char(3) NOT NULL);"),
        ])

    public static let triggers: RuleTriggers = ColumnWrite.triggers

    public init(options: NoOptions) {}

    public func check(statement: StatementContext) {
        for write in statement.columnWrites where write.type.name == "money" && write.type.schema == nil {
            let fixed = write.type.isArray ? "numeric(12,2)[]" : "numeric(12,2)"
            statement.report(write, "Column \(write.quoted) is money",
                help: "Use \(fixed) (with a currency column if there can be several), or bigint counting cents.",
                suggestion: write.retyped(to: fixed),
                stillBad: { column, _ in column.type.name == "money" && column.type.schema == nil })
        }
    }
}
