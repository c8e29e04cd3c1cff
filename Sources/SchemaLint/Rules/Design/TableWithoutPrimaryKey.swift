import FoundationEssentials
/// A table with no primary key.
public struct TableWithoutPrimaryKey: Rule {
    public static let metadata = RuleMetadata(
        id: "table-without-primary-key",
        summary: "A table with no primary key in the final schema.",
        rationale: """
            Without a primary key nothing identifies a row: duplicates creep in, an UPDATE or DELETE of one \
            row needs a full-row match, logical replication cannot replicate updates and deletes (it needs a \
            replica identity), and ORMs and foreign keys have nothing to point at. A unique index is not a \
            primary key. Judged on the final schema, so a key added later by `ALTER TABLE … ADD CONSTRAINT … \
            PRIMARY KEY` (pg_dump's form) counts. Partitions (`PARTITION OF`, or pg_dump's CREATE TABLE \
            followed by `ATTACH PARTITION`) share their parent's key and temporary tables are scratch space: \
            neither is flagged. Only tables the run creates are judged.
            """,
        category: .design, defaultSeverity: .error, scope: .schema, fix: .unsafeAddition,
        bad: [
            RuleExample("«CREATE TABLE walk_log» (walk_id bigint NOT NULL, note text);"),
            RuleExample("""
                «CREATE TABLE walk» (id bigint NOT NULL, note text);
                CREATE UNIQUE INDEX walk_id_key ON walk (id);
                """, note: "A unique index is not a primary key."),
        ],
        good: [
            RuleExample("CREATE TABLE walk (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, note text);"),
            RuleExample("""
                CREATE TABLE public.walk (id bigint NOT NULL, note text);
                ALTER TABLE ONLY public.walk ADD CONSTRAINT walk_pkey PRIMARY KEY (id);
                """, note: "pg_dump adds the key after the table."),
            RuleExample("""
                CREATE TABLE event (id bigint, at timestamptz, PRIMARY KEY (id, at)) PARTITION BY RANGE (at);
                CREATE TABLE event_2024 PARTITION OF event FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
                CREATE TABLE event_default (id bigint NOT NULL, at timestamptz NOT NULL);
                ALTER TABLE ONLY event ATTACH PARTITION event_default DEFAULT;
                CREATE TEMPORARY TABLE scratch (n int);
                """, note: "Partitions (also pg_dump's CREATE TABLE + ATTACH PARTITION) and temporary tables are not judged."),
        ])

    public init(options: NoOptions) {}

    public func check(schema: SchemaContext) {
        for table in schema.model.createdTables where !table.isPartition && !table.isTemporary {
            guard table.primaryKey == nil, let anchor = table.created else { continue }
            let sql = SQLText.name(table.name)
            let suggestion: String
            let help: String
            if let id = table.column(named: "id") {
                suggestion = "ALTER TABLE \(sql) ADD PRIMARY KEY (\(SQLText.ident(id.name)));"
                help = "Make \(table.name.column("id")) the primary key (it must be unique and not null), or add a key column."
            } else {
                suggestion = "ALTER TABLE \(sql) ADD COLUMN id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY;"
                help = "Add a primary key: a natural key of NOT NULL columns, or an identity column."
            }
            schema.report(at: anchor, "Table \(table.name.quoted) has no primary key", help: help,
                          suggestion: suggestion, object: table.name.object)
        }
    }
}
