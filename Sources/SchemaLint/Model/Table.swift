public struct Column: Sendable {
    public var name: String
    public var type: ColumnType
    public var notNull: Bool
    /// The default expression, if any (`DEFAULT …`, also `nextval(…)` written by pg_dump).
    public var defaultExpression: Expression?
    public var isIdentity: Bool
    public var isGenerated: Bool
    /// The column definition in the source.
    public var anchor: SourceAnchor
    /// The same object through renames and type changes (compare with `===`): tells this column apart from a
    /// later one of the same name.
    public var origin = ObjectIdentity()
    /// A sequence `OWNED BY` this column: serial's implicit one, or `ALTER SEQUENCE … OWNED BY` (pg_dump).
    public var ownedSequence: QualifiedName? = nil
    /// The sequence of a `nextval()` default that the tree does not show: serial's implicit one, or one
    /// renamed since the default was written. SET or DROP DEFAULT clears it.
    public var serialDefaultSequence: QualifiedName? = nil
}

/// Identity of a column or constraint definition (see `Column.origin`), kept through renames.
public final class ObjectIdentity: Sendable {
    public init() {}
}

public enum ConstraintKind: String, Sendable {
    case primaryKey = "PRIMARY KEY", unique = "UNIQUE", foreignKey = "FOREIGN KEY", check = "CHECK",
         exclusion = "EXCLUDE"
}

/// A referential action as PostgreSQL stores it.
public enum ReferentialAction: String, Sendable {
    case noAction = "NO ACTION", restrict = "RESTRICT", cascade = "CASCADE", setNull = "SET NULL",
         setDefault = "SET DEFAULT"

    /// From PostgreSQL's action code (`fk_del_action`).
    init(code: UInt8) {
        switch code {
        case UInt8(ascii: "r"): self = .restrict
        case UInt8(ascii: "c"): self = .cascade
        case UInt8(ascii: "n"): self = .setNull
        case UInt8(ascii: "d"): self = .setDefault
        default: self = .noAction
        }
    }
}

public struct ForeignKey: Sendable {
    public var table: QualifiedName
    /// Referenced columns; empty means the referenced table's primary key.
    public var columns: [String]
    public var onDelete: ReferentialAction
    public var onUpdate: ReferentialAction
    /// Whether `ON DELETE` was written: the tree cannot tell an omitted clause from `ON DELETE NO ACTION`.
    public var onDeleteWritten: Bool
    /// `ON DELETE SET NULL (a)` / `SET DEFAULT (a)`: the only columns the action sets; empty means all of them.
    public var deleteSetColumns: [String] = []
}

public struct TableConstraint: Sendable {
    /// The name as written; nil when PostgreSQL would generate one.
    public var name: String?
    public var kind: ConstraintKind
    /// Key columns; for CHECK, the columns its expression references.
    public var columns: [String]
    public var foreignKey: ForeignKey?
    /// `CHECK` expression (for rules that ask which columns it constrains).
    public var expression: Expression?
    public var notValid: Bool
    /// Backed by an existing index (`ADD CONSTRAINT … UNIQUE USING INDEX`).
    public var usingIndex: String?
    public var anchor: SourceAnchor
    /// The same object through renames (compare with `===`).
    public var origin = ObjectIdentity()
    /// For an unnamed constraint, the name PostgreSQL gave it when it was added (kept through later renames of
    /// the table and its columns, as PostgreSQL keeps it).
    public var generatedName: String? = nil
}

public enum IndexKey: Sendable, Equatable {
    case column(String)
    case expression(String)
}

public struct Index: Sendable {
    public var name: String
    public var table: QualifiedName
    public var keys: [IndexKey]
    /// The `WHERE` predicate as written, nil for a full index.
    public var predicate: String?
    public var method: String
    public var isUnique: Bool
    public var anchor: SourceAnchor
    /// Each key as written, normalised (`a desc nulls last`, `lower(email) text_pattern_ops`): keys with their
    /// order, opclass and collation, for comparing indexes.
    public var keyTexts: [String] = []
    /// False when PostgreSQL generated the name (`CREATE INDEX ON t (c)`).
    public var nameWritten = true
    /// Non-key columns stored in the index (`INCLUDE (…)`), for index-only scans.
    public var includedColumns: [String] = []

    /// The index after `RENAME COLUMN old TO new`: PostgreSQL's index refers to the column by number, so its keys, their
    /// texts (what duplicates are compared by) and INCLUDE list now spell the new name. Expressions keep their text.
    func renamingColumn(_ old: String, to new: String) -> Index {
        var index = self
        for (i, key) in keys.enumerated() where key == .column(old) {
            index.keys[i] = .column(new)
            // A column key's text starts with the column's name (then collation, opclass, order).
            if keyTexts.count == keys.count, keyTexts[i].hasPrefix(old) { index.keyTexts[i] = new + keyTexts[i].dropFirst(old.count) }
        }
        index.includedColumns = includedColumns.map { $0 == old ? new : $0 }
        return index
    }

    /// A plain b-tree index over columns: usable for foreign-key lookups on its leading columns.
    public var isPlainBTree: Bool {
        method == "btree" && predicate == nil && keys.allSatisfy { if case .column = $0 { true } else { false } }
    }
}

public final class Table: @unchecked Sendable {
    public var name: QualifiedName
    /// Replacing or reordering columns drops the position index; `updateColumn` keeps it unless a name changes.
    public var columns: [Column] {
        get { storedColumns }
        set { storedColumns = newValue; positions = nil }
        // In place, as `didSet` did: `table.columns.append(c)` must not copy the array.
        _modify { positions = nil; yield &storedColumns }
    }
    private var storedColumns: [Column] = []
    public var constraints: [TableConstraint] = []
    /// Where `CREATE TABLE` was seen; nil for a table known only from ALTER statements.
    public var created: SourceAnchor?
    public var isPartition = false
    /// The partitioned table this one is a partition of (PARTITION OF, ATTACH PARTITION), when the run says.
    public var partitionParent: QualifiedName?
    /// Where `CREATE TABLE … AS` (a query) created it: its columns are not modelled, so it is not in
    /// `createdTables`, but it is new in that file all the same.
    public var createdByQuery: SourceAnchor?
    /// `created` or `createdByQuery`: where the run saw the table created (what newness is judged by).
    public var introduced: SourceAnchor? { created ?? createdByQuery }
    /// `PARTITION BY`: a partitioned parent (it holds no rows itself).
    public var isPartitioned = false
    public var isTemporary = false
    /// Triggers on the table (CREATE TRIGGER, minus DROP TRIGGER).
    public var triggers: [Trigger] = []
    /// Where `ENABLE ROW LEVEL SECURITY` was written; nil while row-level security is off.
    public var rowSecurity: SourceAnchor?
    /// `FORCE ROW LEVEL SECURITY`: the policies apply to the table's owner too.
    public var forcesRowSecurity = false
    /// Row-level-security policies (CREATE POLICY, minus DROP POLICY).
    public var policies: [Policy] = []

    init(name: QualifiedName) { self.name = name }

    /// Column positions by name and by definition, built on first use after a change: rules look columns
    /// up once per column, and a linear search made a table with thousands of columns quadratic.
    private var positions: (byName: [String: Int], byOrigin: [ObjectIdentifier: Int])?

    private var index: (byName: [String: Int], byOrigin: [ObjectIdentifier: Int]) {
        if let positions { return positions }
        var byName: [String: Int] = [:], byOrigin: [ObjectIdentifier: Int] = [:]
        byName.reserveCapacity(storedColumns.count)
        byOrigin.reserveCapacity(storedColumns.count)
        for (i, column) in storedColumns.enumerated() {
            if byName[column.name] == nil { byName[column.name] = i }
            byOrigin[ObjectIdentifier(column.origin)] = i
        }
        positions = (byName, byOrigin)
        return (byName, byOrigin)
    }

    /// Tables up to this many columns are searched in place: building the index cost more than the searches
    /// it saved (a migration's tables have a dozen columns, and are looked up a few times each).
    static let searchedInPlace = 16

    private func position(named name: String) -> Int? {
        if storedColumns.count <= Self.searchedInPlace { return storedColumns.firstIndex { $0.name == name } }
        return index.byName[name]
    }

    public func column(named name: String) -> Column? { position(named: name).map { storedColumns[$0] } }

    /// The column a definition became (it keeps its identity through renames and type changes).
    public func column(withOrigin origin: ObjectIdentity) -> Column? {
        if storedColumns.count <= Self.searchedInPlace { return storedColumns.last { $0.origin === origin } }
        return index.byOrigin[ObjectIdentifier(origin)].map { storedColumns[$0] }
    }

    /// Changes one column in place. Most changes (NOT NULL, a default, a type) leave the index valid: rebuilding it
    /// after each one made every statement on a table rebuild it.
    func updateColumn(_ name: String, _ change: (inout Column) -> Void) {
        guard let i = position(named: name) else { return }
        let origin = storedColumns[i].origin
        change(&storedColumns[i])
        if storedColumns[i].name != name || storedColumns[i].origin !== origin { positions = nil }
    }

    public var primaryKey: TableConstraint? { constraints.first { $0.kind == .primaryKey } }
}

/// An enum type: its labels in order and where it was created.
public struct EnumType: Sendable {
    public var name: QualifiedName
    public var values: [String]
    public var created: SourceAnchor
}

/// How PostgreSQL may evaluate a function: `VOLATILE` (the default of CREATE FUNCTION), `STABLE` or `IMMUTABLE`.
public enum FunctionVolatility: String, Sendable {
    case immutable, stable, volatile
}
