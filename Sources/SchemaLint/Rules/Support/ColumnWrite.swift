/// A column a statement defines (CREATE TABLE, ADD COLUMN) or retypes (ALTER COLUMN … TYPE), with where the
/// type was written: what every rule about column types and names judges.
struct ColumnWrite {
    var table: Table
    /// The column as it stands after the statement; nil when the model does not know it (a type change on a
    /// table the run never created).
    var column: Column?
    var name: String
    var type: ColumnType
    var anchor: SourceAnchor
    /// Whether the type was changed rather than defined.
    var isTypeChange: Bool

    /// What a rule about column writes reads.
    static let triggers = RuleTriggers.changes(.addColumn, .alterColumnType)

    var object: String { table.name.object(column: name) }
    /// `"walk.scheduled_at"`.
    var quoted: String { table.name.column(name) }

    /// The statement that changes this column to `type` (the suggested fix of every rule about a column's type).
    func retyped(to type: String) -> String {
        "ALTER TABLE \(SQLText.name(table.name)) ALTER COLUMN \(SQLText.ident(name)) TYPE \(type);"
    }
}

extension StatementContext {
    /// The columns this statement defines or retypes, in order.
    var columnWrites: [ColumnWrite] {
        if let known = facts.columnWrites { return known }
        let writes = changes.compactMap { change -> ColumnWrite? in
            switch change {
            case .addColumn(let target, let column, _):
                let current = target.table.column(withOrigin: column.origin)
                return ColumnWrite(table: target.table, column: current ?? column, name: column.name, type: column.type,
                                   anchor: column.anchor, isTypeChange: false)
            case .alterColumnType(let target, let name, _, let type, let anchor):
                return ColumnWrite(table: target.table, column: target.table.column(named: name), name: name, type: type,
                                   anchor: anchor, isTypeChange: true)
            default: return nil
            }
        }
        facts.columnWrites = writes
        return writes
    }

    /// Reports about a column, withdrawn when a later statement of the run fixes it: in the final model the
    /// column (followed through renames) or its table is gone, or `stillBad` says it is fine now. Also withdrawn
    /// when the table ends up a partition (pg_dump repeats the parent's columns in each partition's CREATE
    /// TABLE, then attaches it): the parent's finding covers it. A column the model does not know is always
    /// reported.
    func report(_ write: ColumnWrite, _ message: String, help: String, suggestion: String? = nil,
                stillBad: @escaping @Sendable (Column, Table) -> Bool) {
        guard let origin = write.column?.origin else {
            report(at: write.anchor, message, help: help, suggestion: suggestion, object: write.object)
            return
        }
        let table = write.table
        report(at: write.anchor, message, help: help, suggestion: suggestion, object: write.object,
               unlessFixedLater: { model in
                   guard !table.isPartition, let current = model.current(table, column: origin) else { return false }
                   return stillBad(current, table)
               })
    }
}

extension SchemaModel {
    /// The column with this origin in the final model (after renames and type changes); nil once the column
    /// or its table has been dropped.
    func current(_ table: Table, column origin: ObjectIdentity) -> Column? {
        guard self.table(table.name) === table else { return nil }
        return table.column(withOrigin: origin)
    }

    /// Whether this table is still in the model (not dropped, possibly renamed).
    func contains(_ table: Table) -> Bool { self.table(table.name) === table }
}
