/// `schema.name`; an unqualified name means `public`.
public struct QualifiedName: Hashable, Sendable, CustomStringConvertible, Comparable {
    public var schema: String
    public var name: String

    public init(schema: String = "public", name: String) {
        self.schema = schema.isEmpty ? "public" : schema
        self.name = name
    }

    public init(_ relation: RelationName) {
        self.init(schema: relation.schema ?? "public", name: relation.name)
    }

    /// From name parts as DROP and type names write them (`[schema,] name`).
    public init?(parts: [String]) {
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
