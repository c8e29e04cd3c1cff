import PgQueryProto

/// A piece of a file that libpg_query rejected: becomes a `syntax-error` finding.
public struct SyntaxError: Sendable {
    public var range: Range<Int>
    public var message: String
    /// The chunk of the file the error belongs to (with its leading comments), for suppressions.
    public var piece: Range<Int>

    init(range: Range<Int>, message: String, piece: Range<Int>? = nil) {
        self.range = range
        self.message = message
        self.piece = piece ?? range
    }
}

/// What the front end makes of one file: its statements and unparseable pieces, in source order.
public struct ParsedFile: Sendable {
    public enum Item: Sendable {
        case statement(Statement)
        case syntaxError(SyntaxError)
    }

    public let file: SourceFile
    public var items: [Item]

    /// Byte ranges of every statement and unparsable chunk, in order.
    public var pieces: [Range<Int>] {
        items.map { item in
            switch item {
            case .statement(let statement): statement.range
            case .syntaxError(let error): error.piece
            }
        }
    }

    public var statementCount: Int {
        items.reduce(0) { if case .statement = $1 { return $0 + 1 } else { return $0 } }
    }
}

/// Splits a file into statements and parses each on its own, so a broken statement costs only itself:
/// split with the parser (exact), fall back to the scanner when the file does not parse as a whole.
public enum SQLParser {
    public static func parse(_ file: SourceFile) -> ParsedFile {
        // libpg_query reads C strings: a NUL byte would silently end the input. Blank them out (offsets
        // stay put) and report the first one.
        var bytes = file.bytes
        var items: [ParsedFile.Item] = []
        if let nul = bytes.firstIndex(of: 0) {
            items.append(.syntaxError(SyntaxError(range: nul..<(nul + 1),
                message: "NUL byte in input (is this a binary file?); NUL bytes are read as spaces")))
            for i in bytes.indices where bytes[i] == 0 { bytes[i] = UInt8(ascii: " ") }
        }

        let pieces: [Range<Int>]
        switch LibPgQuery.splitWithParser(bytes) {
        case .success(let ranges): pieces = ranges
        case .failure:
            switch LibPgQuery.splitWithScanner(bytes) {
            case .success(let ranges): pieces = ranges
            case .failure(let failure):
                // Not even the scanner can split it (an unterminated quote, say): one error for the file.
                let offset = failure.cursorCharacter.map { file.byteOffset(ofCharacter: $0, from: 0) } ?? 0
                items.append(.syntaxError(SyntaxError(range: errorRange(at: offset, in: file), message: failure.message)))
                return ParsedFile(file: file, items: items)
            }
        }

        var index = 0
        for piece in pieces where piece.lowerBound >= 0 && piece.upperBound <= bytes.count {
            switch LibPgQuery.parse(Array(bytes[piece])) {
            case .success(let result):
                for raw in result.stmts {
                    items.append(.statement(Statement(file: file, index: index, range: piece, node: raw.stmt)))
                    index += 1
                }
            case .failure(let failure):
                let offset = failure.cursorCharacter.map { file.byteOffset(ofCharacter: $0, from: piece.lowerBound) }
                    ?? firstNonBlank(in: piece, of: bytes)
                items.append(.syntaxError(SyntaxError(range: errorRange(at: offset, in: file), message: failure.message,
                                                      piece: piece)))
                index += 1
            }
        }
        return ParsedFile(file: file, items: items)
    }

    /// The token that starts at an error offset, or the rest of its line when it cannot be scanned.
    private static func errorRange(at offset: Int, in file: SourceFile) -> Range<Int> {
        let bytes = file.bytes
        guard offset < bytes.count else { return offset..<offset }
        var end = offset
        let delimiters: Set<UInt8> = [UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"),
                                      UInt8(ascii: ";"), UInt8(ascii: ","), UInt8(ascii: "("), UInt8(ascii: ")")]
        while end < bytes.count, !delimiters.contains(bytes[end]) { end += 1 }
        return offset..<max(end, offset + 1)
    }

    private static func firstNonBlank(in piece: Range<Int>, of bytes: [UInt8]) -> Int {
        piece.first { !(bytes[$0] == 32 || (9...13).contains(bytes[$0])) } ?? piece.lowerBound
    }
}
