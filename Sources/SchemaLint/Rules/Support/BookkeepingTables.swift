/// The tables migration tools keep to record what they ran. Their shape is the tool's, not the project's, so
/// design and naming rules leave them alone (safety rules still apply: locking one blocks every deploy).
public enum BookkeepingTables {
    /// Table names, in any schema (goose is often run with `-table maker.goose_db_version`).
    public static let names: Set<String> = [
        "alembic_version", "schema_migrations", "goose_db_version", "flyway_schema_history", "schema_version",
        "__diesel_schema_migrations", "_sqlx_migrations", "_prisma_migrations", "django_migrations",
        "ar_internal_metadata", "knex_migrations", "knex_migrations_lock", "refinery_schema_history",
        "gorp_migrations", "db_migrations", "migrations_lock", "databasechangelog", "databasechangeloglock",
    ]
    /// Schemas that hold nothing but a tool's bookkeeping (sqitch's registry).
    public static let schemas: Set<String> = ["sqitch"]

    /// Whether a finding is a design or naming finding about a bookkeeping table (or one of its columns).
    static func exempts(_ diagnostic: Diagnostic) -> Bool {
        // The names first, on bytes: this runs once per finding, and almost no finding is about such a table, so
        // the rule's category (a lookup by id) is asked only for those that are.
        guard let object = diagnostic.object, names(object) else { return false }
        guard let category = RuleRegistry.category(of: diagnostic.rule) else { return false }
        return category == .design || category == .naming
    }

    /// Whether `schema.table[.column]` names a bookkeeping schema or table: the schema is what comes before the
    /// first dot, the table what comes before the next one.
    private static func names(_ object: String) -> Bool {
        object.utf8.withContiguousStorageIfAvailable(names) ?? Array(object.utf8).withUnsafeBufferPointer(names)
    }

    private static func names(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let dot = UInt8(ascii: ".")
        guard let schemaEnd = bytes.firstIndex(of: dot) else { return false }
        let tableStart = schemaEnd + 1
        let tableEnd = bytes[tableStart...].firstIndex(of: dot) ?? bytes.count
        return spelled(bytes[..<schemaEnd], among: schemaBytes) || spelled(bytes[tableStart..<tableEnd], among: nameBytes)
    }

    /// The names' bytes by length: most lengths have none, the rest one or two.
    private static let nameBytes = byLength(names)
    private static let schemaBytes = byLength(schemas)

    private static func byLength(_ words: Set<String>) -> [[[UInt8]]] {
        var table = [[[UInt8]]](repeating: [], count: (words.map(\.utf8.count).max() ?? 0) + 1)
        for word in words { table[word.utf8.count].append(Array(word.utf8)) }
        return table
    }

    private static func spelled(_ part: Slice<UnsafeBufferPointer<UInt8>>, among table: [[[UInt8]]]) -> Bool {
        guard part.count < table.count else { return false }
        return table[part.count].contains { $0.elementsEqual(part) }
    }
}
