import FoundationEssentials

/// A foreign key with no index on its columns.
public struct FkWithoutIndex: Rule {
    public static let metadata = RuleMetadata(
        id: "fk-without-index",
        summary: "A foreign key whose columns no index covers.",
        rationale: """
            PostgreSQL indexes the referenced side of a foreign key, never the referencing side. Without an \
            index there, every DELETE or key UPDATE on the referenced table scans the referencing table \
            (under a lock), and joins along the key are slow. A key is covered when the primary key, a \
            unique constraint or a plain b-tree index (no expressions) has the key's columns, in any order, \
            as its leading columns. A partial index counts only when its predicate is `col IS NOT NULL` for \
            key columns: the foreign-key check looks rows up by `col = $1`, which implies that predicate, so \
            PostgreSQL uses such an index; any other predicate leaves rows unindexed. Indexes created later \
            in the file, or in a later file of the run, count; an index on a same-named column of another \
            table does not. Foreign keys declared on a partition are checked too, and an index or key on its \
            partitioned parent covers them (PostgreSQL builds it on every partition).
            """,
        category: .design, defaultSeverity: .warning, scope: .schema, fix: .unsafeAddition,
        bad: [
            RuleExample("""
                CREATE TABLE client (id bigint PRIMARY KEY);
                CREATE TABLE dog (
                  id bigint PRIMARY KEY,
                  client_id bigint «REFERENCES client (id) ON DELETE CASCADE»
                );
                """),
            RuleExample("""
                CREATE TABLE walk (dog_id bigint, walker_id bigint, starts_at timestamptz);
                ALTER TABLE walk ADD «CONSTRAINT walk_dog_fkey FOREIGN KEY (dog_id) REFERENCES dog (id) ON DELETE CASCADE»;
                CREATE INDEX walk_dog_partial_idx ON walk (dog_id) WHERE starts_at > '2024-01-01';
                CREATE INDEX walker_dog_idx ON walk (walker_id, dog_id);
                """, before: "CREATE TABLE dog (id bigint PRIMARY KEY);",
                note: "A partial index, or one where the key is not the leading column, does not cover it."),
            RuleExample("""
                CREATE TABLE walk (id bigint, dog_id bigint, starts_at timestamptz NOT NULL) PARTITION BY RANGE (starts_at);
                CREATE TABLE walk_2024 PARTITION OF walk FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
                ALTER TABLE walk_2024 ADD «CONSTRAINT walk_2024_dog_fkey FOREIGN KEY (dog_id) REFERENCES dog (id) ON DELETE CASCADE»;
                """, before: "CREATE TABLE dog (id bigint PRIMARY KEY);", note: "A foreign key declared on a partition."),
        ],
        good: [
            RuleExample("""
                CREATE TABLE dog (
                  id bigint PRIMARY KEY,
                  client_id bigint REFERENCES client (id) ON DELETE CASCADE
                );
                CREATE INDEX dog_client_id_idx ON dog (client_id);
                """),
            RuleExample("""
                CREATE TABLE walk_dog (
                  walk_id bigint REFERENCES walk (id) ON DELETE CASCADE,
                  dog_id bigint REFERENCES dog (id) ON DELETE CASCADE,
                  PRIMARY KEY (dog_id, walk_id)
                );
                CREATE INDEX walk_dog_walk_id_idx ON walk_dog (walk_id);
                """, note: "The primary key's leading column covers dog_id."),
            RuleExample("""
                CREATE TABLE notification (id bigint PRIMARY KEY, post_id bigint REFERENCES post (id) ON DELETE CASCADE);
                CREATE INDEX notification_post_idx ON notification (post_id) WHERE post_id IS NOT NULL;
                """, note: "A partial index on `post_id IS NOT NULL` serves the key's lookups."),
            RuleExample("CREATE INDEX dog_client_id_idx ON dog (client_id);",
                        before: "CREATE TABLE dog (id bigint PRIMARY KEY, client_id bigint REFERENCES client (id) ON DELETE CASCADE);",
                        note: "An index in a later file of the run counts."),
            RuleExample("""
                CREATE TABLE walk (id bigint, dog_id bigint, starts_at timestamptz NOT NULL) PARTITION BY RANGE (starts_at);
                CREATE INDEX walk_dog_id_idx ON walk (dog_id);
                CREATE TABLE walk_2024 PARTITION OF walk FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
                ALTER TABLE walk_2024 ADD CONSTRAINT walk_2024_dog_fkey FOREIGN KEY (dog_id) REFERENCES dog (id) ON DELETE CASCADE;
                """, before: "CREATE TABLE dog (id bigint PRIMARY KEY);",
                note: "An index on the partitioned parent is built on each partition, so it covers a partition's key."),
        ])

    public init(options: NoOptions) {}

    public func check(schema: SchemaContext) {
        // Partitions too: a foreign key declared on a partition is its own (one declared on the parent is judged there).
        for table in schema.model.createdTables {
            let coveringTables = Self.tableAndParents(table, schema.model)
            let indexes = coveringTables.flatMap { schema.model.indexes(on: $0.name) }
            let keys = coveringTables.flatMap(\.constraints).filter { $0.kind == .primaryKey || $0.kind == .unique }
            for fk in table.constraints where fk.kind == .foreignKey && !fk.columns.isEmpty {
                let wanted = Set(fk.columns)
                let covered = keys.contains { leads($0.columns, wanted) }
                    || indexes.contains { index in
                        servesLookups(index, on: wanted)
                            && leads(index.keys.compactMap { if case .column(let c) = $0 { c } else { nil } }, wanted)
                    }
                if covered { continue }
                let columns = fk.columns.joined(separator: ", ")
                schema.report(at: fk.anchor,
                    "Foreign key \"\(fk.effectiveName(on: table.name))\" on \(table.name.quoted) (\(columns)) has no index",
                    help: "Create an index on \(table.name.description) (\(columns)): without it, deletes on "
                        + "\(fk.foreignKey.map { $0.table.quoted } ?? "the referenced table") scan \(table.name.quoted).",
                    // PostgreSQL cannot build an index on a partitioned table concurrently.
                    suggestion: "CREATE INDEX \(table.isPartitioned ? "" : "CONCURRENTLY ")"
                        + "\(SQLText.ident(Self.indexName(for: fk.columns, on: table.name, schema.model))) "
                        + "ON \(SQLText.name(table.name)) (\(SQLText.columns(fk.columns)));",
                    object: fk.columns.count == 1 ? table.name.object(column: fk.columns[0]) : table.name.object)
            }
        }
    }

    /// The table and the partitioned tables above it: their indexes and keys (PostgreSQL builds one on each
    /// partition) cover a partition's foreign keys.
    static func tableAndParents(_ table: Table, _ model: SchemaModel) -> [Table] {
        var chain = [table]
        while let parent = chain.last?.partitionParent.flatMap(model.table), !chain.contains(where: { $0 === parent }) {
            chain.append(parent)
        }
        return chain
    }

    /// `dog_client_id_idx` as PostgreSQL would name it, numbered (`idx1`) when an index of that name exists.
    static func indexName(for columns: [String], on table: QualifiedName, _ model: SchemaModel) -> String {
        var name = GeneratedName.make(table.name, columns.joined(separator: "_"), label: "idx")
        var n = 1
        while model.index(named: QualifiedName(schema: table.schema, name: name)) != nil || name == table.name {
            name = GeneratedName.make(table.name, columns.joined(separator: "_"), label: "idx\(n)")
            n += 1
        }
        return name
    }

    /// A b-tree over plain columns, full or restricted only to non-null key columns.
    private func servesLookups(_ index: Index, on key: Set<String>) -> Bool {
        guard index.method == "btree", index.keys.allSatisfy({ if case .column = $0 { true } else { false } }) else {
            return false
        }
        guard let predicate = index.predicate else { return true }
        let terms = predicate.pieces(separatedBy: " and ")
        return terms.allSatisfy { term in
            guard term.hasSuffix(" is not null") else { return false }
            return key.contains(String(term.dropLast(" is not null".count)).trimming(.these(["(", ")", " "])))
        }
    }

    /// Whether the first `wanted.count` key columns are exactly the wanted set.
    private func leads(_ key: [String], _ wanted: Set<String>) -> Bool {
        key.count >= wanted.count && Set(key.prefix(wanted.count)) == wanted
    }
}
