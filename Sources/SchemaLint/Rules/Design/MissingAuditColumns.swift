import FoundationEssentials
/// A table without the columns that record when its rows were written.
public struct MissingAuditColumns: Rule {
    public struct Options: RuleOptions {
        public var columns = ["created_at", "updated_at"]
        public var exclude = ["schema_migrations", "ar_internal_metadata", "__diesel_schema_migrations"]
        public init() {}
        enum CodingKeys: String, CodingKey { case columns, exclude }
        public init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            let d = Self()
            columns = try c.option(.columns, or: d.columns)
            exclude = try c.option(.exclude, or: d.exclude)
        }
        public static let documentation = [
            "columns": "Columns every table must have (presence only; the type rules judge their types).",
            "exclude": "Tables not judged: globs on `schema.table` (`audit.*`), or on the bare table name when the pattern has no dot (`*_history`). The default leaves out migration bookkeeping tables.",
        ]
    }

    public static let metadata = RuleMetadata(
        id: "missing-audit-columns",
        summary: "A table without the configured audit columns (created_at, updated_at).",
        rationale: """
            When a row was created and last changed is the first question in every incident and every data \
            fix, and it cannot be answered after the fact. This rule checks that each table has the \
            configured columns, by name only (timestamp-without-time-zone and friends judge their types). \
            One finding per table, at its CREATE TABLE, naming every missing column. Judged on the final \
            schema, so columns added by a later migration count. Partitions (judged through their parent), \
            temporary tables and the tables in `exclude` are not judged.
            """,
        category: .design, defaultSeverity: .warning, scope: .schema, fix: .unsafeAddition,
        bad: [
            RuleExample("«CREATE TABLE walk» (id bigint PRIMARY KEY, created_at timestamptz NOT NULL DEFAULT now());"),
            RuleExample("«CREATE TABLE walk» (id bigint PRIMARY KEY);"),
            RuleExample("«CREATE TABLE walk» (id bigint PRIMARY KEY, inserted_at timestamptz NOT NULL);",
                        options: #"{"columns": ["inserted_at", "modified_by"]}"#),
        ],
        good: [
            RuleExample("""
                CREATE TABLE walk (id bigint PRIMARY KEY);
                ALTER TABLE walk ADD COLUMN created_at timestamptz NOT NULL DEFAULT now(),
                                 ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now();
                """),
            RuleExample("""
                CREATE TABLE schema_migrations (version text PRIMARY KEY);
                CREATE TABLE audit.walk_history (id bigint PRIMARY KEY);
                """, options: #"{"exclude": ["schema_migrations", "audit.*"]}"#),
        ])

    public let options: Options
    private let excluded: TableGlobs
    public init(options: Options) {
        self.options = options
        excluded = TableGlobs(options.exclude)
    }

    public func check(schema: SchemaContext) {
        for table in schema.model.createdTables where !table.isPartition && !table.isTemporary {
            guard let anchor = table.created, !excluded.match(table.name) else { continue }
            let missing = options.columns.filter { table.column(named: $0) == nil }
            guard !missing.isEmpty else { continue }
            let list = missing.joined(separator: ", ")
            // Timestamps are mechanical; other audit columns (created_by) need a decision.
            let suggestion = missing.allSatisfy { $0.hasSuffix("_at") }
                ? "ALTER TABLE \(SQLText.name(table.name)) "
                    + missing.map { "ADD COLUMN \(SQLText.ident($0)) timestamptz NOT NULL DEFAULT now()" }.joined(separator: ", ") + ";"
                : nil
            schema.report(at: anchor,
                "Table \(table.name.quoted) has no \(list) column\(missing.count == 1 ? "" : "s")",
                help: "Add \(list): when a row was written cannot be recovered later.",
                suggestion: suggestion, object: table.name.object)
        }
    }
}
