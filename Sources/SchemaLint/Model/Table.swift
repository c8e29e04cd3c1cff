import PgQueryProto

public struct Column: Sendable {
    public var name: String
    public var type: ColumnType
    public var notNull: Bool
    /// The default expression, if any (`DEFAULT …`, also `nextval(…)` written by pg_dump).
    public var defaultExpression: PgQuery_Node?
    public var isIdentity: Bool
    public var isGenerated: Bool
    /// The column definition in the source.
    public var anchor: SourceAnchor
}

public enum ConstraintKind: String, Sendable {
    case primaryKey = "PRIMARY KEY", unique = "UNIQUE", foreignKey = "FOREIGN KEY", check = "CHECK",
         exclusion = "EXCLUDE"
}

/// A referential action as PostgreSQL stores it.
public enum ReferentialAction: String, Sendable {
    case noAction = "NO ACTION", restrict = "RESTRICT", cascade = "CASCADE", setNull = "SET NULL",
         setDefault = "SET DEFAULT"

    init(code: String) {
        switch code {
        case "r": self = .restrict
        case "c": self = .cascade
        case "n": self = .setNull
        case "d": self = .setDefault
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
}

public struct TableConstraint: Sendable {
    /// The name as written; nil when PostgreSQL would generate one.
    public var name: String?
    public var kind: ConstraintKind
    /// Key columns; for CHECK, the columns its expression references.
    public var columns: [String]
    public var foreignKey: ForeignKey?
    /// `CHECK` expression (for rules that ask which columns it constrains).
    public var expression: PgQuery_Node?
    public var notValid: Bool
    /// Backed by an existing index (`ADD CONSTRAINT … UNIQUE USING INDEX`).
    public var usingIndex: String?
    public var anchor: SourceAnchor
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

    /// A plain b-tree index over columns: usable for foreign-key lookups on its leading columns.
    public var isPlainBTree: Bool {
        method == "btree" && predicate == nil && keys.allSatisfy { if case .column = $0 { true } else { false } }
    }
}

public final class Table: @unchecked Sendable {
    public var name: QualifiedName
    public var columns: [Column] = []
    public var constraints: [TableConstraint] = []
    /// Where `CREATE TABLE` was seen; nil for a table known only from ALTER statements.
    public var created: SourceAnchor?
    public var isPartition = false
    public var isTemporary = false

    init(name: QualifiedName) { self.name = name }

    public func column(named name: String) -> Column? { columns.first { $0.name == name } }

    func updateColumn(_ name: String, _ change: (inout Column) -> Void) {
        if let i = columns.firstIndex(where: { $0.name == name }) { change(&columns[i]) }
    }

    public var primaryKey: TableConstraint? { constraints.first { $0.kind == .primaryKey } }
}
