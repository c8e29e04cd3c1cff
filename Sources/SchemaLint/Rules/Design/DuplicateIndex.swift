import FoundationEssentials
/// An index another index (or a key constraint) already provides.
public struct DuplicateIndex: Rule {
    public static let metadata = RuleMetadata(
        id: "duplicate-index",
        summary: "An index equal to another index or key constraint, or a leading prefix of another b-tree index.",
        rationale: """
            Every index is written on every insert and most updates, takes memory and vacuum time, and a \
            redundant one buys nothing: the planner can use the other for every query it would serve. An \
            index is redundant when its key (columns or expressions, with their order, operator class and \
            collation), method and predicate equal another index's, a primary key's or a unique \
            constraint's; or when its key is a leading prefix of another plain b-tree index's key (b-tree \
            lookups on the leading columns use the longer index). An index with INCLUDE columns is covered only by \
            one that stores them too. Only an index that is neither unique (it \
            enforces something) nor partial is reported; of two equal indexes the later one is. The finding \
            names the index that covers it. Judged on the final schema.
            """,
        category: .design, defaultSeverity: .warning, scope: .schema, fix: .unsafeAddition,
        bad: [
            RuleExample("""
                CREATE TABLE walk (id bigint PRIMARY KEY, dog_id bigint NOT NULL, starts_at timestamptz NOT NULL);
                CREATE INDEX walk_dog_starts_idx ON walk (dog_id, starts_at);
                «CREATE INDEX walk_dog_idx ON walk (dog_id)»;
                «CREATE INDEX walk_id_idx ON walk USING btree (id)»;
                """, note: "A prefix of another index, and a copy of the primary key's index."),
            RuleExample("""
                CREATE TABLE dog (id bigint PRIMARY KEY, name text NOT NULL);
                CREATE INDEX dog_lower_name_idx ON dog (lower(name));
                «CREATE INDEX dog_name_lower_idx ON dog ((lower(name)))»;
                """, note: "The later of two equal indexes."),
            RuleExample("""
                CREATE TABLE walk (id bigint PRIMARY KEY, dog bigint NOT NULL);
                CREATE INDEX walk_dog_idx ON walk (dog DESC);
                ALTER TABLE walk RENAME COLUMN dog TO dog_id;
                «CREATE INDEX walk_dog_id_idx ON walk (dog_id DESC)»;
                """, note: "An index keeps its column through a rename: it covers the column under its new name."),
        ],
        good: [
            RuleExample("""
                CREATE TABLE walk (id bigint PRIMARY KEY, dog_id bigint NOT NULL, starts_at timestamptz NOT NULL,
                                   deleted_at timestamptz, notes text);
                CREATE INDEX walk_dog_starts_idx ON walk (dog_id, starts_at);
                CREATE INDEX walk_starts_idx ON walk (starts_at);
                CREATE INDEX walk_dog_desc_idx ON walk (dog_id DESC, id);
                CREATE INDEX walk_live_dog_idx ON walk (dog_id) WHERE deleted_at IS NULL;
                CREATE UNIQUE INDEX walk_dog_unique_idx ON walk (dog_id, id);
                CREATE INDEX walk_notes_idx ON walk USING gin (to_tsvector('english', notes));
                CREATE INDEX walk_id_starts_idx ON walk (id) INCLUDE (starts_at);
                """, note: "Different leading columns or order, partial, unique, another method, INCLUDE columns."),
            RuleExample("""
                CREATE TABLE walk (id bigint PRIMARY KEY, dog_id bigint NOT NULL, owner_id bigint NOT NULL);
                CREATE INDEX walk_dog_idx ON walk (dog_id);
                ALTER TABLE walk RENAME COLUMN dog_id TO old_dog_id;
                ALTER TABLE walk RENAME COLUMN owner_id TO dog_id;
                CREATE INDEX walk_dog_id_idx ON walk (dog_id);
                """, note: "After the renames the first index covers old_dog_id, not the new dog_id."),
        ])

    public init(options: NoOptions) {}

    /// An index or a key constraint's index, as the comparison sees it.
    struct Key {
        var name: String
        var keys: [String]
        var method: String
        var predicate: String?
        var isUnique: Bool
        var isConstraint: Bool
        var isPlainBTree: Bool
        var order: Int
        var included: [String] = []

        /// Every column it can return without visiting the table: key columns and INCLUDE columns.
        var stored: Set<String> { Set(keys + included) }
    }

    public func check(schema: SchemaContext) {
        for table in schema.model.createdTables where !table.isPartition {
            let indexes = schema.model.indexes(on: table.name)
            var candidates: [Key] = table.constraints.enumerated().compactMap { i, constraint in
                guard constraint.kind == .primaryKey || constraint.kind == .unique, constraint.usingIndex == nil,
                      !constraint.columns.isEmpty else { return nil }
                return Key(name: constraint.effectiveName(on: table.name), keys: constraint.columns, method: "btree",
                           predicate: nil, isUnique: true, isConstraint: true, isPlainBTree: true, order: -1000 + i)
            }
            candidates += indexes.enumerated().map { i, index in
                let keys = index.keyTexts.count == index.keys.count ? index.keyTexts
                    : index.keys.map { if case .column(let c) = $0 { c } else if case .expression(let e) = $0 { e } else { "" } }
                return Key(name: index.name, keys: keys, method: index.method, predicate: index.predicate,
                           isUnique: index.isUnique, isConstraint: false, isPlainBTree: index.isPlainBTree, order: i,
                           included: index.includedColumns)
            }
            for (i, index) in indexes.enumerated() where !index.isUnique && index.predicate == nil {
                guard let me = candidates.first(where: { !$0.isConstraint && $0.order == i }) else { continue }
                // A cover must also hold the INCLUDE columns, or it cannot answer the same index-only scans. Lazy, and
                // the set made once: this runs for every pair of indexes on a table.
                let included = Set(me.included)
                let others = candidates.lazy.filter {
                    ($0.isConstraint || $0.order != i) && (included.isEmpty || included.isSubset(of: $0.stored))
                }
                let equal = others.first { other in
                    other.keys == me.keys && other.method == me.method && other.predicate == me.predicate
                        && (other.isUnique || other.order < me.order)
                }
                let longer = others.first { other in
                    me.method == "btree" && other.isPlainBTree && other.keys.count > me.keys.count
                        && Array(other.keys.prefix(me.keys.count)) == me.keys
                }
                guard let cover = equal ?? longer else { continue }
                let what = cover.isConstraint ? "the \(cover.name) constraint's index" : "index \"\(cover.name)\""
                let relation = equal != nil ? "duplicates" : "is a leading prefix of"
                let indexName = QualifiedName(schema: table.name.schema, name: index.name)
                schema.report(at: index.anchor,
                    "Index \"\(index.name)\" on \(table.name.quoted) (\(me.keys.joined(separator: ", "))) \(relation) \(what)",
                    help: "Drop \"\(index.name)\": \(cover.isConstraint ? "the constraint's index" : "\"\(cover.name)\"") "
                        + "serves every query it would.",
                    suggestion: "DROP INDEX CONCURRENTLY \(SQLText.name(indexName));",
                    object: table.name.object)
            }
        }
    }
}
