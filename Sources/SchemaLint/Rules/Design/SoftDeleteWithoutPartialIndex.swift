import FoundationEssentials
/// A soft-delete column with no index restricted to live rows.
public struct SoftDeleteWithoutPartialIndex: Rule {
    public struct Options: RuleOptions {
        public var columns = ["deleted_at"]
        public init() {}
        enum CodingKeys: String, CodingKey { case columns }
        public init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            let d = Self()
            columns = try c.option(.columns, or: d.columns)
        }
        public static let documentation = [
            "columns": "Column names that mark a row as deleted (NULL while it is live).",
        ]
    }

    public static let metadata = RuleMetadata(
        id: "soft-delete-without-partial-index",
        summary: "A soft-delete column (deleted_at) but no index with `WHERE deleted_at IS NULL`.",
        rationale: """
            With soft deletes nearly every query adds `deleted_at IS NULL`. Full indexes keep serving the \
            deleted rows too, and as they pile up the planner reads ever more of them; a partial index \
            `WHERE deleted_at IS NULL` holds only the live rows and matches those queries. A table with a \
            soft-delete column is flagged when none of its indexes has that predicate (alone or as one of \
            the AND-ed terms); the finding is at the column. Judged on the final schema, so an index created \
            later counts. Partitions are judged through their parent.
            """,
        category: .design, defaultSeverity: .warning, scope: .schema, fix: .unsafeAddition,
        bad: [
            RuleExample("""
                CREATE TABLE walk (id bigint PRIMARY KEY, dog_id bigint NOT NULL, «deleted_at timestamptz»);
                CREATE INDEX walk_dog_id_idx ON walk (dog_id);
                CREATE INDEX walk_deleted_at_idx ON walk (deleted_at);
                """, note: "An index on the column itself is not restricted to live rows."),
        ],
        good: [
            RuleExample("""
                CREATE TABLE walk (id bigint PRIMARY KEY, dog_id bigint NOT NULL, deleted_at timestamptz);
                CREATE INDEX walk_dog_id_idx ON walk (dog_id) WHERE deleted_at IS NULL;
                """),
            RuleExample("""
                CREATE TABLE public.walk (id bigint NOT NULL, code text, deleted_at timestamp with time zone);
                CREATE UNIQUE INDEX index_walk_on_code ON public.walk USING btree (code) WHERE ((deleted_at IS NULL) AND (code IS NOT NULL));
                """, note: "pg_dump's spelling, with the predicate as one of two terms."),
        ])

    public let options: Options
    public init(options: Options) { self.options = options }

    public func check(schema: SchemaContext) {
        for table in schema.model.createdTables where !table.isPartition {
            let indexes = schema.model.indexes(on: table.name)
            for name in options.columns {
                guard let column = table.column(named: name) else { continue }
                let wanted = "\(name) is null"
                if indexes.contains(where: { index in index.predicate.map { Self.terms(of: $0).contains(wanted) } ?? false }) {
                    continue
                }
                let key = table.primaryKey?.columns ?? [table.columns.first { $0.name != name }?.name ?? name]
                let indexName = GeneratedName.make(table.name.name, (key + [name, "null"]).joined(separator: "_"), label: "idx")
                schema.report(at: column.anchor,
                    "Table \(table.name.quoted) soft-deletes with \(name) but no index is restricted to live rows",
                    help: "Add partial indexes for the queries on live rows: `… WHERE \(SQLText.ident(name)) IS NULL`.",
                    suggestion: "CREATE INDEX CONCURRENTLY \(SQLText.ident(indexName)) ON \(SQLText.name(table.name)) "
                        + "(\(SQLText.columns(key))) WHERE \(SQLText.ident(name)) IS NULL;",
                    object: table.name.object(column: name))
            }
        }
    }

    /// The AND-ed terms of a normalised predicate, parentheses dropped: `(a is null) and (b > 1)` → [a is null, b > 1].
    static func terms(of predicate: String) -> [String] {
        predicate.replacing("(", with: " ").replacing(")", with: " ")
            .replacing("\"", with: "")
            .pieces(separatedBy: " and ")
            .map { $0.split(separator: " ").joined(separator: " ") }
    }
}
