/// One parsed statement: its typed tree, where it sits in its file, and (on demand) its tokens.
/// Locations in `syntax` are absolute byte offsets in the file.
public final class Statement: @unchecked Sendable {
    public let file: SourceFile
    /// Position of the statement within its file (0-based), counting syntax errors too.
    public let index: Int
    /// Byte range as parsed: from just after the previous `;`, so leading comments are included.
    public let range: Range<Int>
    public let syntax: StatementSyntax
    /// The DO block or function body the statement is inside; nil at the top level of the file.
    public let enclosure: Enclosure?

    /// Code inside other code: DO blocks run during the migration, function bodies when the function is called.
    public enum Enclosure: Sendable, Equatable { case doBlock, functionBody }
    /// Inside a DO block, under IF or CASE or in a block with an EXCEPTION handler: the block decides whether it runs
    /// (it is still replayed, as if it did).
    public let isGuarded: Bool

    init(file: SourceFile, index: Int, range: Range<Int>, syntax: StatementSyntax, enclosure: Enclosure? = nil,
         isGuarded: Bool = false) {
        self.file = file
        self.index = index
        self.range = range
        self.syntax = syntax
        self.enclosure = enclosure
        self.isGuarded = isGuarded
    }

    /// Tokens of the statement, comments included, with absolute byte offsets.
    public private(set) lazy var tokens: [Token] = Lexer.tokens(file.bytes, in: range)

    /// The statement without leading comments and blanks, up to its last token.
    public private(set) lazy var contentRange: Range<Int> = SourceTrim.content(of: range, in: file.bytes)
        ?? {
            guard let first = tokens.first(where: { !$0.isComment }), let last = tokens.last(where: { !$0.isComment }) else {
                return range
            }
            return first.start..<last.end
        }()

    /// The spelling of the source between two offsets.
    public func text(_ range: Range<Int>) -> String { file.text(range) }

    /// Index of the first token starting at or after `offset`.
    func tokenIndex(atOrAfter offset: Int) -> Int {
        var lo = 0, hi = tokens.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if tokens[mid].start < offset { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    /// Statements whose findings need token spans (clauses, ALTER actions, index keys): workers lex them ahead.
    var needsTokens: Bool {
        switch syntax {
        case .createTable, .alterTable, .createIndex: true
        default: false
        }
    }
}
