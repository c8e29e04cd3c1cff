import FoundationEssentials

/// `[database]` in `.schemalint.toml`: how table size changes a safety finding's severity with `--database-url`.
public struct DatabaseSettings: Sendable, Equatable {
    /// `large-table-rows`: safety findings on tables with at least this many rows (estimated) become errors.
    public var largeTableRows: Int?
    /// `small-table-rows`: safety findings on tables with fewer rows become info.
    public var smallTableRows: Int?

    public init(largeTableRows: Int? = nil, smallTableRows: Int? = nil) {
        self.largeTableRows = largeTableRows
        self.smallTableRows = smallTableRows
    }
}

/// How large a table is, as the catalog says without scanning it.
public struct TableSize: Sendable, Equatable {
    /// `schema.table`.
    public var table: String
    /// `pg_class.reltuples` (summed over partitions); nil when the table was never vacuumed or analysed (-1).
    public var rows: Double?
    /// `pg_total_relation_size`: heap, indexes and TOAST.
    public var bytes: Int64

    public init(table: String, rows: Double?, bytes: Int64) {
        self.table = table
        self.rows = rows
        self.bytes = bytes
    }

    /// `public.account: ~1.2M rows, 340 MB`.
    public var description: String {
        "\(table): " + (rows.map { "~\(Self.count($0)) rows" } ?? "rows not estimated yet (never analysed)")
            + ", " + Self.bytes(bytes)
    }

    static func count(_ rows: Double) -> String {
        let n = rows.rounded()
        if n < 1000 { return String(Int(n)) }
        for (unit, scale) in [("B", 1e9), ("M", 1e6), ("k", 1e3)] where n >= scale {
            return Self.oneDecimal(n / scale) + unit
        }
        return String(Int(n))
    }

    static func bytes(_ bytes: Int64) -> String {
        let b = Double(bytes)
        for (unit, scale) in [("TB", 1099511627776.0), ("GB", 1073741824.0), ("MB", 1048576.0), ("kB", 1024.0)] where b >= scale {
            return Self.oneDecimal(b / scale) + " " + unit
        }
        return "\(bytes) bytes"
    }

    /// 1.2, 12, 340: one decimal below 10, none above.
    private static func oneDecimal(_ value: Double) -> String {
        if value >= 10 { return String(Int(value.rounded())) }
        let tenths = Int((value * 10).rounded())
        return tenths % 10 == 0 ? String(tenths / 10) : "\(tenths / 10).\(tenths % 10)"
    }
}

/// What the database says about a finding's table.
enum TableLookup: Equatable {
    case table(TableSize)
    /// No such table or index: a migration of the run creates it, so it is new and empty.
    case absent
    /// The object is no relation (an enum type, say): size says nothing.
    case notARelation
}

extension LiveDatabase {
    /// The table a finding's object (`schema.table`, `schema.table.column`, or an index `schema.index`) names:
    /// an index stands for its table.
    func lookUp(object: String) throws -> TableLookup {
        let parts = object.split(separator: ".", maxSplits: 1).map(String.init)
        guard parts.count == 2 else { return .notARelation }
        // The relation is the whole rest, or (for a column) the rest up to its last dot.
        var names = [parts[1]]
        if let dot = parts[1].lastIndex(of: ".") { names.append(String(parts[1][..<dot])) }
        for name in names {
            let result = try connection.query(Self.sizeQuery, [parts[0], name])
            if !result.rows.isEmpty {
                let rows = result.value(0, "rows").flatMap(Double.init) ?? -1
                return .table(TableSize(table: result.value(0, "name") ?? "\(parts[0]).\(name)", rows: rows < 0 ? nil : rows,
                                        bytes: result.value(0, "bytes").flatMap { Int64($0) } ?? 0))
            }
        }
        let type = try connection.query("""
            SELECT 1 FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace
            WHERE n.nspname = $1 AND t.typname = $2
            """, [parts[0], names.last!])
        return type.rows.isEmpty ? .absent : .notARelation
    }

    /// A table, partitioned table, materialized view or index by schema and name, reported as its table: rows from
    /// `reltuples` (-1 when never analysed), bytes from `pg_total_relation_size`, both summed over partitions.
    static let sizeQuery = """
        SELECT tn.nspname || '.' || t.relname AS name,
               CASE WHEN t.relkind = 'p' THEN
                 (SELECT sum(greatest(p.reltuples, 0)) FROM pg_catalog.pg_partition_tree(t.oid) tree
                  JOIN pg_catalog.pg_class p ON p.oid = tree.relid WHERE tree.isleaf)
               ELSE t.reltuples END AS rows,
               CASE WHEN t.relkind = 'p' THEN
                 (SELECT sum(pg_catalog.pg_total_relation_size(tree.relid)) FROM pg_catalog.pg_partition_tree(t.oid) tree
                  WHERE tree.isleaf)
               ELSE pg_catalog.pg_total_relation_size(t.oid) END AS bytes
        FROM pg_catalog.pg_class c
        JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
        LEFT JOIN pg_catalog.pg_index i ON i.indexrelid = c.oid
        JOIN pg_catalog.pg_class t ON t.oid = coalesce(i.indrelid, c.oid)
        JOIN pg_catalog.pg_namespace tn ON tn.oid = t.relnamespace
        WHERE n.nspname = $1 AND c.relname = $2 AND c.relkind IN ('r', 'p', 'm', 'i', 'I')
        """

    /// Safety findings with their table's size in the message, and (for rules weighed by size) their severity
    /// moved by `settings`: at least `large-table-rows` → error; fewer than `small-table-rows`, or a table the
    /// database does not have yet (new) → info. Other findings are unchanged.
    public func weighing(_ diagnostics: [Diagnostic], by settings: DatabaseSettings) throws -> [Diagnostic] {
        var cache: [String: TableLookup] = [:]
        return try diagnostics.map { diagnostic in
            guard let rule = RuleRegistry.rule(id: diagnostic.rule), rule.metadata.category == .safety,
                  let object = diagnostic.object else { return diagnostic }
            let lookup = try cache[object] ?? lookUp(object: object)
            cache[object] = lookup
            return Self.weighed(diagnostic, lookup, settings, bySize: rule.metadata.weighedByTableSize)
        }
    }

    static func weighed(_ diagnostic: Diagnostic, _ lookup: TableLookup, _ settings: DatabaseSettings,
                        bySize: Bool) -> Diagnostic {
        var d = diagnostic
        switch lookup {
        case .notARelation:
            return d
        case .absent:
            d.message += " (not in the database yet: new)"
            if bySize { d.severity = .info }
        case .table(let size):
            d.message += " (\(size.description))"
            guard bySize, let rows = size.rows else { return d }
            if let large = settings.largeTableRows, rows >= Double(large) {
                d.severity = .error
                d.help = (d.help.map { $0 + " " } ?? "") + "An error: the table has at least large-table-rows (\(large)) rows."
            } else if let small = settings.smallTableRows, rows < Double(small) {
                d.severity = .info
                d.help = (d.help.map { $0 + " " } ?? "") + "Only info: the table has fewer than small-table-rows (\(small)) rows."
            }
        }
        return d
    }
}
