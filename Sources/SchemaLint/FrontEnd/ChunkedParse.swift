/// A file parsed chunk by chunk, cut at top-level semicolons (`StatementCuts`), each chunk's tree read and freed
/// before the next is parsed: PostgreSQL's tree takes ten to forty times the text's size, and a small tree at a time
/// keeps the peak memory down (lago's 530 KB dump: 24.2 → 21.7 MB) at no cost in time. Each chunk's statements are
/// exactly those of the whole file's parse there: PostgreSQL starts a statement just after the `;` before it, which
/// is where a chunk starts.
enum ChunkedParse {
    /// About this much SQL per chunk.
    static let chunkBytes = 1 << 16
    /// Files up to this size are parsed whole: one or two chunks would gain nothing.
    static let chunkedAbove = 2 * chunkBytes

    /// The statements of `bytes`, parsed in chunks of about `every` bytes; nil when a chunk does not parse (a syntax
    /// error, or a cut in a `BEGIN ATOMIC` body). The fuzz target cuts every few bytes.
    static func parse(_ bytes: [UInt8], every: Int = chunkBytes) -> [(range: Range<Int>, syntax: StatementSyntax)]? {
        let cuts = bytes.withUnsafeBufferPointer { StatementCuts.cuts($0, every: every) }
        var statements: [(range: Range<Int>, syntax: StatementSyntax)] = []
        statements.reserveCapacity(bytes.count / 200)
        var start = 0
        for end in cuts + [bytes.count] {
            guard case .success(let parsed) = LibPgQuery.parse(bytes[start..<end], base: start) else { return nil }
            statements += parsed
            start = end
        }
        return statements
    }
}
