/// A one-column primary key of a 4- or 2-byte integer type: it runs out.
public struct IntegerPrimaryKey: Rule {
    public static let metadata = RuleMetadata(
        id: "integer-primary-key",
        summary: "A primary key column of type integer or smallint (serial, smallserial) rather than bigint.",
        rationale: """
            An integer key stops at 2,147,483,647 and a smallint one at 32,767: the next insert fails with \
            "integer out of range" (or "nextval: reached maximum value of sequence"). Busy tables get there, and \
            sequences skip values on every rolled-back insert. Widening later is ALTER COLUMN … TYPE bigint: a \
            rewrite of the table and of every index on it under an ACCESS EXCLUSIVE lock, and of every table whose \
            foreign keys reference it. bigint costs four bytes more per row and never runs out. Judged on the \
            final model: a later ALTER COLUMN … TYPE bigint in the run withdraws the finding. Only one-column keys \
            are judged (a composite key's columns take the types of what they reference).
            """,
        category: .design, defaultSeverity: .warning, scope: .schema, fix: .unsafeAddition,
        bad: [
            RuleExample("CREATE TABLE walk («id integer PRIMARY KEY», starts_at timestamptz NOT NULL);"),
            RuleExample("CREATE TABLE dog («id serial PRIMARY KEY», name text NOT NULL);"),
            RuleExample("""
                CREATE TABLE walk_kind («id smallint GENERATED ALWAYS AS IDENTITY», name text NOT NULL);
                ALTER TABLE walk_kind ADD CONSTRAINT walk_kind_pkey PRIMARY KEY (id);
                """),
        ],
        good: [
            RuleExample("CREATE TABLE walk (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, starts_at timestamptz NOT NULL);"),
            RuleExample("""
                CREATE TABLE walk (id integer PRIMARY KEY);
                ALTER TABLE walk ALTER COLUMN id TYPE bigint;
                """, note: "Widened later in the run."),
            RuleExample("CREATE TABLE walk_dog (walk_id integer, dog_id integer, PRIMARY KEY (walk_id, dog_id));",
                        note: "A composite key: its columns follow what they reference (fk-type-mismatch judges that)."),
        ])

    public init(options: NoOptions) {}

    public func check(schema: SchemaContext) {
        for table in schema.model.createdTables where !table.isPartition && !table.isTemporary {
            guard let key = table.primaryKey, key.columns.count == 1, let column = table.column(named: key.columns[0]),
                  !column.type.isArray, let limit = Self.limits[column.type.name] else { continue }
            let sql = SQLText.name(table.name)
            var suggestion = "ALTER TABLE \(sql) ALTER COLUMN \(SQLText.ident(column.name)) TYPE bigint;"
            // serial's sequence is `AS integer`: widening the column alone leaves the sequence's maximum where it was.
            if let sequence = column.serialDefaultSequence ?? column.ownedSequence, !column.isIdentity {
                suggestion += "\nALTER SEQUENCE \(SQLText.name(sequence)) AS bigint;"
            }
            schema.report(at: column.anchor,
                "Primary key \(table.name.column(column.name)) is \(column.type): its values stop at \(limit)",
                help: "Make it bigint (bigint GENERATED ALWAYS AS IDENTITY for a new table): it costs four bytes a row "
                    + "and never runs out. Widening a busy table later rewrites it and the tables that reference it.",
                suggestion: suggestion, object: table.name.object(column: column.name))
        }
    }

    /// The largest value of each narrow integer type a key may have.
    static let limits = ["int4": "2,147,483,647", "serial": "2,147,483,647", "int2": "32,767", "smallserial": "32,767"]
}
