import FoundationEssentials
/// Blank-padded `char(n)`.
public struct CharType: Rule {
    public static let metadata = RuleMetadata(
        id: "char-type",
        summary: "A column of type char(n) / character(n).",
        rationale: """
            char(n) pads every value with spaces to n characters, and the padding is treated inconsistently: \
            ignored by `=` and length(), kept by some casts and by LIKE, dropped by concatenation. It is not \
            faster than text or varchar (all three are stored the same way) and a value shorter than n is \
            still accepted, so it does not even enforce a fixed length. Use text, or varchar(n) (or a CHECK \
            on length) where the limit matters. `"char"`, the one-byte internal type, is not flagged. A later \
            ALTER COLUMN … TYPE in the run withdraws the finding.
            """,
        category: .design, defaultSeverity: .warning, scope: .statement, fix: .unsafeAddition,
        bad: [
            RuleExample("CREATE TABLE country («code char(2) PRIMARY KEY», name text NOT NULL);"),
            RuleExample("ALTER TABLE dog «ADD COLUMN sex character(1)»;", before: "CREATE TABLE dog (id bigint PRIMARY KEY);"),
        ],
        good: [
            RuleExample("CREATE TABLE country (code varchar(2) PRIMARY KEY, name text NOT NULL, flag \"char\");"),
        ])

    public static let triggers: RuleTriggers = ColumnWrite.triggers

    public init(options: NoOptions) {}

    public func check(statement: StatementContext) {
        for write in statement.columnWrites where write.type.name == "bpchar" && write.type.schema == nil {
            var fixed = write.type
            fixed.name = fixed.modifiers.isEmpty ? "text" : "varchar"
            statement.report(write, "Column \(write.quoted) is \(write.type), which pads values with spaces",
                help: "Use \(fixed) (or text with a CHECK on its length): same storage, no padding.",
                suggestion: write.retyped(to: "\(fixed)"),
                stillBad: { column, _ in column.type.name == "bpchar" && column.type.schema == nil })
        }
    }
}
