import PgQueryProto

/// `schema.name`; an unqualified name means `public`.
public struct QualifiedName: Hashable, Sendable, CustomStringConvertible, Comparable {
    public var schema: String
    public var name: String

    public init(schema: String = "public", name: String) {
        self.schema = schema.isEmpty ? "public" : schema
        self.name = name
    }

    public init(_ relation: PgQuery_RangeVar) {
        self.init(schema: relation.schemaname, name: relation.relname)
    }

    /// From a list of name parts as DROP writes them (`[schema,] name`).
    public init?(dottedList node: PgQuery_Node) {
        guard case .list(let list) = node.node else { return nil }
        let parts = list.items.compactMap(\.stringValue)
        guard let last = parts.last else { return nil }
        self.init(schema: parts.count > 1 ? parts[parts.count - 2] : "public", name: last)
    }

    /// From name parts as a type name is written (`[schema,] name`).
    public init?(nameParts: [PgQuery_Node]) {
        let parts = nameParts.compactMap(\.stringValue)
        guard let last = parts.last else { return nil }
        self.init(schema: parts.count > 1 ? parts[parts.count - 2] : "public", name: last)
    }

    /// `walk` for the default schema, `billing.invoice` otherwise: how messages name a table.
    public var description: String { schema == "public" ? name : "\(schema).\(name)" }

    public static func < (a: QualifiedName, b: QualifiedName) -> Bool { (a.schema, a.name) < (b.schema, b.name) }
}

/// Where the model learnt about something: a file and a byte range in it.
public struct SourceAnchor: Sendable {
    public var file: SourceFile
    public var range: Range<Int>

    public init(file: SourceFile, range: Range<Int>) {
        self.file = file
        self.range = range
    }
}
