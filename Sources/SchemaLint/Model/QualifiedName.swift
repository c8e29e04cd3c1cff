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

    // The model's dictionaries are keyed by these: String's own hash (SipHash over each byte) and its Unicode
    // equality were a twentieth of a dump's run. PostgreSQL compares names byte for byte, and so do these: one
    // FNV-style pass over both names, eight bytes a step, given to the hasher as one word.
    public static func == (a: QualifiedName, b: QualifiedName) -> Bool {
        a.name.hasSameUTF8(as: b.name) && a.schema.hasSameUTF8(as: b.schema)
    }

    public func hash(into hasher: inout Hasher) {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        Self.fold(schema, into: &h)
        h = (h ^ 0x2e) &* 0x100_0000_01b3  // the dot between them: ("a.b", "c") is not ("a", "b.c")
        Self.fold(name, into: &h)
        hasher.combine(h)
    }

    private static func fold(_ s: String, into h: inout UInt64) {
        if s.utf8.withContiguousStorageIfAvailable({ fold($0, into: &h) }) == nil {
            Array(s.utf8).withUnsafeBufferPointer { fold($0, into: &h) }
        }
    }

    /// Eight bytes a step (xor, then multiply by FNV's prime), the rest one by one.
    private static func fold(_ bytes: UnsafeBufferPointer<UInt8>, into h: inout UInt64) {
        let prime: UInt64 = 0x100_0000_01b3
        guard let base = bytes.baseAddress else { return }
        let raw = UnsafeRawPointer(base)
        var i = 0
        while i + 8 <= bytes.count {
            h = (h ^ raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* prime
            i += 8
        }
        while i < bytes.count { h = (h ^ UInt64(bytes[i])) &* prime; i += 1 }
    }

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
