/// Runs a migration run on a live session, one statement at a time, in the order and sections the lint uses, and
/// records after each statement, in the same session: the relation locks it holds (pg_locks for its own backend),
/// the relations whose relfilenode changed (rewrites), and how long it took.
///
/// Each migration runs in one transaction, as most frameworks run it, unless it cannot: it opts out (`-- +goose NO
/// TRANSACTION` and the like), manages its own transactions (BEGIN/COMMIT), or holds a statement PostgreSQL refuses
/// in a transaction block (CONCURRENTLY, VACUUM, CREATE DATABASE…). Such a migration runs statement by statement:
/// each statement that may is wrapped in a transaction of its own so its locks can still be read; the others run
/// alone and their locks, released when they end, are not observed (their rewrites are).
public struct MigrationTracer {
    public var statementTimeout: String
    public var lockTimeout: String

    public init(statementTimeout: String = "5min", lockTimeout: String = "10s") {
        self.statementTimeout = statementTimeout
        self.lockTimeout = lockTimeout
    }

    /// Traces the forward units of `run`; `findings` are the lint's for the same run. Stops at the first statement
    /// PostgreSQL rejects. Throws only when the session itself fails (lost connection, the catalog unreadable).
    public func trace(_ run: MigrationRun, findings: [Diagnostic], on connection: PostgresConnection) throws -> TraceResult {
        var result = TraceResult()
        let version = (try? connection.execute("SHOW server_version").rows.first?[0] ?? nil) ?? "?"
        result.server = "PostgreSQL " + (version.split(separator: " ").first.map(String.init) ?? version)
        try connection.execute("SET statement_timeout = '\(statementTimeout)'")
        try connection.execute("SET lock_timeout = '\(lockTimeout)'")
        let byFile = Dictionary(grouping: findings, by: \.file)
        let units = run.units.filter { $0.role == .forward }
        result.files = Set(units.map(\.file.path)).count
        for unit in units {
            let stopped = try trace(unit.file, findings: byFile[unit.file.path] ?? [], on: connection, into: &result)
            if stopped { break }
        }
        return result
    }

    /// One migration; returns true when a statement failed (the trace stops).
    private func trace(_ file: SourceFile, findings: [Diagnostic], on connection: PostgresConnection,
                       into result: inout TraceResult) throws -> Bool {
        let pieces = TracePiece.pieces(of: file)
        guard !pieces.isEmpty else { return false }
        let ownTransaction = !Session.optsOutOfTransaction(file) && pieces.allSatisfy(\.mayRunInTransaction)
            && !pieces.contains(where: \.isTransactionControl)
        var before = try CatalogSnapshot.take(connection)
        let existing = Set(before.relations.keys)
        var heldBefore: [UInt32: Set<LockMode>] = [:]
        if ownTransaction { try connection.execute("BEGIN") }
        for (p, piece) in pieces.enumerated() {
            let wrapped = !ownTransaction && connection.transactionState == .idle && piece.mayRunInTransaction
                && !piece.isTransactionControl
            if wrapped { try connection.execute("BEGIN") }
            if connection.transactionState == .idle || wrapped { heldBefore = [:] }
            var traced = TracedStatement(file: file.path, position: file.position(ofByte: piece.content.lowerBound),
                                         byteRange: piece.content, sql: piece.sql, locksObserved: false)
            traced.findings = findings.filter { piece.range.contains($0.byteRange.lowerBound) }
            let clock = ContinuousClock()
            let start = clock.now
            do { try connection.execute(piece.sql) } catch let error as DatabaseError { traced.error = error }
            traced.duration = clock.now - start
            _ = connection.takeNotices()
            // The last statement of the migration's own transaction is judged with its COMMIT (deferred checks).
            if traced.error == nil, ownTransaction, p == pieces.count - 1 {
                traced = try observe(traced, connection: connection, before: before, heldBefore: heldBefore,
                                     existing: existing, piece: piece).statement
                do { try connection.execute("COMMIT") } catch let error as DatabaseError { traced.error = error }
            } else if traced.error == nil {
                let observed = try observe(traced, connection: connection, before: before, heldBefore: heldBefore,
                                           existing: existing, piece: piece)
                traced = observed.statement
                (before, heldBefore) = (observed.after, observed.held)
                if wrapped {
                    do { try connection.execute("COMMIT") } catch let error as DatabaseError { traced.error = error }
                }
            }
            if let error = traced.error {
                traced.errorPosition = error.position.map { file.position(ofByte: piece.byteOffset(ofCharacter: $0)) }
                    ?? traced.position
                if connection.transactionState != .idle { _ = try? connection.execute("ROLLBACK") }
            }
            TraceComparison.judge(&traced)
            result.statements.append(traced)
            if traced.error != nil { return true }
        }
        return false
    }

    private func observe(_ statement: TracedStatement, connection: PostgresConnection, before: CatalogSnapshot,
                         heldBefore: [UInt32: Set<LockMode>], existing: Set<UInt32>,
                         piece: TracePiece) throws -> (statement: TracedStatement, after: CatalogSnapshot, held: [UInt32: Set<LockMode>]) {
        var statement = statement
        let inTransaction = connection.transactionState == .inTransaction
        let held = inTransaction ? try HeldLocks.take(connection) : [:]
        let after = try CatalogSnapshot.take(connection)
        statement.locksObserved = inTransaction
        statement.locks = held.compactMap { oid, modes -> ObservedLock? in
            // Dropped relations are named from the snapshot before; catalog relations are in neither.
            guard let relation = after.relations[oid] ?? before.relations[oid], let strongest = modes.max() else { return nil }
            return ObservedLock(relation: relation, strongestHeld: strongest, held: modes,
                                strongestNew: modes.subtracting(heldBefore[oid] ?? []).max(),
                                onExistingRelation: existing.contains(oid))
        }.sorted { ($0.strongestHeld, $1.relation.qualified) > ($1.strongestHeld, $0.relation.qualified) }
        // TRUNCATE gives the table a new, empty file: that is not a rewrite of its rows.
        if !piece.isTruncate {
            statement.rewrites = after.rewritten(since: before).map { Rewrite(relation: $0, onExistingRelation: existing.contains($0.oid)) }
        }
        return (statement, after, held)
    }
}

/// A statement of a migration as it is sent: its text, and what decides how it may run.
struct TracePiece {
    /// With leading comments (findings inside a DO block fall in it too).
    var range: Range<Int>
    var content: Range<Int>
    var sql: String
    var mayRunInTransaction: Bool
    var isTransactionControl: Bool
    var isTruncate: Bool

    /// The file's top-level statements, and its unparsable pieces (sent too: PostgreSQL says why it rejects them).
    /// DO-block statements run inside their block; function bodies are not run.
    static func pieces(of file: SourceFile) -> [TracePiece] {
        SQLParser.parse(file).items.compactMap { item -> TracePiece? in
            switch item {
            case .statement(let statement):
                guard statement.enclosure == nil else { return nil }
                return TracePiece(range: statement.range, content: statement.contentRange, syntax: statement.syntax, file: file)
            case .syntaxError(let error):
                let content = SourceTrim.content(of: error.piece, in: file.bytes) ?? error.range
                return TracePiece(range: error.piece, content: content, syntax: nil, file: file)
            }
        }.filter { !$0.sql.isEmpty }
    }

    init(range: Range<Int>, content: Range<Int>, syntax: StatementSyntax?, file: SourceFile) {
        self.range = range
        self.content = content
        sql = file.text(content).trimming(.whitespacesAndNewlines)
        isTransactionControl = if case .transaction? = syntax { true } else { false }
        isTruncate = if case .truncate? = syntax { true } else { false }
        switch syntax {
        case .createIndex(let index)?: mayRunInTransaction = !index.concurrently
        case .drop(let drop)?: mayRunInTransaction = !drop.concurrently
        case .reindex(let reindex)?: mayRunInTransaction = !reindex.concurrently
        case .vacuum?: mayRunInTransaction = false
        default:
            let words = sql.uppercased().split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" }).prefix(2).joined(separator: " ")
            mayRunInTransaction = !["CREATE DATABASE", "DROP DATABASE", "ALTER SYSTEM", "CREATE TABLESPACE", "DROP TABLESPACE",
                                    "CREATE SUBSCRIPTION", "DROP SUBSCRIPTION"].contains(words)
        }
    }

    /// PostgreSQL's error position counts characters from 1 in the statement sent.
    func byteOffset(ofCharacter position: Int) -> Int {
        content.lowerBound + sql.unicodeScalars.prefix(max(0, position - 1)).reduce(0) { $0 + String($1).utf8.count }
    }
}
