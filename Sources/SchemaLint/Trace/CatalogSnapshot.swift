/// A relation of the traced database (tables, indexes, views, sequences, materialized views; system schemas
/// left out), as pg_class names it.
public struct TracedRelation: Sendable, Hashable {
    public var oid: UInt32
    public var schema: String
    public var name: String
    /// pg_class.relkind: `r` table, `p` partitioned table, `i`/`I` index, `m` materialized view, `v` view, `S` sequence…
    public var kind: Character
    /// For an index, its table.
    public var table: QualifiedName?

    public var qualified: String { "\(schema).\(name)" }
    /// What a client reads and writes: a lock on one of these blocks the application.
    public var isTableLike: Bool { ["r", "p", "m", "v", "f"].contains(kind) }
    public var isIndex: Bool { kind == "i" || kind == "I" }

    /// Whether a claim's target names this relation (a schema-less name matches any schema).
    func matches(_ target: FindingClaims.Target, tablesOfIndexes: [String: QualifiedName]) -> Bool {
        switch target {
        case .relation(let schema, let name): return name == self.name && (schema ?? self.schema) == self.schema
        case .tableOfIndex(let index):
            guard let table = tablesOfIndexes[index] else { return false }
            return table.name == name && table.schema == schema
        case .rebuiltIndexes: return isIndex
        case .everyTable: return kind == "r" || kind == "m"
        }
    }
}

/// pg_class as the tracing session sees it (its own uncommitted changes included): each relation and its
/// relfilenode, whose change means the relation's data was written anew (a rewrite).
struct CatalogSnapshot {
    var relations: [UInt32: TracedRelation] = [:]
    var fileNodes: [UInt32: UInt32] = [:]

    static let query = """
        SELECT c.oid, n.nspname, c.relname, c.relkind, c.relfilenode, tn.nspname AS table_schema, t.relname AS table_name
        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        LEFT JOIN pg_index i ON i.indexrelid = c.oid
        LEFT JOIN pg_class t ON t.oid = i.indrelid LEFT JOIN pg_namespace tn ON tn.oid = t.relnamespace
        WHERE n.nspname <> 'information_schema' AND n.nspname NOT LIKE 'pg\\_%'
        """

    static func take(_ connection: PostgresConnection) throws -> CatalogSnapshot {
        var snapshot = CatalogSnapshot()
        let result = try connection.execute(query)
        for row in result.rows {
            guard let oid = row[0].flatMap({ UInt32($0) }), let schema = row[1], let name = row[2],
                  let kind = row[3]?.first else { continue }
            var table: QualifiedName? = nil
            if let tableSchema = row[5], let tableName = row[6] { table = QualifiedName(schema: tableSchema, name: tableName) }
            snapshot.relations[oid] = TracedRelation(oid: oid, schema: schema, name: name, kind: kind, table: table)
            if let node = row[4].flatMap({ UInt32($0) }), node != 0 { snapshot.fileNodes[oid] = node }
        }
        return snapshot
    }

    /// Relations present in both whose relfilenode changed.
    func rewritten(since before: CatalogSnapshot) -> [TracedRelation] {
        fileNodes.compactMap { oid, node -> TracedRelation? in
            guard let old = before.fileNodes[oid], old != node else { return nil }
            return relations[oid]
        }.sorted { $0.qualified < $1.qualified }
    }
}

/// The relation locks the session holds (granted, in this database), by relation oid.
enum HeldLocks {
    static let query = """
        SELECT l.relation, l.mode FROM pg_locks l
        WHERE l.pid = pg_backend_pid() AND l.locktype = 'relation' AND l.granted
          AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
        """

    static func take(_ connection: PostgresConnection) throws -> [UInt32: Set<LockMode>] {
        var held: [UInt32: Set<LockMode>] = [:]
        for row in try connection.execute(query).rows {
            guard let oid = row[0].flatMap({ UInt32($0) }), let mode = row[1].flatMap(LockMode.init(pgLocksName:)) else { continue }
            held[oid, default: []].insert(mode)
        }
        return held
    }
}

extension LockMode {
    /// pg_locks.mode: `AccessExclusiveLock`, `ShareRowExclusiveLock`, …
    public init?(pgLocksName name: String) {
        let all = (0...7).compactMap(LockMode.init(rawValue:))
        guard let mode = all.first(where: { $0.description.split(separator: " ").map { $0.prefix(1) + $0.dropFirst().lowercased() }
            .joined() + "Lock" == name }) else { return nil }
        self = mode
    }
}
