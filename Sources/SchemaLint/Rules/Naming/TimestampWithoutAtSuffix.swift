import FoundationEssentials
/// A timestamp column not named `…_at`.
public struct TimestampWithoutAtSuffix: Rule {
    public struct Options: RuleOptions {
        public var suffixes = ["_at"]
        public init() {}
        enum CodingKeys: String, CodingKey { case suffixes }
        public init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            let d = Self()
            suffixes = try c.option(.suffixes, or: d.suffixes)
        }
        public static let documentation = ["suffixes": "A timestamp column's name must end with one of these."]
    }

    public static let metadata = RuleMetadata(
        id: "timestamp-without-at-suffix",
        summary: "A timestamp or timestamptz column whose name does not end in _at.",
        rationale: """
            `published_at` says it is a point in time; `published` could be a boolean, and `publish_date` \
            a date. One suffix for instants keeps names predictable. Checked for timestamp and timestamptz \
            (not date or time) in CREATE TABLE, ADD COLUMN and ALTER COLUMN TYPE; the suffixes are an \
            option. The suggested name replaces an ending such as _time, _date, _on or _ts. A later rename \
            in the run withdraws the finding.
            """,
        category: .naming, defaultSeverity: .warning, enabledByDefault: false, scope: .statement, fix: .unsafeAddition,
        bad: [
            RuleExample("CREATE TABLE post (id bigint PRIMARY KEY, «published timestamptz NOT NULL DEFAULT now()», «edit_time timestamptz»);"),
        ],
        good: [
            RuleExample("CREATE TABLE post (id bigint PRIMARY KEY, published_at timestamptz NOT NULL, day date, starts time);"),
            RuleExample("""
                CREATE TABLE post (id bigint PRIMARY KEY, published timestamptz NOT NULL);
                ALTER TABLE post RENAME COLUMN published TO published_at;
                """, note: "Renamed later in the run."),
        ])

    public let options: Options
    public static let triggers: RuleTriggers = ColumnWrite.triggers

    public init(options: Options) { self.options = options }

    public func check(statement: StatementContext) {
        for write in statement.columnWrites where Self.isTimestamp(write.type) && isBad(write.name) {
            let rule = self
            let fixed = Self.fixed(write.name, suffix: options.suffixes.first ?? "_at")
            statement.report(write, "Timestamp column \(write.quoted) does not end in \(BooleanWithoutPrefix.list(options.suffixes))",
                help: "Name it \(fixed).",
                suggestion: SQLText.renameColumn(of: write.table.name, from: write.name, to: fixed),
                stillBad: { column, _ in Self.isTimestamp(column.type) && rule.isBad(column.name) })
        }
    }

    static func isTimestamp(_ type: ColumnType) -> Bool {
        !type.isArray && (type.name == "timestamp" || type.name == "timestamptz")
    }

    func isBad(_ name: String) -> Bool {
        let lower = name.lowercased()
        return !options.suffixes.contains { lower.hasSuffix($0.lowercased()) }
    }

    /// `published` → `published_at`, `edit_time` → `edit_at`, `updated_on` → `updated_at`.
    static func fixed(_ name: String, suffix: String) -> String {
        for ending in ["_timestamp", "_datetime", "_time", "_date", "_on", "_ts", "_dt"]
        where name.lowercased().hasSuffix(ending) && name.count > ending.count {
            return String(name.dropLast(ending.count)) + suffix
        }
        return name + suffix
    }
}
