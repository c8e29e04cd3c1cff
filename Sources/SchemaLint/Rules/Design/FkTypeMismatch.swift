import FoundationEssentials
/// A foreign-key column whose type is not the referenced column's.
public struct FkTypeMismatch: Rule {
    public static let metadata = RuleMetadata(
        id: "fk-type-mismatch",
        summary: "A foreign-key column whose type differs from the referenced column's.",
        rationale: """
            PostgreSQL accepts a foreign key between different but comparable types, and the difference \
            bites later: an integer column referencing a bigint key overflows once the referenced side passes \
            2^31, and comparisons across types can need casts that keep an index from being used. Types are \
            compared after resolving aliases (int = int4 = integer, bigint = int8, serial = integer, bigserial \
            = bigint, a domain = its base type); numeric precision and scale count, lengths of varchar and char \
            do not. The referenced columns are the ones the key names, or the referenced table's primary key. \
            Judged on the final schema, so a later ALTER COLUMN … TYPE fixes it; keys to tables the run does \
            not know are skipped.
            """,
        category: .design, defaultSeverity: .error, scope: .schema, fix: .unsafeAddition,
        bad: [
            RuleExample("""
                CREATE TABLE client (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY);
                CREATE TABLE dog (id bigint PRIMARY KEY, client_id integer NOT NULL «REFERENCES client ON DELETE CASCADE»);
                """),
            RuleExample("""
                CREATE TABLE breed (code varchar(10) PRIMARY KEY, id bigserial UNIQUE);
                CREATE TABLE dog (id bigint PRIMARY KEY, breed_code text, breed_id int);
                ALTER TABLE dog ADD «CONSTRAINT dog_breed_code_fkey FOREIGN KEY (breed_code) REFERENCES breed (code) ON DELETE SET NULL»;
                ALTER TABLE dog ADD «CONSTRAINT dog_breed_id_fkey FOREIGN KEY (breed_id) REFERENCES breed (id) ON DELETE SET NULL»;
                """, note: "text is not varchar, and bigserial is bigint."),
        ],
        good: [
            RuleExample("""
                CREATE TABLE client (id serial PRIMARY KEY);
                CREATE TABLE dog (id bigint PRIMARY KEY, client_id int4 REFERENCES client (id) ON DELETE CASCADE);
                """),
            RuleExample("""
                CREATE TABLE client (id bigint PRIMARY KEY);
                CREATE TABLE dog (id bigint PRIMARY KEY, client_id integer REFERENCES client ON DELETE CASCADE);
                ALTER TABLE dog ALTER COLUMN client_id TYPE bigint;
                """, note: "Fixed later in the run."),
        ])

    public init(options: NoOptions) {}

    public func check(schema: SchemaContext) {
        let model = schema.model
        for table in model.createdTables where !table.isPartition {
            for constraint in table.constraints {
                guard let fk = constraint.foreignKey, let referenced = model.table(fk.table) else { continue }
                let targetColumns = fk.columns.isEmpty ? referenced.primaryKey?.columns ?? [] : fk.columns
                guard targetColumns.count == constraint.columns.count else { continue }
                for (name, targetName) in zip(constraint.columns, targetColumns) {
                    guard let column = table.column(named: name), let target = referenced.column(named: targetName) else { continue }
                    let (have, want) = (Self.comparable(column.type, model), Self.comparable(target.type, model))
                    guard have != want else { continue }
                    let wanted = Self.storage(target.type, model)
                    schema.report(at: constraint.anchor,
                        "Foreign key column \(table.name.column(name)) is \(Self.storage(column.type, model)) but "
                            + "\(fk.table.column(targetName)) is \(wanted)",
                        help: "Give \(table.name.column(name)) the referenced column's type, \(wanted).",
                        suggestion: "ALTER TABLE \(SQLText.name(table.name)) ALTER COLUMN \(SQLText.ident(name)) TYPE \(wanted);",
                        object: table.name.object(column: name))
                }
            }
        }
    }

    /// The type as stored: serial types as integers, domains as their base type.
    static func storage(_ type: ColumnType, _ model: SchemaModel) -> ColumnType {
        var type = type.storageType
        var seen = 0
        while seen < 10, let domain = model.domains[QualifiedName(schema: type.schema ?? "public", name: type.name)] {
            let isArray = type.isArray
            type = domain.baseType.storageType
            type.isArray = type.isArray || isArray
            seen += 1
        }
        return type
    }

    /// What must match: the stored type, with lengths of character types dropped.
    static func comparable(_ type: ColumnType, _ model: SchemaModel) -> ColumnType {
        var type = storage(type, model)
        if type.name != "numeric" { type.modifiers = [] }
        return type
    }
}
