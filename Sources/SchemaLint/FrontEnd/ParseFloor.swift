/// PostgreSQL's parse alone, the floor under everything schemalint does with a file: `pg_query_raw_parse` inside a
/// memory context, with no tree read. For the benchmark's in-process comparison (`schemalint measure`).
public enum ParseFloor {
    /// Parses `bytes` and frees the tree; the number of statements, or nil when the text does not parse.
    public static func rawParse(_ bytes: [UInt8]) -> Int? {
        LibPgQuery.rawParseOnly(bytes[...])
    }
}
