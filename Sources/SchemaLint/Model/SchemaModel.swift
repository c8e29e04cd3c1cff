/// The schema as the statements of a run build it up, in order, across files.
public final class SchemaModel: @unchecked Sendable {
    private var tablesByName: [QualifiedName: Table] = [:]
    /// Indexes by schema-qualified index name.
    private var indexesByName: [QualifiedName: Index] = [:]
    /// Index names in creation order, for deterministic iteration.
    private var indexOrder: [QualifiedName] = []
    private var tableOrder: [QualifiedName] = []

    public init() {}

    public func table(_ name: QualifiedName) -> Table? { tablesByName[name] }

    /// Tables in the order they were first seen.
    public var tables: [Table] { tableOrder.compactMap { tablesByName[$0] } }

    /// Tables whose CREATE TABLE the run has seen: the only ones whole-schema rules may judge.
    public var createdTables: [Table] { tables.filter { $0.created != nil } }

    /// Indexes grouped by table, rebuilt lazily after any change: rules ask per table, many times.
    private var indexesByTable: [QualifiedName: [Index]]?

    public func indexes(on table: QualifiedName) -> [Index] {
        if indexesByTable == nil {
            var grouped: [QualifiedName: [Index]] = [:]
            for key in indexOrder { if let index = indexesByName[key] { grouped[index.table, default: []].append(index) } }
            indexesByTable = grouped
        }
        return indexesByTable?[table] ?? []
    }

    public var indexes: [Index] { indexOrder.compactMap { indexesByName[$0] } }

    /// An index by its schema-qualified name.
    public func index(named name: QualifiedName) -> Index? { indexesByName[name] }

    // MARK: mutation (used by the replay)

    /// The table, created as "known only from ALTER" when the run has not seen it.
    func tableForAlter(_ name: QualifiedName) -> Table {
        if let table = tablesByName[name] { return table }
        let table = Table(name: name)
        insert(table)
        return table
    }

    func insert(_ table: Table) {
        if tablesByName[table.name] == nil { tableOrder.append(table.name) }
        tablesByName[table.name] = table
    }

    func removeTable(_ name: QualifiedName) {
        indexesByTable = nil
        tablesByName[name] = nil
        tableOrder.removeAll { $0 == name }
        for key in indexOrder where indexesByName[key]?.table == name { indexesByName[key] = nil }
        indexOrder.removeAll { indexesByName[$0] == nil }
    }

    func renameTable(_ old: QualifiedName, to new: QualifiedName) {
        indexesByTable = nil
        guard let table = tablesByName.removeValue(forKey: old) else { return }
        table.name = new
        tablesByName[new] = table
        if let i = tableOrder.firstIndex(of: old) { tableOrder[i] = new }
        for key in indexOrder where indexesByName[key]?.table == old {
            indexesByName[key]?.table = new
        }
        // Indexes move schema with their table.
        if old.schema != new.schema {
            for (i, key) in indexOrder.enumerated() where indexesByName[key]?.table == new && key.schema == old.schema {
                let moved = QualifiedName(schema: new.schema, name: key.name)
                indexesByName[moved] = indexesByName.removeValue(forKey: key)
                indexOrder[i] = moved
            }
        }
    }

    func addIndex(_ index: Index) {
        indexesByTable = nil
        let key = QualifiedName(schema: index.table.schema, name: index.name)
        if indexesByName[key] == nil { indexOrder.append(key) }
        indexesByName[key] = index
    }

    @discardableResult
    func removeIndex(_ name: QualifiedName) -> Index? {
        indexesByTable = nil
        guard let index = indexesByName.removeValue(forKey: name) else { return nil }
        indexOrder.removeAll { $0 == name }
        return index
    }

    func renameIndex(_ name: QualifiedName, to newName: String) {
        indexesByTable = nil
        guard var index = indexesByName.removeValue(forKey: name) else { return }
        index.name = newName
        let key = QualifiedName(schema: name.schema, name: newName)
        indexesByName[key] = index
        if let i = indexOrder.firstIndex(of: name) { indexOrder[i] = key }
    }
}
