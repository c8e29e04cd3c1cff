import FoundationEssentials
/// A link table not named after the two tables it links, in alphabetical order.
public struct JoinTableNameOrder: Rule {
    public static let metadata = RuleMetadata(
        id: "join-table-name-order",
        summary: "A table linking two tables that is not named after both, in alphabetical order (customer_tag).",
        rationale: """
            A table whose only purpose is to link two others is easiest to find under the names of both, in \
            a fixed order, so nobody wonders whether it is tag_customer or customer_tag (or creates both). \
            A link table here has exactly two foreign keys, to two different tables, that together form its \
            key (the primary key, or a unique constraint or index when the primary key is a lone `id`), and \
            besides those columns at most an `id` and timestamps. The expected name is the two referenced \
            table names, sorted, joined with `_`. Judged on the final schema, so a later rename counts.
            """,
        category: .design, defaultSeverity: .warning, enabledByDefault: false, scope: .schema, fix: .unsafeAddition,
        bad: [
            RuleExample("""
                CREATE TABLE customer (id bigint PRIMARY KEY);
                CREATE TABLE tag (id bigint PRIMARY KEY);
                «CREATE TABLE tag_customer» (
                  tag_id bigint REFERENCES tag (id) ON DELETE CASCADE,
                  customer_id bigint REFERENCES customer (id) ON DELETE CASCADE,
                  created_at timestamptz NOT NULL DEFAULT now(),
                  PRIMARY KEY (tag_id, customer_id)
                );
                """),
        ],
        good: [
            RuleExample("""
                CREATE TABLE customer_tag (
                  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                  tag_id bigint NOT NULL REFERENCES tag (id) ON DELETE CASCADE,
                  customer_id bigint NOT NULL REFERENCES customer (id) ON DELETE CASCADE,
                  CONSTRAINT customer_tag_key UNIQUE (customer_id, tag_id)
                );
                CREATE TABLE walk_assignment (
                  walk_id bigint REFERENCES walk (id) ON DELETE CASCADE,
                  walker_id bigint REFERENCES walker (id) ON DELETE CASCADE,
                  role text NOT NULL,
                  PRIMARY KEY (walk_id, walker_id)
                );
                """, note: "The second table carries data of its own: it is not only a link."),
        ])

    public init(options: NoOptions) {}

    public func check(schema: SchemaContext) {
        for table in schema.model.createdTables where !table.isPartition {
            let keys = table.constraints.filter { $0.kind == .foreignKey }
            guard keys.count == 2, let a = keys[0].foreignKey?.table, let b = keys[1].foreignKey?.table, a != b,
                  let anchor = table.created else { continue }
            let linkColumns = Set(keys.flatMap(\.columns))
            guard isKey(linkColumns, of: table, schema.model) else { continue }
            let others = table.columns.filter { !linkColumns.contains($0.name) }
            guard others.allSatisfy({ $0.name == "id" || Self.isTime($0.type) }) else { continue }
            let expected = [a.name, b.name].sorted().joined(separator: "_")
            guard table.name.name != expected else { continue }
            schema.report(at: anchor,
                "Table \(table.name.quoted) links \(a.quoted) and \(b.quoted) but is not named \"\(expected)\"",
                help: "Name a link table after both tables, in alphabetical order: \(expected).",
                suggestion: "ALTER TABLE \(SQLText.name(table.name)) RENAME TO \(SQLText.ident(expected));",
                object: table.name.object)
        }
    }

    /// Whether `columns` are the table's key: its primary key, or a unique constraint or index beside a lone `id` key.
    func isKey(_ columns: Set<String>, of table: Table, _ model: SchemaModel) -> Bool {
        if let key = table.primaryKey, Set(key.columns) == columns { return true }
        guard table.primaryKey?.columns ?? ["id"] == ["id"] else { return false }
        return table.constraints.contains { $0.kind == .unique && Set($0.columns) == columns }
            || model.indexes(on: table.name).contains { index in
                index.isUnique && index.predicate == nil
                    && Set(index.keys.compactMap { if case .column(let c) = $0 { c } else { nil } }) == columns
                    && index.keys.count == columns.count
            }
    }

    static func isTime(_ type: ColumnType) -> Bool { ["timestamp", "timestamptz", "date"].contains(type.name) }
}
