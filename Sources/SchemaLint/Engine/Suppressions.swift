import FoundationEssentials

/// An inline suppression that silenced a finding, with the reason written after `--`, if any.
public struct Suppression: Sendable, Equatable {
    public var reason: String?
}

/// `-- schemalint-ignore rule-a, rule-b -- reason` (the next statement) and
/// `-- schemalint-ignore-file rule-a` (the whole file), read from comment tokens.
struct SuppressionDirective {
    enum Scope { case statement(Range<Int>), file }

    var file: SourceFile
    var comment: Range<Int>
    var rules: [String]
    var reason: String?
    var scope: Scope

    static let marker = "schemalint-ignore"

    /// The directive in one comment's text, or nil when the comment is not one.
    static func parse(comment text: String) -> (fileWide: Bool, rules: [String], reason: String?)? {
        var body = Substring(text)
        if body.hasPrefix("--") { body = body.dropFirst(2) }
        else if body.hasPrefix("/*") { body = body.dropFirst(2); if body.hasSuffix("*/") { body = body.dropLast(2) } }
        body = body.drop { $0 == " " || $0 == "\t" }
        guard body.hasPrefix(marker) else { return nil }
        body = body.dropFirst(marker.count)
        var fileWide = false
        if body.hasPrefix("-file") { fileWide = true; body = body.dropFirst(5) }
        guard body.isEmpty || body.first == " " || body.first == "\t" || body.first == ":" else { return nil }
        var reason: String?
        if let dashes = body.firstRange(of: "--") {
            reason = body[dashes.upperBound...].trimming(.whitespacesAndNewlines)
            body = body[..<dashes.lowerBound]
        }
        let rules = body.split { $0 == "," || $0 == " " || $0 == "\t" || $0 == ":" || $0 == "\n" || $0 == "\r" }
            .map(String.init)
        return (fileWide, rules, reason?.isEmpty == true ? nil : reason)
    }

    /// Every directive in a file. `pieces` are the byte ranges of its statements (and unparsable chunks),
    /// each including its leading comments, so a directive applies to the statement it precedes.
    static func find(in file: SourceFile, pieces: PieceIndex) -> [SuppressionDirective] {
        guard file.contains(marker) else { return [] }
        var directives: [SuppressionDirective] = []
        // A DO block's or function's body is one string token to the file's lexer: the comments inside come from
        // lexing the pieces of the statements inside it (pieces within another piece).
        var comments = Lexer.tokens(file.bytes, in: 0..<file.bytes.count).filter(\.isComment)
        let inner = pieces.nested
        if !inner.isEmpty {
            var seen = Set(comments.map(\.start))
            for piece in inner {
                for token in Lexer.tokens(file.bytes, in: piece) where token.isComment && seen.insert(token.start).inserted {
                    comments.append(token)
                }
            }
            comments.sort { $0.start < $1.start }
        }
        for token in comments {
            guard let parsed = parse(comment: file.text(token.range)) else { continue }
            // The innermost piece: a statement inside a DO block is a piece within the DO statement's.
            let piece = pieces.innermost(containing: token.start)
            let scope: Scope = parsed.fileWide ? .file : .statement(piece ?? token.start..<token.end)
            directives.append(SuppressionDirective(file: file, comment: token.range, rules: parsed.rules,
                                                   reason: parsed.reason, scope: scope))
        }
        return directives
    }

    func covers(_ diagnostic: Diagnostic) -> Bool {
        guard diagnostic.file == file.path, rules.contains(diagnostic.rule) else { return false }
        switch scope {
        case .file: return true
        case .statement(let range): return range.contains(diagnostic.byteRange.lowerBound)
        }
    }
}
