import PgQueryProto

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
            let created = model.table(name)?.introduced ?? model.materializedViews[name]
            return TableLock(table: name, mode: mode, isNewInFile: created?.file === statement.file)
        }
        /// A lock on the table of an index, by the index's name.
        func lock(index name: QualifiedName, _ mode: LockMode) -> TableLock {
            if let index = model.index(named: name) { return lock(index.table, mode) }
            return TableLock(table: name, mode: mode, isNewInFile: false, viaIndex: name)
        }
        switch statement.node.node {
        case .alterTableStmt(let alter) where alter.objtype == .objectTable:
            let name = QualifiedName(alter.relation)
            var mode = LockMode.shareUpdateExclusive
            var extra: [TableLock] = []
            for node in alter.cmds {
                guard case .alterTableCmd(let cmd) = node.node else { continue }
                let cmdMode = alterTableLock(cmd)
                mode = max(mode, cmdMode)
                // A new foreign key also locks the referenced table (SHARE ROW EXCLUSIVE).
                if case .constraint(let con) = cmd.def.node, con.contype == .constrForeign {
                    extra.append(lock(QualifiedName(con.pktable), .shareRowExclusive))
                }
                // So does ADD COLUMN … REFERENCES.
                if case .columnDef(let def) = cmd.def.node {
                    for case .constraint(let con)? in def.constraints.map(\.node) where con.contype == .constrForeign {
                        extra.append(lock(QualifiedName(con.pktable), .shareRowExclusive))
                    }
                }
            }
            return [lock(name, mode)] + extra
        case .indexStmt(let index):
            return [lock(QualifiedName(index.relation), index.concurrent ? .shareUpdateExclusive : .share)]
        case .dropStmt(let drop):
            return drop.objects.compactMap { object -> TableLock? in
                // DROP TRIGGER / RULE / POLICY name ON table: the list is `[schema,] table, name`.
                if [.objectTrigger, .objectRule, .objectPolicy].contains(drop.removeType) {
                    guard case .list(let list) = object.node, list.items.count >= 2 else { return nil }
                    var owner = list
                    owner.items.removeLast()
                    return QualifiedName(dottedList: PgQuery_Node.with { $0.node = .list(owner) }).map { lock($0, .accessExclusive) }
                }
                guard let name = QualifiedName(dottedList: object) else { return nil }
                switch drop.removeType {
                case .objectTable: return lock(name, .accessExclusive)
                case .objectIndex:
                    return lock(index: name, drop.concurrent ? .shareUpdateExclusive : .accessExclusive)
                // Queries on a view lock it too: dropping one waits for them, and blocks new ones meanwhile.
                case .objectView, .objectMatview: return lock(name, .accessExclusive)
                default: return nil
                }
            }
        case .renameStmt(let rename) where rename.renameType == .objectTable || rename.renameType == .objectColumn:
            return [lock(QualifiedName(rename.relation), .accessExclusive)]
        case .truncateStmt(let truncate):
            return truncate.relations.compactMap {
                if case .rangeVar(let rv) = $0.node { lock(QualifiedName(rv), .accessExclusive) } else { nil }
            }
        case .clusterStmt(let cluster) where cluster.hasRelation:
            return [lock(QualifiedName(cluster.relation), .accessExclusive)]
        case .vacuumStmt(let vacuum) where vacuum.options.contains(where: { option in
            if case .defElem(let d) = option.node { return d.defname == "full" } else { return false }
        }):
            return vacuum.rels.compactMap {
                if case .vacuumRelation(let r) = $0.node, r.hasRelation { lock(QualifiedName(r.relation), .accessExclusive) } else { nil }
            }
        case .reindexStmt(let reindex) where reindex.hasRelation:
            let concurrent = reindex.params.contains { if case .defElem(let d) = $0.node { d.defname == "concurrently" } else { false } }
            let mode: LockMode = concurrent ? .shareUpdateExclusive : .share
            if reindex.kind == .reindexObjectIndex { return [lock(index: QualifiedName(reindex.relation), mode)] }
            return [lock(QualifiedName(reindex.relation), mode)]
        case .refreshMatViewStmt(let refresh):
            return [lock(QualifiedName(refresh.relation), refresh.concurrent ? .exclusive : .accessExclusive)]
        case .createStmt(let create):
            // A foreign key of a new table adds triggers to the referenced table: SHARE ROW EXCLUSIVE there.
            let constraints = create.tableElts.flatMap { element -> [PgQuery_Node] in
                if case .columnDef(let def) = element.node { return def.constraints }
                return [element]
            } + create.constraints
            var seen = Set<QualifiedName>()
            return constraints.compactMap { node -> TableLock? in
                guard case .constraint(let con) = node.node, con.contype == .constrForeign else { return nil }
                let referenced = QualifiedName(con.pktable)
                guard referenced != QualifiedName(create.relation), seen.insert(referenced).inserted else { return nil }
                return lock(referenced, .shareRowExclusive)
            }
        case .lockStmt(let stmt) where (1...8).contains(stmt.mode):
            // LOCK TABLE … IN mode MODE: PostgreSQL numbers the modes 1 (ACCESS SHARE) to 8 (ACCESS EXCLUSIVE).
            guard let mode = LockMode(rawValue: Int(stmt.mode) - 1) else { return [] }
            return stmt.relations.compactMap { if case .rangeVar(let rv) = $0.node { lock(QualifiedName(rv), mode) } else { nil } }
        case .createPolicyStmt(let policy):
            return [lock(QualifiedName(policy.table), .accessExclusive)]
        case .ruleStmt(let rule):
            return [lock(QualifiedName(rule.relation), .accessExclusive)]
        case .createTrigStmt(let trigger):
            return [lock(QualifiedName(trigger.relation), .shareRowExclusive)]
        default:
            return []
        }
    }

    /// The lock one ALTER TABLE action takes (PostgreSQL's AlterTableGetLockLevel, simplified).
    static func alterTableLock(_ cmd: PgQuery_AlterTableCmd) -> LockMode {
        switch cmd.subtype {
        case .atValidateConstraint, .atValidateConstraintRecurse, .atSetStatistics, .atClusterOn, .atDropCluster,
             .atSetRelOptions, .atResetRelOptions, .atReplaceRelOptions:
            return .shareUpdateExclusive
        case .atAddConstraint, .atAddConstraintRecurse:
            if case .constraint(let con) = cmd.def.node, con.contype == .constrForeign { return .shareRowExclusive }
            return .accessExclusive
        case .atEnableTrig, .atEnableAlwaysTrig, .atEnableReplicaTrig, .atDisableTrig, .atEnableTrigAll,
             .atDisableTrigAll, .atEnableTrigUser, .atDisableTrigUser:
            return .shareRowExclusive
        default:
            return .accessExclusive
        }
    }
}
