import PgQueryProto

/// A piece of a file that libpg_query rejected: becomes a `syntax-error` finding.
import PgQueryProto

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

/// A file cut into statement-sized pieces, ready to parse (in any order, on any thread).
public struct SplitFile: @unchecked Sendable {
    public let file: SourceFile
    /// The bytes given to libpg_query: the file's, with NUL bytes blanked.
    let bytes: [UInt8]
    /// Statement pieces in order, each including its leading comments.
    public let pieces: [Range<Int>]
    /// Errors that belong to the file rather than a piece (NUL bytes, text not even the scanner can split).
    let fileErrors: [SyntaxError]
    /// The parser split the file, which means every piece is valid SQL.
    let validated: Bool
}

/// Splits a file into statements and parses each on its own, so a broken statement costs only itself:
/// split with the parser (exact), fall back to the scanner when the file does not parse as a whole.
public enum SQLParser {
    /// Sequential split and parse of one file.
    public static func parse(_ file: SourceFile) -> ParsedFile {
        let split = self.split(file)
        var items = split.fileErrors.map(ParsedFile.Item.syntaxError)
        for (index, piece) in split.pieces.enumerated() { items += parse(piece: piece, index: index, of: split) }
        return ParsedFile(file: file, items: items)
    }

    public static func split(_ file: SourceFile) -> SplitFile {
        var (bytes, errors) = InputCleaner.clean(file)
        var validated = false
        var pieces: [Range<Int>]
        switch LibPgQuery.splitWithParser(bytes) {
        case .success(let ranges):
            pieces = ranges
            validated = true
        case .failure:
            // psql scripts: meta-command lines, COPY … FROM stdin data and :variables are psql's, not SQL.
            // Only a file that does not parse is read that way, so valid SQL is never rewritten.
            if let psql = PsqlScript.strip(bytes), case .success(let ranges) = LibPgQuery.splitWithParser(psql) {
                bytes = psql
                pieces = ranges
                validated = true
            } else {
                if let psql = PsqlScript.strip(bytes) { bytes = psql }
                pieces = scannerSplit(bytes, file: file, errors: &errors)
            }
        }
        pieces = pieces.filter { $0.lowerBound >= 0 && $0.upperBound <= bytes.count }
        return SplitFile(file: file, bytes: bytes, pieces: pieces, fileErrors: errors, validated: validated)
    }

    /// Splits text that does not parse. When not even the scanner can (an unterminated quote, comment or
    /// dollar quote), the text before the problem is split on its own and the problem reported once.
    private static func scannerSplit(_ bytes: [UInt8], file: SourceFile, errors: inout [SyntaxError]) -> [Range<Int>] {
        switch LibPgQuery.splitWithScanner(bytes) {
        case .success(let ranges): return ranges
        case .failure(let failure):
            let offset = failure.cursorCharacter.map { file.byteOffset(ofCharacter: $0, from: 0) } ?? 0
            errors.append(SyntaxError(range: errorRange(at: offset, in: file), message: firstLine(of: failure.message),
                                      piece: offset..<bytes.count))
            // Statements before the problem still count; cut at the start of its line to stay outside it.
            var cut = min(offset, bytes.count)
            while cut > 0, bytes[cut - 1] != UInt8(ascii: "\n") { cut -= 1 }
            guard cut > 0, cut < bytes.count else { return [] }
            let prefix = Array(bytes[..<cut])
            if case .success(let ranges) = LibPgQuery.splitWithScanner(prefix) { return ranges }
            return []
        }
    }

    /// libpg_query quotes the rest of the input after an unterminated token: keep the first line.
    static func firstLine(of message: String) -> String {
        guard let newline = message.firstIndex(where: { $0 == "\n" || $0 == "\r" }) else { return message }
        return String(message[..<newline]) + "…\""
    }

    /// Parses one piece: its statement(s), or a syntax error at libpg_query's cursor.
    public static func parse(piece: Range<Int>, index: Int, of split: SplitFile) -> [ParsedFile.Item] {
        let file = split.file
        // Queries, data changes, views and function bodies change nothing the model tracks; once the
        // parser has validated the file, their trees are not worth building (libpg_query's serialisation
        // of a large view costs more than everything else about it).
        if split.validated, StatementKeywords.isOpaque(split.bytes, piece) {
            return [.statement(Statement(file: file, index: index, range: piece, node: PgQuery_Node()))]
        }
        switch LibPgQuery.parse(Array(split.bytes[piece])) {
        case .success(let result):
            return result.stmts.map { .statement(Statement(file: file, index: index, range: piece, node: $0.stmt)) }
        case .failure(let failure):
            let offset = failure.cursorCharacter.map { file.byteOffset(ofCharacter: $0, from: piece.lowerBound) }
                ?? firstNonBlank(in: piece, of: split.bytes)
            return [.syntaxError(SyntaxError(range: errorRange(at: offset, in: file), message: failure.message,
                                             piece: piece))]
        }
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
