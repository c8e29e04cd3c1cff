internal import CPgQuery
#if canImport(Glibc)
import Glibc
#endif

/// A libpg_query failure: its message and, when it has one, the 1-based *character* position
/// (not byte) into the text that was passed in.
struct PgQueryFailure: Error {
    var message: Swift.String
    var cursorCharacter: Int?

    init(_ error: UnsafeMutablePointer<PgQueryError>) {
        message = error.pointee.message.map { Swift.String(cString: $0) } ?? "unknown parser error"
        let pos = Int(error.pointee.cursorpos)
        cursorCharacter = pos > 0 ? pos : nil
    }
}

/// Thin calls into libpg_query. Every input is a NUL-terminated copy of bytes; every result is freed before returning.
enum LibPgQuery {
    /// Parses SQL with PostgreSQL's parser and reads each statement's tree in place (`TreeReader`), inside a memory
    /// context freed before returning. Ranges and locations are rebased by `base`, the text's offset in its file.
    static func parse(_ text: ArraySlice<UInt8>, base: Int) -> Result<[(range: Range<Int>, syntax: StatementSyntax)], PgQueryFailure> {
        withCString(text) { cText in
            let context = pg_query_enter_memory_context()
            defer { pg_query_exit_memory_context(context) }
            let result = pg_query_raw_parse(cText)
            if let buffer = result.stderr_buffer { free(buffer) }
            if let error = result.error {
                defer { pg_query_free_error(error) }
                return .failure(PgQueryFailure(error))
            }
            let reader = TreeReader(base: base, text: text)
            return .success(reader.nodes(result.tree).compactMap { node in
                guard sl_node_tag(node) == T_RawStmt else { return nil }
                let raw = node.load(as: RawStmt.self)
                let start = Int(raw.stmt_location)
                // A length of 0 means "to the end of the text".
                let end = raw.stmt_len == 0 ? text.count : start + Int(raw.stmt_len)
                return ((base + start)..<(base + end), reader.statement(raw.stmt.map(UnsafeMutableRawPointer.init)))
            })
        }
    }

    /// The parse without reading the tree: the floor of `parse` (see `ParseFloor`).
    static func rawParseOnly(_ text: ArraySlice<UInt8>) -> Int? {
        withCString(text) { cText in
            let context = pg_query_enter_memory_context()
            defer { pg_query_exit_memory_context(context) }
            let result = pg_query_raw_parse(cText)
            if let buffer = result.stderr_buffer { free(buffer) }
            if let error = result.error { pg_query_free_error(error); return nil }
            return Int(sl_list_length(result.tree))
        }
    }

    /// Statement byte ranges as found by the scanner: works on text that does not parse.
    static func splitWithScanner(_ text: ArraySlice<UInt8>) -> Result<[Range<Int>], PgQueryFailure> {
        withCString(text) { split(pg_query_split_with_scanner($0)) }
    }

    private static func split(_ result: PgQuerySplitResult) -> Result<[Range<Int>], PgQueryFailure> {
        defer { pg_query_free_split_result(result) }
        if let error = result.error { return .failure(PgQueryFailure(error)) }
        var ranges: [Range<Int>] = []
        ranges.reserveCapacity(Int(result.n_stmts))
        for i in 0..<Int(result.n_stmts) {
            guard let stmt = result.stmts[i]?.pointee else { continue }
            let start = Int(stmt.stmt_location)
            ranges.append(start..<(start + Int(stmt.stmt_len)))
        }
        return .success(ranges)
    }

    /// `pg_query_fingerprint`: a hex hash of the statement's tree that ignores whitespace, comments and constant
    /// values (baselines use it to recognise a statement after lines moved).
    static func fingerprint(_ text: ArraySlice<UInt8>) -> Result<Swift.String, PgQueryFailure> {
        withCString(text) { cText in
            let result = pg_query_fingerprint(cText)
            defer { pg_query_free_fingerprint_result(result) }
            if let error = result.error { return .failure(PgQueryFailure(error)) }
            return .success(result.fingerprint_str.map { Swift.String(cString: $0) } ?? Swift.String(result.fingerprint, radix: 16))
        }
    }

    private static func withCString<T>(_ bytes: ArraySlice<UInt8>, _ body: (UnsafePointer<CChar>) -> T) -> T {
        var copy = [UInt8]()
        copy.reserveCapacity(bytes.count + 1)
        copy.append(contentsOf: bytes)
        copy.append(0)
        return copy.withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) { body($0) }
        }
    }
}
