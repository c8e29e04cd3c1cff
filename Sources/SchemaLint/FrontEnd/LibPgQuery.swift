import CPgQuery
import Foundation
import PgQueryProto
import SwiftProtobuf

/// A libpg_query failure: its message and, when it has one, the 1-based *character* position
/// (not byte) into the text that was passed in.
struct PgQueryFailure: Error {
    var message: String
    var cursorCharacter: Int?

    init(_ error: UnsafeMutablePointer<PgQueryError>) {
        message = error.pointee.message.map { String(cString: $0) } ?? "unknown parser error"
        let pos = Int(error.pointee.cursorpos)
        cursorCharacter = pos > 0 ? pos : nil
    }
}

/// Thin, allocation-conscious calls into libpg_query. Every input is a NUL-terminated copy of bytes;
/// every result is freed before returning.
enum LibPgQuery {
    /// Decoding limits: real DDL nests expressions far deeper than swift-protobuf's default of 100.
    /// The caller runs on a thread with a large stack (see `LargeStackThread`).
    static let decodingOptions: BinaryDecodingOptions = {
        var options = BinaryDecodingOptions()
        options.messageDepthLimit = 100_000
        return options
    }()

    /// Statement byte ranges as found by the parser (right on `BEGIN ATOMIC` bodies and trailing chunks).
    static func splitWithParser(_ text: [UInt8]) -> Result<[Range<Int>], PgQueryFailure> {
        withCString(text) { split(pg_query_split_with_parser($0)) }
    }

    /// Statement byte ranges as found by the scanner: works on text that does not parse.
    static func splitWithScanner(_ text: [UInt8]) -> Result<[Range<Int>], PgQueryFailure> {
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

    /// Parses one piece of SQL into the typed tree. Locations in it are relative to the piece.
    static func parse(_ text: [UInt8]) -> Result<PgQuery_ParseResult, PgQueryFailure> {
        withCString(text) { cText in
            let result = pg_query_parse_protobuf(cText)
            defer { pg_query_free_protobuf_parse_result(result) }
            if let error = result.error { return .failure(PgQueryFailure(error)) }
            do {
                return .success(try PgQuery_ParseResult(serializedBytes: borrowed(result.parse_tree), options: decodingOptions))
            } catch {
                return .failure(PgQueryFailure(message: "cannot decode parse tree: \(error)", cursorCharacter: nil))
            }
        }
    }

    /// Tokens, comments included, with byte offsets relative to the piece.
    static func scan(_ text: [UInt8]) -> [Token] {
        withCString(text) { cText in
            let result = pg_query_scan(cText)
            defer { pg_query_free_scan_result(result) }
            if result.error != nil { return [] }
            guard let data = result.pbuf.data, result.pbuf.len > 0 else { return [] }
            return ScanResultDecoder.tokens(UnsafeRawBufferPointer(start: data, count: result.pbuf.len))
        }
    }

    /// `pg_query_fingerprint`: a hex hash of the statement's tree that ignores whitespace, comments and constant
    /// values (baselines use it to recognise a statement after lines moved).
    static func fingerprint(_ text: [UInt8]) -> Result<String, PgQueryFailure> {
        withCString(text) { cText in
            let result = pg_query_fingerprint(cText)
            defer { pg_query_free_fingerprint_result(result) }
            if let error = result.error { return .failure(PgQueryFailure(error)) }
            return .success(result.fingerprint_str.map { String(cString: $0) } ?? String(result.fingerprint, radix: 16))
        }
    }

    /// The protobuf bytes without a copy; valid until the result is freed, and decoding copies what it keeps.
    private static func borrowed(_ buffer: PgQueryProtobuf) -> Data {
        guard let data = buffer.data, buffer.len > 0 else { return Data() }
        return Data(bytesNoCopy: UnsafeMutableRawPointer(data), count: buffer.len, deallocator: .none)
    }

    private static func withCString<T>(_ bytes: [UInt8], _ body: (UnsafePointer<CChar>) -> T) -> T {
        var copy = bytes
        copy.append(0)
        return copy.withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) { body($0) }
        }
    }
}

extension PgQueryFailure {
    init(message: String, cursorCharacter: Int?) {
        self.message = message
        self.cursorCharacter = cursorCharacter
    }
}
