import FoundationEssentials

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
    /// Tables truncated earlier in the current transaction block and not written to since: they hold no rows
    /// (other sessions cannot add any before the commit: TRUNCATE holds ACCESS EXCLUSIVE until then).
    public private(set) var truncatedTables: Set<QualifiedName> = []

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
            let trimmed = line.trimming(.whitespaces)
            if trimmed.isEmpty { continue }
            guard trimmed.hasPrefix("--") else { break }
            header.append(trimmed.dropFirst(2).trimming(.whitespaces).lowercased())
        }
        return header.contains { line in noTransactionMarkers.contains { line.contains($0) } }
    }

    /// Moves past a statement (after the rules have seen the state before it).
    mutating func advance(past statement: Statement) {
        switch statement.syntax {
        case .transaction(let kind):
            switch kind {
            case .begin:
                if !inTransaction || transactionStart == nil { transactionStart = statement.range.lowerBound }
                inTransaction = true
            // Rolled back to a savepoint, the truncation may be undone.
            case .rollbackTo: truncatedTables = []
            case _ where kind.endsTransaction:
                truncatedTables = []
                inTransaction = assumeInTransaction
                transactionStart = assumeInTransaction ? statement.range.upperBound : nil
                if localLockTimeout { lockTimeoutSet = false; localLockTimeout = false }
                if localTimeZone { timeZoneIsUTC = false; localTimeZone = false }
            default: break
            }
        case .set(let set) where set.name == "timezone":
            switch set.kind {
            case .value:
                timeZoneIsUTC = Self.isUTC(set.values)
                localTimeZone = set.isLocal
            case .default, .reset, .current: timeZoneIsUTC = false
            default: break
            }
        case .set(let set) where set.name == "lock_timeout":
            switch set.kind {
            case .value: setLockTimeout(set.values, isLocal: set.isLocal)
            case .default, .reset: lockTimeoutSet = false
            default: break
            }
        case .select(let targets):
            for case .function(let call) in targets.map(\.uncast) where call.baseName == "set_config" && call.arguments.count == 3 {
                guard call.arguments[0].stringConstant?.lowercased() == "lock_timeout" else { continue }
                setLockTimeout([call.arguments[1]], isLocal: Self.isTrue(call.arguments[2]))
            }
        case .truncate(let truncate) where inTransaction:
            truncatedTables.formUnion(truncate.relations.map(QualifiedName.init))
        case .dataChange(let relation):
            truncatedTables.remove(QualifiedName(relation))
        default: break
        }
    }

    /// `SET [LOCAL] lock_timeout = …`, or its function form `SELECT set_config('lock_timeout', …, is_local)`.
    private mutating func setLockTimeout(_ values: [Expression], isLocal: Bool) {
        lockTimeoutSet = !Self.isZero(values)
        localLockTimeout = isLocal
    }

    /// A boolean argument: `true`, or a string PostgreSQL reads as true (`'t'`, `'on'`, …).
    static func isTrue(_ expression: Expression) -> Bool {
        switch expression.uncast {
        case .constant(.boolean(let value), _): value
        case .constant(.integer(let value), _): value != 0
        case .constant(.string(let text), _): ["t", "true", "y", "yes", "on", "1"].contains(text.lowercased())
        default: false
        }
    }

    /// SET, RESET, SHOW and transaction control: statements that take no locks and do no work.
    public static func isSessionControl(_ statement: Statement) -> Bool { statement.syntax.isSessionControl }

    /// Zones whose offset from UTC is always zero.
    static let utcZones: Set<String> = ["utc", "uct", "gmt", "z", "zulu", "universal", "greenwich", "gmt0", "gmt+0", "gmt-0",
                                        "etc/utc", "etc/uct", "etc/gmt", "etc/zulu", "etc/universal", "etc/greenwich",
                                        "etc/gmt0", "etc/gmt+0", "etc/gmt-0", "+00", "+00:00", "-00", "00:00"]

    static func isUTC(_ values: [Expression]) -> Bool {
        switch values.first {
        case .constant(.integer(let i), _)?: i == 0
        case .constant(.string(let s), _)?: utcZones.contains(s.trimming(.whitespaces).lowercased())
        default: false
        }
    }

    static func isZero(_ values: [Expression]) -> Bool {
        switch values.first {
        case .constant(.integer(let i), _)?: i == 0
        case .constant(.string(let s), _)?: Int(s.trimming(.whitespaces).prefix { $0.isNumber }) == 0
        default: false
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
    init?(_ alter: AlterTable, statement: Statement) {
        var added = Set<String>()
        for action in alter.actions {
            switch action.kind {
            case .validateConstraint, .setNotNull, .attachPartition, .detachPartition, .detachPartitionFinalize:
                return nil
            case .addColumn:
                if case .column(let def)? = action.definition { added.insert(def.name) }
            default: break
            }
        }
        anchor = SourceAnchor(file: statement.file, range: statement.headRange(throughNameAt: alter.relation.location))
        addedColumns = added
    }

    /// The columns an ALTER TABLE's actions name or reference.
    public static func touchedColumns(_ alter: AlterTable) -> Set<String> {
        var columns = Set<String>()
        for action in alter.actions {
            if !action.name.isEmpty { columns.insert(action.name) }
            switch action.definition {
            case .constraint(let con)?:
                columns.formUnion(con.keys)
                columns.formUnion(con.foreignKeyColumns)
                columns.formUnion(con.including)
                columns.formUnion(con.expression?.referencedColumns ?? [])
                columns.formUnion(con.exclusionColumns.compactMap { $0 }.filter { !$0.isEmpty })
            case .expression(let expression)?:
                columns.formUnion(expression.referencedColumns)
            default: break
            }
        }
        return columns
    }
}
