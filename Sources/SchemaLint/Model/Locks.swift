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
}

/// The table locks a statement takes, from its tree and what it changed: shared by every rule about locks
/// (missing lock_timeout, statements after an exclusive lock) so they agree.
public enum LockAnalysis {
    /// Call before the statement is applied to the model: newness and index owners are read from it.
    public static func locks(of statement: Statement, model: SchemaModel) -> [TableLock] {
        func lock(_ name: QualifiedName, _ mode: LockMode) -> TableLock {
            TableLock(table: name, mode: mode, isNewInFile: model.table(name)?.created?.file === statement.file)
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
            }
            return [lock(name, mode)] + extra
        case .indexStmt(let index):
            return [lock(QualifiedName(index.relation), index.concurrent ? .shareUpdateExclusive : .share)]
        case .dropStmt(let drop):
            return drop.objects.compactMap { object -> TableLock? in
                guard let name = QualifiedName(dottedList: object) else { return nil }
                switch drop.removeType {
                case .objectTable: return lock(name, .accessExclusive)
                case .objectIndex:
                    return model.index(named: name).map { lock($0.table, drop.concurrent ? .shareUpdateExclusive : .accessExclusive) }
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
            return [lock(QualifiedName(reindex.relation), concurrent ? .shareUpdateExclusive : .share)]
        case .refreshMatViewStmt(let refresh):
            return [lock(QualifiedName(refresh.relation), refresh.concurrent ? .exclusive : .accessExclusive)]
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
