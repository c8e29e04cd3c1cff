import FoundationEssentials
/// A referential action that cannot work on the referencing columns.
public struct FkSetNullOnNotNullColumn: Rule {
    public static let metadata = RuleMetadata(
        id: "fk-set-null-on-not-null-column",
        summary: "ON DELETE/UPDATE SET NULL on a NOT NULL column, or SET DEFAULT on a column with no default.",
        rationale: """
            `ON DELETE SET NULL` sets the referencing columns to NULL when the referenced row goes away; if one \
            of them is NOT NULL (a primary-key column is), that update fails, and with it every delete of a \
            referenced row that still has referencing rows. The same holds for ON UPDATE SET NULL. \
            `SET DEFAULT` on a column without a default sets it to NULL as well: it fails on a NOT NULL column \
            and is misleading on any other. With a column list (`SET NULL (a)`, PostgreSQL 15) only the listed \
            columns are set. Judged on the final schema, so a later DROP NOT NULL or SET DEFAULT fixes it.
            """,
        category: .design, defaultSeverity: .error, scope: .schema, fix: .unsafeAddition,
        bad: [
            RuleExample("""
                CREATE TABLE dog (id bigint PRIMARY KEY);
                CREATE TABLE walk (id bigint PRIMARY KEY, dog_id bigint NOT NULL «REFERENCES dog (id) ON DELETE SET NULL»);
                """),
            RuleExample("""
                CREATE TABLE walker (id bigint PRIMARY KEY);
                CREATE TABLE walk (id bigint PRIMARY KEY, walker_id bigint);
                ALTER TABLE walk ADD «CONSTRAINT walk_walker_id_fkey FOREIGN KEY (walker_id) REFERENCES walker (id) ON DELETE SET DEFAULT»;
                """, note: "walker_id has no default, so SET DEFAULT sets it to NULL."),
        ],
        good: [
            RuleExample("""
                CREATE TABLE walk (
                  id bigint PRIMARY KEY,
                  dog_id bigint REFERENCES dog (id) ON DELETE SET NULL,
                  walker_id bigint NOT NULL DEFAULT 0 REFERENCES walker (id) ON DELETE SET DEFAULT
                );
                """),
            RuleExample("""
                CREATE TABLE walk (
                  tenant_id bigint NOT NULL,
                  dog_id bigint,
                  FOREIGN KEY (tenant_id, dog_id) REFERENCES dog (tenant_id, id) ON DELETE SET NULL (dog_id)
                );
                """, note: "Only dog_id is set to NULL."),
        ])

    public init(options: NoOptions) {}

    public func check(schema: SchemaContext) {
        for table in schema.model.createdTables where !table.isPartition {
            for constraint in table.constraints {
                guard let fk = constraint.foreignKey else { continue }
                for (event, action, listed) in [("delete", fk.onDelete, fk.deleteSetColumns), ("update", fk.onUpdate, [])] {
                    let affected = (listed.isEmpty ? constraint.columns : listed).compactMap { table.column(named: $0) }
                    switch action {
                    case .setNull:
                        let notNull = affected.filter(\.notNull)
                        guard !notNull.isEmpty else { continue }
                        let names = notNull.map(\.name)
                        let inKey = table.primaryKey.map { key in names.contains(where: key.columns.contains) } ?? false
                        let sql = SQLText.name(table.name)
                        schema.report(at: constraint.anchor,
                            "ON \(event.uppercased()) SET NULL on NOT NULL \(Self.columns(table, names)): every \(event) of a "
                                + "referenced \(fk.table.quoted) row with referencing rows will fail",
                            help: inKey
                                ? "A primary-key column cannot be NULL: use ON \(event.uppercased()) CASCADE or RESTRICT."
                                : "Allow NULL in \(names.joined(separator: ", ")), or use ON \(event.uppercased()) CASCADE or RESTRICT.",
                            suggestion: inKey ? nil
                                : "ALTER TABLE \(sql) " + names.map { "ALTER COLUMN \(SQLText.ident($0)) DROP NOT NULL" }
                                    .joined(separator: ", ") + ";",
                            object: table.name.object(column: names[0]))
                    case .setDefault:
                        let bare = affected.filter { $0.defaultExpression == nil && $0.serialDefaultSequence == nil && !$0.isIdentity }
                        guard !bare.isEmpty else { continue }
                        let names = bare.map(\.name)
                        schema.report(at: constraint.anchor,
                            "ON \(event.uppercased()) SET DEFAULT on \(Self.columns(table, names)), which "
                                + "\(names.count == 1 ? "has" : "have") no default: it sets NULL",
                            help: "Give \(names.joined(separator: ", ")) a DEFAULT, or use SET NULL, CASCADE or RESTRICT.",
                            object: table.name.object(column: names[0]))
                    default: continue
                    }
                }
            }
        }
    }

    static func columns(_ table: Table, _ names: [String]) -> String {
        (names.count == 1 ? "column " : "columns ") + names.map { table.name.column($0) }.joined(separator: ", ")
    }
}
