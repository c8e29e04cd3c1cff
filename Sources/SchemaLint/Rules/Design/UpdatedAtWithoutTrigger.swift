import FoundationEssentials
/// An updated_at column nothing in the database keeps up to date.
public struct UpdatedAtWithoutTrigger: Rule {
    public struct Options: RuleOptions {
        public var column = "updated_at"
        public init() {}
        enum CodingKeys: String, CodingKey { case column }
        public init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            let d = Self()
            column = try c.option(.column, or: d.column)
        }
        public static let documentation = ["column": "The column a BEFORE UPDATE trigger must maintain."]
    }

    public static let metadata = RuleMetadata(
        id: "updated-at-without-trigger",
        summary: "A table with an updated_at column but no BEFORE UPDATE row trigger.",
        rationale: """
            PostgreSQL never maintains updated_at by itself: a DEFAULT sets it on insert only. Unless a \
            BEFORE UPDATE … FOR EACH ROW trigger sets it, every UPDATE that does not mention the column (a \
            manual fix, a bulk job, another service) leaves it stale. Any such trigger on the table counts \
            (what its function does is not inspected). Off by default: teams that set the column in the \
            application (Rails, Django) leave it off. Judged on the final schema; partitions through their \
            parent.
            """,
        category: .design, defaultSeverity: .warning, enabledByDefault: false, scope: .schema, fix: .unsafeAddition,
        bad: [
            RuleExample("""
                CREATE TABLE walk (id bigint PRIMARY KEY, «updated_at timestamptz NOT NULL DEFAULT now()»);
                CREATE FUNCTION log_walk() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NULL; END $$;
                CREATE TRIGGER walk_log AFTER UPDATE ON walk FOR EACH ROW EXECUTE FUNCTION log_walk();
                """, note: "An AFTER trigger cannot change the row."),
        ],
        good: [
            RuleExample("""
                CREATE TABLE walk (id bigint PRIMARY KEY, updated_at timestamptz NOT NULL DEFAULT now());
                CREATE TRIGGER walk_set_updated_at BEFORE UPDATE ON walk FOR EACH ROW EXECUTE FUNCTION set_updated_at();
                """),
        ])

    public let options: Options
    public init(options: Options) { self.options = options }

    public func check(schema: SchemaContext) {
        for table in schema.model.createdTables where !table.isPartition {
            guard let column = table.column(named: options.column) else { continue }
            let maintained = table.triggers.contains { $0.timing == .before && $0.events.contains(.update) && $0.forEachRow }
            if maintained { continue }
            let col = SQLText.ident(column.name)
            let function = SQLText.ident(SQLText.truncated("set_" + column.name), at: .function)
            let trigger = SQLText.ident(SQLText.truncated("\(table.name.name)_set_\(column.name)"))
            let execute = schema.settings.pgVersion >= 11 ? "FUNCTION" : "PROCEDURE"
            let suggestion = """
                CREATE OR REPLACE FUNCTION \(function)() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                  NEW.\(col) := now();
                  RETURN NEW;
                END
                $$;
                CREATE TRIGGER \(trigger) BEFORE UPDATE ON \(SQLText.name(table.name)) FOR EACH ROW EXECUTE \(execute) \(function)();
                """
            schema.report(at: column.anchor,
                "Table \(table.name.quoted) has \(column.name) but no BEFORE UPDATE trigger maintains it",
                help: "Set it in a BEFORE UPDATE … FOR EACH ROW trigger, or turn this rule off if the application always sets it.",
                suggestion: suggestion, object: table.name.object(column: column.name))
        }
    }
}
