/// PostgreSQL's table lock modes, weakest first.
public enum LockMode: Int, Sendable, Comparable, CustomStringConvertible {
    case accessShare, rowShare, rowExclusive, shareUpdateExclusive, share, shareRowExclusive, exclusive, accessExclusive

    public static func < (a: LockMode, b: LockMode) -> Bool { a.rawValue < b.rawValue }

    public var description: String {
        switch self {
        case .accessShare: "ACCESS SHARE"
        case .rowShare: "ROW SHARE"
        case .rowExclusive: "ROW EXCLUSIVE"
        case .shareUpdateExclusive: "SHARE UPDATE EXCLUSIVE"
        case .share: "SHARE"
        case .shareRowExclusive: "SHARE ROW EXCLUSIVE"
        case .exclusive: "EXCLUSIVE"
        case .accessExclusive: "ACCESS EXCLUSIVE"
        }
    }

    /// What the lock blocks, in words for messages.
    public var blocks: String {
        switch self {
        case .accessExclusive: "all reads and writes"
        case .exclusive: "all writes and most reads except plain SELECT"
        case .share, .shareRowExclusive: "all writes (INSERT, UPDATE, DELETE)"
        case .shareUpdateExclusive: "other schema changes and VACUUM, but not reads or writes"
        default: "little"
        }
    }
}

/// A lock a statement takes on a table, and whether the table is new in the current file.
public struct TableLock: Sendable {
    public var table: QualifiedName
    public var mode: LockMode
    public var isNewInFile: Bool
    /// Set when the table is unknown and the lock is known only through this index (DROP INDEX or REINDEX
    /// of an index the run never saw); `table` then holds the index's name.
    public var viaIndex: QualifiedName? = nil

    /// How messages name what is locked: `"walk"`, or `the table of index "walk_idx"`.
    public var target: String { viaIndex.map { "the table of index \($0.quoted)" } ?? table.quoted }
}

/// The table locks a statement takes, from its tree and what it changed: shared by every rule about locks
/// (missing lock_timeout, statements after an exclusive lock) so they agree.
public enum LockAnalysis {
    /// Call before the statement is applied to the model: newness and index owners are read from it.
    public static func locks(of statement: Statement, model: SchemaModel) -> [TableLock] {
        func lock(_ name: QualifiedName, _ mode: LockMode) -> TableLock {
            TableLock(table: name, mode: mode, isNewInFile: model.introduced(name)?.file === statement.file)
        }
        /// A lock on the table of an index, by the index's name.
        func lock(index name: QualifiedName, _ mode: LockMode) -> TableLock {
            if let index = model.index(named: name) { return lock(index.table, mode) }
            return TableLock(table: name, mode: mode, isNewInFile: false, viaIndex: name)
        }
        switch statement.syntax {
        case .alterTable(let alter) where alter.objectKind == .table:
            let name = QualifiedName(alter.relation)
            var mode = LockMode.shareUpdateExclusive
            var extra: [TableLock] = []
            let table = model.table(name)
            for action in alter.actions {
                mode = max(mode, alterTableLock(action))
                // Dropping a foreign key, named or with its column, drops its triggers on the referenced table, which
                // takes ACCESS EXCLUSIVE there too (traced on PostgreSQL 15).
                for referenced in droppedForeignKeys(of: action, on: table) { extra.append(lock(referenced, .accessExclusive)) }
                switch action.definition {
                // A new foreign key also locks the referenced table (SHARE ROW EXCLUSIVE).
                case .constraint(let con)? where con.kind == .foreignKey:
                    if let referenced = con.referencedTable { extra.append(lock(QualifiedName(referenced), .shareRowExclusive)) }
                // So does ADD COLUMN … REFERENCES.
                case .column(let def)?:
                    for con in def.constraints where con.kind == .foreignKey {
                        if let referenced = con.referencedTable { extra.append(lock(QualifiedName(referenced), .shareRowExclusive)) }
                    }
                default: break
                }
            }
            return [lock(name, mode)] + extra
        case .createIndex(let index):
            return [lock(QualifiedName(index.relation), index.concurrently ? .shareUpdateExclusive : .share)]
        case .drop(let drop):
            return drop.objects.flatMap { parts -> [TableLock] in
                // DROP TRIGGER / RULE / POLICY name ON table: the parts are `[schema,] table, name`.
                if [.trigger, .rule, .policy].contains(drop.kind) {
                    guard parts.count >= 2 else { return [] }
                    return QualifiedName(parts: Array(parts.dropLast())).map { [lock($0, .accessExclusive)] } ?? []
                }
                guard let name = QualifiedName(parts: parts) else { return [] }
                switch drop.kind {
                // Its foreign keys' triggers on the tables they reference go with it: ACCESS EXCLUSIVE there too.
                case .table:
                    let referenced = model.table(name)?.constraints.compactMap { $0.kind == .foreignKey ? $0.foreignKey?.table : nil } ?? []
                    return [lock(name, .accessExclusive)] + referenced.filter { $0 != name }.map { lock($0, .accessExclusive) }
                case .index:
                    return [lock(index: name, drop.concurrently ? .shareUpdateExclusive : .accessExclusive)]
                // Queries on a view lock it too: dropping one waits for them, and blocks new ones meanwhile.
                case .view, .materializedView: return [lock(name, .accessExclusive)]
                default: return []
                }
            }
        case .rename(let rename) where rename.kind == .table || rename.kind == .column:
            return rename.relation.map { [lock(QualifiedName($0), .accessExclusive)] } ?? []
        case .truncate(let truncate):
            return truncate.relations.map { lock(QualifiedName($0), .accessExclusive) }
        case .cluster(let relation?):
            return [lock(QualifiedName(relation), .accessExclusive)]
        case .vacuum(let vacuum) where vacuum.full:
            return vacuum.relations.map { lock(QualifiedName($0), .accessExclusive) }
        case .reindex(let reindex):
            guard let relation = reindex.relation else { return [] }
            let mode: LockMode = reindex.concurrently ? .shareUpdateExclusive : .share
            if reindex.kind == .index { return [lock(index: QualifiedName(relation), mode)] }
            return [lock(QualifiedName(relation), mode)]
        case .refreshMaterializedView(let relation, let concurrently, _):
            return [lock(QualifiedName(relation), concurrently ? .exclusive : .accessExclusive)]
        case .createTable(let create):
            // A foreign key of a new table adds triggers to the referenced table: SHARE ROW EXCLUSIVE there.
            let constraints = create.elements.flatMap { element -> [ConstraintDefinition] in
                switch element {
                case .column(let def): def.constraints
                case .constraint(let con): [con]
                case .like: []
                }
            }
            var seen = Set<QualifiedName>()
            return constraints.compactMap { con -> TableLock? in
                guard con.kind == .foreignKey, let pktable = con.referencedTable else { return nil }
                let referenced = QualifiedName(pktable)
                guard referenced != QualifiedName(create.relation), seen.insert(referenced).inserted else { return nil }
                return lock(referenced, .shareRowExclusive)
            }
        case .lockTable(let relations, let number) where (1...8).contains(number):
            // LOCK TABLE … IN mode MODE: PostgreSQL numbers the modes 1 (ACCESS SHARE) to 8 (ACCESS EXCLUSIVE).
            guard let mode = LockMode(rawValue: number - 1) else { return [] }
            return relations.map { lock(QualifiedName($0), mode) }
        case .createPolicy(let policy):
            return [lock(QualifiedName(policy.table), .accessExclusive)]
        case .createRule(let relation):
            return [lock(QualifiedName(relation), .accessExclusive)]
        case .createTrigger(let trigger):
            return [lock(QualifiedName(trigger.relation), .shareRowExclusive)]
        default:
            return []
        }
    }

    /// The lock one ALTER TABLE action takes (PostgreSQL's AlterTableGetLockLevel, simplified).
    /// The tables referenced by the foreign keys an action drops: `DROP CONSTRAINT` of one, or `DROP COLUMN` of a
    /// column one is on (PostgreSQL drops a constraint with its last column).
    static func droppedForeignKeys(of action: AlterTableAction, on table: Table?) -> [QualifiedName] {
        guard let table else { return [] }
        let dropped: [TableConstraint]
        switch action.kind {
        case .dropConstraint: dropped = table.constraints.filter { ($0.name ?? $0.generatedName) == action.name }
        case .dropColumn: dropped = table.constraints.filter { $0.columns.contains(action.name) }
        default: return []
        }
        return dropped.compactMap { $0.kind == .foreignKey ? $0.foreignKey?.table : nil }.filter { $0 != table.name }
    }

    static func alterTableLock(_ action: AlterTableAction) -> LockMode {
        switch action.kind {
        case .validateConstraint, .setStatistics, .clusterOn, .dropCluster, .setRelOptions, .resetRelOptions,
             .replaceRelOptions:
            return .shareUpdateExclusive
        case .addConstraint:
            if case .constraint(let con)? = action.definition, con.kind == .foreignKey { return .shareRowExclusive }
            return .accessExclusive
        case .enableTrigger, .disableTrigger:
            return .shareRowExclusive
        default:
            return .accessExclusive
        }
    }
}
