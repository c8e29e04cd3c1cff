import Foundation
import PgQueryProto

/// The state of the database session while one migration file runs: transaction blocks and settings that
/// change what a statement risks. Reset at the start of each file.
public struct Session: Sendable {
    /// Inside a transaction block: an explicit BEGIN, or `--assume-in-transaction` for frameworks that
    /// wrap each migration in one.
    public var inTransaction: Bool
    /// A non-zero `lock_timeout` is in effect.
    public var lockTimeoutSet = false
    /// The first statement of this file (or of the current transaction) that took ACCESS EXCLUSIVE on an
    /// existing table, while that lock is still held.
    public var exclusiveLockHeld: TableLock?
    /// How many earlier statements of this file took SHARE or a stronger lock on an existing table.
    public var heavyLockStatements = 0

    let assumeInTransaction: Bool
    /// The lock_timeout was set with `SET LOCAL`: it ends with the transaction.
    private var localLockTimeout = false

    public init(assumeInTransaction: Bool = false) {
        self.assumeInTransaction = assumeInTransaction
        inTransaction = assumeInTransaction
    }

    /// Moves past a statement (after the rules have seen the state before it).
    mutating func advance(past statement: Statement, locks: [TableLock]) {
        switch statement.node.node {
        case .transactionStmt(let tx):
            switch tx.kind {
            case .transStmtBegin, .transStmtStart: inTransaction = true
            case .transStmtCommit, .transStmtRollback, .transStmtCommitPrepared, .transStmtRollbackPrepared,
                 .transStmtPrepare:
                inTransaction = assumeInTransaction
                exclusiveLockHeld = nil
                if localLockTimeout { lockTimeoutSet = false; localLockTimeout = false }
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
        if existing.contains(where: { $0.mode >= .share }) { heavyLockStatements += 1 }
        if inTransaction, exclusiveLockHeld == nil, let held = existing.first(where: { $0.mode == .accessExclusive }) {
            exclusiveLockHeld = held
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
