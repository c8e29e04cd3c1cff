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
    /// DO blocks, function bodies and what was found inside them.
    var embedded = EmbeddedStatements.Counts()

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
        items.reduce(0) { if case .statement(let s) = $1, s.enclosure == nil { return $0 + 1 } else { return $0 } }
    }
}

/// Parses a file into statements: with PostgreSQL's parser, the whole file at once or, above 128 KB, chunk by chunk
/// (`ChunkedParse`; exact statement boundaries, `BEGIN ATOMIC` bodies right), or, when it does not parse, piece by
/// piece so that a broken statement costs only itself: the scanner splits the file and each piece is parsed on its own.
public enum SQLParser {
    public static func parse(_ file: SourceFile) -> ParsedFile {
        var (bytes, errors) = InputCleaner.clean(file)
        var items: [ParsedFile.Item] = []
        if let statements = parseWhole(bytes) {
            items = statements.enumerated().map { .statement(Statement(file: file, index: $0, range: $1.range, syntax: $1.syntax)) }
        } else {
            // psql scripts: meta-command lines, COPY … FROM stdin data and :variables are psql's, not SQL. Only a file
            // that does not parse is read that way, so valid SQL is never rewritten.
            if let psql = PsqlScript.strip(bytes) { bytes = psql }
            if case .success(let statements) = LibPgQuery.parse(bytes[...], base: 0) {
                items = statements.enumerated().map { .statement(Statement(file: file, index: $0, range: $1.range, syntax: $1.syntax)) }
            } else {
                let pieces = scannerSplit(bytes, file: file, errors: &errors)
                for (index, piece) in pieces.enumerated() { items += parse(piece: piece, index: index, of: file, bytes: bytes) }
            }
        }
        var counts = EmbeddedStatements.Counts()
        items = EmbeddedStatements.expand(items, file: file, bytes: bytes, counts: &counts)
        return ParsedFile(file: file, items: errors.map(ParsedFile.Item.syntaxError) + items, embedded: counts)
    }

    /// The statements of a file that parses, or nil. A file above `ChunkedParse.chunkedAbove` is parsed chunk by
    /// chunk; when a chunk does not parse, the caller's fallback parses the file whole.
    private static func parseWhole(_ bytes: [UInt8]) -> [(range: Range<Int>, syntax: StatementSyntax)]? {
        if bytes.count > ChunkedParse.chunkedAbove { return ChunkedParse.parse(bytes) }
        guard case .success(let statements) = LibPgQuery.parse(bytes[...], base: 0) else { return nil }
        return statements
    }

    /// Splits text that does not parse. When not even the scanner can (an unterminated quote, comment or
    /// dollar quote), the text before the problem is split on its own and the problem reported once.
    private static func scannerSplit(_ bytes: [UInt8], file: SourceFile, errors: inout [SyntaxError]) -> [Range<Int>] {
        let pieces: [Range<Int>]
        switch LibPgQuery.splitWithScanner(bytes[...]) {
        case .success(let ranges): pieces = covering(ranges.filter { $0.upperBound <= bytes.count }, bytes)
        case .failure(let failure):
            let offset = failure.cursorCharacter.map { file.byteOffset(ofCharacter: $0, from: 0) } ?? 0
            errors.append(SyntaxError(range: errorRange(at: offset, in: file), message: firstLine(of: failure.message),
                                      piece: offset..<bytes.count))
            // Statements before the problem still count; cut at the start of its line to stay outside it. The scanner
            // stops there too at an unbalanced parenthesis: `covering` cuts the rest, as for a file it reads whole.
            var cut = min(offset, bytes.count)
            while cut > 0, bytes[cut - 1] != UInt8(ascii: "\n") { cut -= 1 }
            guard cut > 0, cut < bytes.count, case .success(let ranges) = LibPgQuery.splitWithScanner(bytes[..<cut]) else { return [] }
            pieces = covering(ranges.filter { $0.upperBound <= cut }, Array(bytes[..<cut]))
        }
        return pieces.filter { $0.lowerBound >= 0 && $0.upperBound <= bytes.count }
    }

    /// The scanner's pieces, plus the rest of the file where it stopped early: after an unbalanced parenthesis
    /// (`CREATE TABLE t (id int,;`) it returns the statements before it and nothing more, without an error. The rest
    /// is cut at every `;` token (our lexer knows strings, comments and dollar quotes), so the broken statement is
    /// reported and the ones after it are still linted.
    static func covering(_ pieces: [Range<Int>], _ bytes: [UInt8]) -> [Range<Int>] {
        let start = pieces.last?.upperBound ?? 0
        guard start < bytes.count else { return pieces }
        var rest: [Range<Int>] = []
        var pieceStart = start
        for token in Lexer.tokens(bytes, in: start..<bytes.count) where token.kind == .semicolon {
            rest.append(pieceStart..<token.start)
            pieceStart = token.end
        }
        rest.append(pieceStart..<bytes.count)
        // Only pieces with code in them: the `;` that ended the scanner's last piece, blank tails and comments go.
        let code = rest.filter { range in
            Lexer.tokens(bytes, in: range).contains { !$0.isComment }
        }
        return pieces + code
    }

    /// libpg_query quotes the rest of the input after an unterminated token: keep the first line.
    static func firstLine(of message: String) -> String {
        guard let newline = message.firstIndex(where: { $0 == "\n" || $0 == "\r" }) else { return message }
        return String(message[..<newline]) + "…\""
    }

    /// Parses one piece: its statement(s), or a syntax error at libpg_query's cursor.
    private static func parse(piece: Range<Int>, index: Int, of file: SourceFile, bytes: [UInt8]) -> [ParsedFile.Item] {
        switch LibPgQuery.parse(bytes[piece], base: piece.lowerBound) {
        case .success(let statements):
            return statements.map { .statement(Statement(file: file, index: index, range: piece, syntax: $0.syntax)) }
        case .failure(let failure):
            let offset = failure.cursorCharacter.map { file.byteOffset(ofCharacter: $0, from: piece.lowerBound) }
                ?? firstNonBlank(in: piece, of: bytes)
            return [.syntaxError(SyntaxError(range: errorRange(at: offset, in: file), message: failure.message,
                                             piece: piece))]
        }
    }

    /// The token that starts at an error offset, or the rest of its line when it cannot be scanned.
    static func errorRange(at offset: Int, in file: SourceFile) -> Range<Int> {
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
