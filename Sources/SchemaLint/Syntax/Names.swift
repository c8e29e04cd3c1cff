/// A relation as a statement names it (`[schema.]name`), PostgreSQL's `RangeVar`.
public struct RelationName: Sendable {
    /// Nil when the name is unqualified.
    public var schema: String?
    public var name: String
    /// `p` permanent, `u` unlogged, `t` temporary.
    public var persistence: UInt8
    /// False for `ONLY name`: descendant tables are left out.
    public var includesDescendants: Bool
    /// Byte offset of the name in its file; nil when PostgreSQL recorded none.
    public var location: Int?

    public var isTemporary: Bool { persistence == UInt8(ascii: "t") }

    /// What a statement whose relation is missing from the tree acts on (never in valid SQL).
    static let unnamed = RelationName(schema: nil, name: "", persistence: 0, includesDescendants: true, location: nil)
}

/// A type as written (`varchar(20)`, `pg_catalog.int4`, `text[]`), PostgreSQL's `TypeName`.
public struct TypeSyntax: Sendable {
    /// Name parts as the parser gives them (`["pg_catalog", "int4"]`).
    public var names: [String]
    /// The integer type modifiers (`varchar(20)` → [20]); other modifiers are left out.
    public var integerModifiers: [Int]
    public var isArray: Bool
    public var location: Int?
    /// `table.column%TYPE`: the names are the column's, not a type's.
    public var copiesColumnType = false
}

/// The kinds of object a DROP, RENAME or ALTER … SET SCHEMA acts on (PostgreSQL's `ObjectType`), those schemalint
/// tells apart; the others are `.other`.
public enum ObjectKind: Sendable, Equatable {
    case table, index, view, materializedView, sequence, type, domain, function, procedure, routine, schema, `extension`,
         trigger, rule, policy, foreignTable, column, tableConstraint, other
}

/// RESTRICT or CASCADE.
public enum DropBehavior: Sendable { case restrict, cascade }
