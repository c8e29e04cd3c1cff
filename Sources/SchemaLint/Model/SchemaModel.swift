/// The schema as the statements of a run build it up, in order, across files.
public final class SchemaModel: @unchecked Sendable {
    private var tablesByName: [QualifiedName: Table] = [:]
    /// Indexes by schema-qualified index name.
    private var indexesByName: [QualifiedName: Index] = [:]
    /// Index names in creation order, for deterministic iteration.
    private var indexOrder: [QualifiedName] = []
    private var tableOrder: [QualifiedName] = []

    /// Enum types the run created (`CREATE TYPE … AS ENUM`), by name.
    public internal(set) var enumTypes: [QualifiedName: EnumType] = [:]
    /// Domains the run created (`CREATE DOMAIN`), by name.
    public internal(set) var domains: [QualifiedName: Domain] = [:]
    /// Views, materialized views and sequences the run created, by name (see `relation(_:)`).
    var relations: [QualifiedName: Relation] = [:]
    /// The declared volatility of functions the run created, by lower-case unqualified name (the last
    /// definition wins). Functions not here are unknown to the model.
    public internal(set) var functionVolatility: [String: FunctionVolatility] = [:]

    /// Views, functions and PUBLIC grants the run created (see SecurityFacts.swift).
    var views: [QualifiedName: View] = [:]
    var viewOrder: [QualifiedName] = []
    var functions: [FunctionSignature: FunctionDefinition] = [:]
    var functionOrder: [FunctionSignature] = []
    public internal(set) var publicGrants: [PublicGrant] = []

    public init() {}

    public func table(_ name: QualifiedName) -> Table? { tablesByName[name] }

    /// Tables in the order they were first seen.
    public var tables: [Table] { tableOrder.compactMap { tablesByName[$0] } }

    /// Tables whose CREATE TABLE the run has seen: the only ones whole-schema rules may judge.
    public var createdTables: [Table] { tables.filter { $0.created != nil } }

    /// Each table's index keys in creation order, kept up to date by every change: rules ask per table,
    /// on every statement, so this must not cost a pass over all indexes.
    private var indexKeysByTable: [QualifiedName: [QualifiedName]] = [:]

    public func indexes(on table: QualifiedName) -> [Index] {
        indexKeysByTable[table]?.compactMap { indexesByName[$0] } ?? []
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
        tablesByName[name] = nil
        tableOrder.removeAll { $0 == name }
        let keys = Set(indexKeysByTable.removeValue(forKey: name) ?? [])
        guard !keys.isEmpty else { return }
        keys.forEach { indexesByName[$0] = nil }
        indexOrder.removeAll { keys.contains($0) }
    }

    func renameTable(_ old: QualifiedName, to new: QualifiedName) {
        guard let table = tablesByName.removeValue(forKey: old) else { return }
        table.name = new
        tablesByName[new] = table
        if let i = tableOrder.firstIndex(of: old) { tableOrder[i] = new }
        var keys = indexKeysByTable.removeValue(forKey: old) ?? []
        for (i, key) in keys.enumerated() {
            guard var index = indexesByName.removeValue(forKey: key) else { continue }
            index.table = new
            // Indexes move schema with their table.
            let moved = QualifiedName(schema: new.schema, name: key.name)
            indexesByName[moved] = index
            keys[i] = moved
            if moved != key, let j = indexOrder.firstIndex(of: key) { indexOrder[j] = moved }
        }
        if !keys.isEmpty { indexKeysByTable[new, default: []] += keys }
    }

    func addIndex(_ index: Index) {
        let key = QualifiedName(schema: index.table.schema, name: index.name)
        if let existing = indexesByName[key] {
            if existing.table != index.table {
                indexKeysByTable[existing.table]?.removeAll { $0 == key }
                indexKeysByTable[index.table, default: []].append(key)
            }
        } else {
            indexOrder.append(key)
            indexKeysByTable[index.table, default: []].append(key)
        }
        indexesByName[key] = index
    }

    @discardableResult
    func removeIndex(_ name: QualifiedName) -> Index? {
        guard let index = indexesByName.removeValue(forKey: name) else { return nil }
        indexOrder.removeAll { $0 == name }
        indexKeysByTable[index.table]?.removeAll { $0 == name }
        return index
    }

    func renameIndex(_ name: QualifiedName, to newName: String) {
        guard var index = indexesByName.removeValue(forKey: name) else { return }
        index.name = newName
        let key = QualifiedName(schema: name.schema, name: newName)
        indexesByName[key] = index
        if let i = indexOrder.firstIndex(of: name) { indexOrder[i] = key }
        if let i = indexKeysByTable[index.table]?.firstIndex(of: name) { indexKeysByTable[index.table]?[i] = key }
    }
}
