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
        guard let object = diagnostic.object,
              let category = RuleRegistry.category(of: diagnostic.rule),
              category == .design || category == .naming else { return false }
        // Found on bytes, without an array of parts: this runs once per finding, and splitting cost more than the
        // rule's check. The schema is what comes before the first dot, the table what comes before the next one.
        let dot = UInt8(ascii: ".")
        let utf8 = object.utf8
        guard let schemaEnd = utf8.firstIndex(of: dot) else { return false }
        let tableStart = utf8.index(after: schemaEnd)
        let tableEnd = utf8[tableStart...].firstIndex(of: dot) ?? utf8.endIndex
        return schemas.contains(String(decoding: utf8[..<schemaEnd], as: UTF8.self))
            || names.contains(String(decoding: utf8[tableStart..<tableEnd], as: UTF8.self))
    }
}
