import PgQueryProto

/// One parsed statement: its typed tree, where it sits in its file, and (on demand) its tokens.
/// Node `location` fields are relative to the statement's piece of text; `absolute(_:)` rebases them.
public final class Statement: @unchecked Sendable {
    public let file: SourceFile
    /// Position of the statement within its file (0-based), counting syntax errors too.
    public let index: Int
    /// Byte range as split: from just after the previous `;`, so leading comments are included.
    public let range: Range<Int>
    public let node: PgQuery_Node

    init(file: SourceFile, index: Int, range: Range<Int>, node: PgQuery_Node) {
        self.file = file
        self.index = index
        self.range = range
        self.node = node
    }

    /// Tokens of the statement, comments included, with absolute byte offsets.
    public private(set) lazy var tokens: [Token] = {
        LibPgQuery.scan(Array(file.bytes[range])).map { $0.shifted(by: range.lowerBound) }
    }()

    /// Absolute byte offset of a node location; nil when libpg_query did not record one (-1).
    public func absolute(_ location: Int32) -> Int? {
        location >= 0 ? range.lowerBound + Int(location) : nil
    }

    /// The statement without leading comments and blanks, up to its last token.
    public var contentRange: Range<Int> {
        let code = tokens.filter { !$0.isComment }
        if let first = code.first, let last = code.last { return first.start..<last.end }
        return range
    }

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
}
