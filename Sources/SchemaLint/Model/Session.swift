import Foundation
import PgQueryProto

/// The state of the database session while one migration file runs: transaction blocks and settings that
/// change what a statement risks. Reset at the start of each file.
public struct Session: Sendable {
    /// Inside a transaction block: an explicit BEGIN, or `--assume-in-transaction` for frameworks that
    /// wrap each migration in one.
    public var inTransaction: Bool
    /// Byte offset in the file where the current transaction block began (0 when assumed from the start), nil
    /// outside one: statements at or after it share its locks.
    public var transactionStart: Int?
    /// A non-zero `lock_timeout` is in effect.
    public var lockTimeoutSet = false
    /// The session's TimeZone was set to a zone with a fixed zero offset (`SET timezone = 'UTC'`): PostgreSQL 12+ then
    /// changes timestamp to timestamptz (and back) without a rewrite. Unknown, so false, at the start of a file.
    public var timeZoneIsUTC = false
    /// The first statement of this file (or of the current transaction) that took ACCESS EXCLUSIVE on an
    /// existing table, while that lock is still held.
    public var exclusiveLockHeld: TableLock?
    /// How many earlier statements of this file took SHARE or a stronger lock on an existing table.
    public var heavyLockStatements = 0
    /// How many of those ran while no lock_timeout was in effect.
    public var heavyLockStatementsWithoutTimeout = 0
    /// The statement that took `exclusiveLockHeld`.
    public var exclusiveLockStatement: SourceAnchor?
    /// Statements (not counting SET, SHOW and transaction control) that ran after it while the lock was held.
    public var statementsSinceExclusiveLock = 0
    /// The ALTER TABLE statements on existing tables in the current unbroken run of ALTER TABLE statements
    /// (any other statement ends the run), by table; only those whose actions could be merged into one.
    public var alterTableRun: [QualifiedName: EarlierAlterTable] = [:]

    let assumeInTransaction: Bool
    /// The lock_timeout was set with `SET LOCAL`: it ends with the transaction.
    private var localLockTimeout = false
    /// The TimeZone was set with `SET LOCAL`: it ends with the transaction.
    private var localTimeZone = false

    public init(assumeInTransaction: Bool = false) {
        self.assumeInTransaction = assumeInTransaction
        inTransaction = assumeInTransaction
        transactionStart = assumeInTransaction ? 0 : nil
    }

    /// Markers with which migration tools let one file opt out of the transaction they wrap migrations in
    /// (morph, goose, sqlx, dbmate), looked for in the comments that open the file.
    static let noTransactionMarkers = ["morph:nontransactional", "+goose no transaction", "no-transaction", "transaction:false"]

    /// Whether the comments before a file's first statement opt it out of the framework's transaction: such a file
    /// is not in a transaction block even with `--assume-in-transaction`.
    public static func optsOutOfTransaction(_ file: SourceFile) -> Bool {
        var header: [String] = []
        for line in String(decoding: file.bytes.prefix(4096), as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty { continue }
            guard trimmed.hasPrefix("--") else { break }
            header.append(trimmed.dropFirst(2).trimmingCharacters(in: .whitespaces).lowercased())
        }
        return header.contains { line in noTransactionMarkers.contains { line.contains($0) } }
    }

    /// Moves past a statement (after the rules have seen the state before it).
    mutating func advance(past statement: Statement, locks: [TableLock]) {
        switch statement.node.node {
        case .transactionStmt(let tx):
            switch tx.kind {
            case .transStmtBegin, .transStmtStart:
                if !inTransaction || transactionStart == nil { transactionStart = statement.range.lowerBound }
                inTransaction = true
            case .transStmtCommit, .transStmtRollback, .transStmtCommitPrepared, .transStmtRollbackPrepared,
                 .transStmtPrepare:
                inTransaction = assumeInTransaction
                transactionStart = assumeInTransaction ? statement.range.upperBound : nil
                exclusiveLockHeld = nil
                if localLockTimeout { lockTimeoutSet = false; localLockTimeout = false }
                if localTimeZone { timeZoneIsUTC = false; localTimeZone = false }
            default: break
            }
        case .variableSetStmt(let set) where set.name.lowercased() == "timezone":
            switch set.kind {
            case .varSetValue:
                timeZoneIsUTC = Self.isUTC(set.args)
                localTimeZone = set.isLocal
            case .varSetDefault, .varReset, .varSetCurrent: timeZoneIsUTC = false
            default: break
            }
        case .variableSetStmt(let set) where set.name.lowercased() == "lock_timeout":
            switch set.kind {
            case .varSetValue:
                lockTimeoutSet = !Self.isZero(set.args)
                localLockTimeout = set.isLocal
            case .varSetDefault, .varReset: lockTimeoutSet = false
            default: break
            }
        default: break
        }
        let existing = locks.filter { !$0.isNewInFile }
        if existing.contains(where: { $0.mode >= .share }) {
            heavyLockStatements += 1
            if !lockTimeoutSet { heavyLockStatementsWithoutTimeout += 1 }
        }
        if exclusiveLockHeld != nil, !Self.isSessionControl(statement) { statementsSinceExclusiveLock += 1 }
        if inTransaction, exclusiveLockHeld == nil, let held = existing.first(where: { $0.mode == .accessExclusive }) {
            exclusiveLockHeld = held
            exclusiveLockStatement = SourceAnchor(file: statement.file, range: statement.contentRange)
            statementsSinceExclusiveLock = 0
        }
        if exclusiveLockHeld == nil { exclusiveLockStatement = nil; statementsSinceExclusiveLock = 0 }
        trackAlterTableRun(statement, locks: locks)
    }

    /// SET, RESET, SHOW and transaction control: statements that take no locks and do no work.
    public static func isSessionControl(_ statement: Statement) -> Bool {
        switch statement.node.node {
        case .transactionStmt, .variableSetStmt, .variableShowStmt: true
        default: false
        }
    }

    private mutating func trackAlterTableRun(_ statement: Statement, locks: [TableLock]) {
        guard case .alterTableStmt(let alter) = statement.node.node, alter.objtype == .objectTable else {
            if !Self.isSessionControl(statement) { alterTableRun = [:] }
            return
        }
        let name = QualifiedName(alter.relation)
        guard locks.first?.isNewInFile == false, let earlier = EarlierAlterTable(alter, statement: statement) else {
            alterTableRun[name] = nil
            return
        }
        if alterTableRun[name] == nil { alterTableRun[name] = earlier }
        else { alterTableRun[name]?.addedColumns.formUnion(earlier.addedColumns) }
    }

    /// Zones whose offset from UTC is always zero.
    static let utcZones: Set<String> = ["utc", "uct", "gmt", "z", "zulu", "universal", "greenwich", "gmt0", "gmt+0", "gmt-0",
                                        "etc/utc", "etc/uct", "etc/gmt", "etc/zulu", "etc/universal", "etc/greenwich",
                                        "etc/gmt0", "etc/gmt+0", "etc/gmt-0", "+00", "+00:00", "-00", "00:00"]

    static func isUTC(_ args: [PgQuery_Node]) -> Bool {
        guard let first = args.first, case .aConst(let c) = first.node else { return false }
        switch c.val {
        case .ival(let i): return i.ival == 0
        case .sval(let s): return utcZones.contains(s.sval.trimmingCharacters(in: .whitespaces).lowercased())
        default: return false
        }
    }

    static func isZero(_ args: [PgQuery_Node]) -> Bool {
        guard let first = args.first, case .aConst(let c) = first.node else { return false }
        switch c.val {
        case .ival(let i): return i.ival == 0
        case .sval(let s): return Int(s.sval.trimmingCharacters(in: .whitespaces).prefix { $0.isNumber }) == 0
        default: return false
        }
    }
}

/// An ALTER TABLE whose actions could be merged with a later one on the same table (see multiple-alter-table).
public struct EarlierAlterTable: Sendable {
    /// The statement, from ALTER TABLE through the table name.
    public var anchor: SourceAnchor
    /// Columns it added: a later action on them depends on it.
    public var addedColumns: Set<String>

    /// Nil when an action is order-sensitive and must stay in its own statement: VALIDATE CONSTRAINT (the point of
    /// NOT VALID is to validate separately), SET NOT NULL (it relies on a CHECK validated before it and a constraint
    /// dropped after it), ATTACH/DETACH PARTITION (their own, weaker locks).
    init?(_ alter: PgQuery_AlterTableStmt, statement: Statement) {
        var added = Set<String>()
        for node in alter.cmds {
            guard case .alterTableCmd(let cmd) = node.node else { return nil }
            switch cmd.subtype {
            case .atValidateConstraint, .atValidateConstraintRecurse, .atSetNotNull, .atAttachPartition,
                 .atDetachPartition, .atDetachPartitionFinalize:
                return nil
            case .atAddColumn, .atAddColumnRecurse:
                if case .columnDef(let def) = cmd.def.node { added.insert(def.colname) }
            default: break
            }
        }
        anchor = SourceAnchor(file: statement.file, range: statement.headRange(throughNameAt: alter.relation.location))
        addedColumns = added
    }

    /// The columns an ALTER TABLE's actions name or reference.
    public static func touchedColumns(_ alter: PgQuery_AlterTableStmt) -> Set<String> {
        var columns = Set<String>()
        for node in alter.cmds {
            guard case .alterTableCmd(let cmd) = node.node else { continue }
            if !cmd.name.isEmpty { columns.insert(cmd.name) }
            if case .constraint(let con) = cmd.def.node {
                columns.formUnion(con.keys.compactMap(\.stringValue))
                columns.formUnion(con.fkAttrs.compactMap(\.stringValue))
                columns.formUnion(con.including.compactMap(\.stringValue))
                if con.hasRawExpr { columns.formUnion(con.rawExpr.referencedColumns) }
                for pair in con.exclusions {
                    columns.formUnion(pair.descendants(PgQuery_IndexElem.self).map(\.name).filter { !$0.isEmpty })
                }
            }
            if cmd.hasDef, case .columnDef = cmd.def.node {} else if cmd.hasDef {
                columns.formUnion(cmd.def.referencedColumns)
            }
        }
        return columns
    }
}
