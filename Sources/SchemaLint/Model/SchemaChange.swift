/// What a statement did to the model. Statement rules read these instead of walking the tree again,
/// so CREATE TABLE columns, ADD COLUMN and ALTER COLUMN TYPE look the same to a rule about types.
public enum SchemaChange: Sendable {
    case createTable(TableChange)
    case addColumn(TableChange, Column, via: Origin)
    case alterColumnType(TableChange, column: String, from: ColumnType?, to: ColumnType, anchor: SourceAnchor)
    case setNotNull(TableChange, column: String, anchor: SourceAnchor)
    case dropNotNull(TableChange, column: String, anchor: SourceAnchor)
    case setDefault(TableChange, column: String, expression: Expression, anchor: SourceAnchor)
    case dropDefault(TableChange, column: String, anchor: SourceAnchor)
    case dropColumn(TableChange, column: String, anchor: SourceAnchor)
    case renameColumn(TableChange, from: String, to: String, anchor: SourceAnchor)
    case addConstraint(TableChange, TableConstraint, via: Origin)
    case dropConstraint(TableChange, name: String, anchor: SourceAnchor)
    case validateConstraint(TableChange, name: String, anchor: SourceAnchor)
    case renameTable(TableChange, from: QualifiedName, anchor: SourceAnchor)
    case createIndex(TableChange, Index, concurrently: Bool)
    case dropIndex(Index, concurrently: Bool, anchor: SourceAnchor)
    case dropTable(TableChange, anchor: SourceAnchor)
    /// DROP INDEX of an index the run has never seen: its table is unknown, so it counts as existing.
    case dropUnknownIndex(QualifiedName, concurrently: Bool, anchor: SourceAnchor)
    /// `ALTER TYPE … ADD VALUE`; `isNewInFile` when the current file created the type.
    case addEnumValue(type: QualifiedName, value: String, isNewInFile: Bool, anchor: SourceAnchor)

    /// How a column or constraint came to be.
    public enum Origin: Sendable { case createTable, alterTable }

    /// The kind of a change, without its contents: what rules declare they read (`RuleTriggers`).
    public enum Kind: Int, Sendable, CaseIterable {
        case createTable, addColumn, alterColumnType, setNotNull, dropNotNull, setDefault, dropDefault, dropColumn,
             renameColumn, addConstraint, dropConstraint, validateConstraint, renameTable, createIndex, dropIndex, dropTable,
             dropUnknownIndex, addEnumValue
    }

    public var kind: Kind {
        switch self {
        case .createTable: .createTable
        case .addColumn: .addColumn
        case .alterColumnType: .alterColumnType
        case .setNotNull: .setNotNull
        case .dropNotNull: .dropNotNull
        case .setDefault: .setDefault
        case .dropDefault: .dropDefault
        case .dropColumn: .dropColumn
        case .renameColumn: .renameColumn
        case .addConstraint: .addConstraint
        case .dropConstraint: .dropConstraint
        case .validateConstraint: .validateConstraint
        case .renameTable: .renameTable
        case .createIndex: .createIndex
        case .dropIndex: .dropIndex
        case .dropTable: .dropTable
        case .dropUnknownIndex: .dropUnknownIndex
        case .addEnumValue: .addEnumValue
        }
    }
}

/// The table a change touched, and whether the current file created it before (or in) this statement:
/// anything may be done to a table that is new in this file.
public struct TableChange: Sendable {
    public var table: Table
    public var isNewInFile: Bool
}
