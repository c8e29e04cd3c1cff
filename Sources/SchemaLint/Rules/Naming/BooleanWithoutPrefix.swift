import FoundationEssentials
/// A boolean column not named as a question.
public struct BooleanWithoutPrefix: Rule {
    public struct Options: RuleOptions {
        public var prefixes = ["is_", "has_", "can_", "should_"]
        public init() {}
        enum CodingKeys: String, CodingKey { case prefixes }
        public init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            let d = Self()
            prefixes = try c.option(.prefixes, or: d.prefixes)
        }
        public static let documentation = ["prefixes": "A boolean column's name must start with one of these."]
    }

    public static let metadata = RuleMetadata(
        id: "boolean-without-prefix",
        summary: "A boolean column whose name does not start with is_, has_, can_ or should_.",
        rationale: """
            `WHERE is_paid` and `if walk.has_photos` read as questions with a yes-or-no answer; `paid` could \
            be an amount or a timestamp, and `active` a state. Checked in CREATE TABLE, ADD COLUMN and ALTER \
            COLUMN TYPE; the prefixes are an option. A later rename in the run withdraws the finding.
            """,
        category: .naming, defaultSeverity: .warning, enabledByDefault: false, scope: .statement, fix: .unsafeAddition,
        bad: [
            RuleExample("CREATE TABLE walk (id bigint PRIMARY KEY, «paid boolean NOT NULL DEFAULT false»);"),
            RuleExample("ALTER TABLE walk «ADD COLUMN was_rescheduled boolean NOT NULL DEFAULT false»;",
                        before: "CREATE TABLE walk (id bigint PRIMARY KEY);"),
        ],
        good: [
            RuleExample("CREATE TABLE walk (id bigint PRIMARY KEY, is_paid boolean NOT NULL, has_photos bool NOT NULL);"),
            RuleExample("ALTER TABLE walk ADD COLUMN was_rescheduled boolean NOT NULL DEFAULT false;",
                        options: #"{"prefixes": ["is_", "has_", "was_"]}"#),
        ])

    public let options: Options
    public static let triggers: RuleTriggers = ColumnWrite.triggers

    public init(options: Options) { self.options = options }

    public func check(statement: StatementContext) {
        for write in statement.columnWrites where write.type.isBoolean && isBad(write.name) {
            let rule = self
            let fixed = "is_" + write.name
            statement.report(write, "Boolean column \(write.quoted) does not start with \(Self.list(options.prefixes))",
                help: "Name it as a question: \(fixed).",
                suggestion: SQLText.renameColumn(of: write.table.name, from: write.name, to: fixed),
                stillBad: { column, _ in column.type.isBoolean && rule.isBad(column.name) })
        }
    }

    func isBad(_ name: String) -> Bool {
        let lower = name.lowercased()
        return !options.prefixes.contains { lower.hasPrefix($0.lowercased()) }
    }

    static func list(_ items: [String]) -> String {
        items.count <= 1 ? items.joined() : items.dropLast().joined(separator: ", ") + " or " + items.last!
    }
}
