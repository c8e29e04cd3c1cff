/// Token-based ranges for constructs the tree gives only a start location for (or none at all).
/// Rules use these so that a finding points at the clause that is wrong, not at the whole statement.
extension Statement {
    /// From the token at `start` to the end of its clause: the last token before a `,` or an unbalanced `)`
    /// at the same nesting depth, or before `stop` (an absolute offset) when given.
    public func clauseRange(from start: Int, stoppingBefore stop: Int? = nil) -> Range<Int> {
        var depth = 0
        var end = start
        var i = tokenIndex(atOrAfter: start)
        while i < tokens.count {
            let token = tokens[i]
            if let stop, token.start >= stop { break }
            if token.isComment { i += 1; continue }
            switch token.kind {
            case .openParen, .openBracket: depth += 1
            case .closeParen, .closeBracket:
                if depth == 0 { return start..<max(end, start) }
                depth -= 1
            case .comma where depth == 0, .semicolon where depth == 0:
                return start..<max(end, start)
            default: break
            }
            end = token.end
            i += 1
        }
        return start..<max(end, start)
    }

    /// Range of the clause a node location starts, falling back to the whole statement.
    public func clauseRange(at location: Int?, stoppingBefore stop: Int? = nil) -> Range<Int> {
        guard let start = location else { return contentRange }
        return clauseRange(from: start, stoppingBefore: stop)
    }

    /// From the start of the statement through a (possibly qualified) name at `location`:
    /// `CREATE TABLE public.walk` — a one-line anchor for statement-level findings about an object.
    public func headRange(throughNameAt location: Int?) -> Range<Int> {
        let start = contentRange.lowerBound
        guard let nameStart = location else { return contentRange }
        return start..<nameEnd(from: nameStart)
    }

    /// The end of a dotted name starting at `offset` (`a`, `a.b`, `"A"."b"`).
    func nameEnd(from offset: Int) -> Int {
        var i = tokenIndex(atOrAfter: offset)
        guard i < tokens.count else { return offset }
        var end = tokens[i].end
        while i + 2 < tokens.count, tokens[i + 1].kind == .dot {
            end = tokens[i + 2].end
            i += 2
        }
        return end
    }

    /// One range per ALTER TABLE action (`AlterTableCmd` has no location): the comma-separated parts
    /// after the table name. Falls back to the statement for every action when the count disagrees.
    public func alterActionRanges(relation: RelationName, count: Int) -> [Range<Int>] {
        let whole = Array(repeating: contentRange, count: count)
        guard let nameStart = relation.location else { return whole }
        var start = nameEnd(from: nameStart)
        var i = tokenIndex(atOrAfter: start)
        if i < tokens.count, tokens[i].kind == .star { start = tokens[i].end; i += 1 }  // ONLY t *
        var ranges: [Range<Int>] = []
        while i < tokens.count, ranges.count < count {
            while i < tokens.count, tokens[i].isComment || tokens[i].kind == .comma { i += 1 }
            guard i < tokens.count else { break }
            let clause = clauseRange(from: tokens[i].start)
            ranges.append(clause)
            i = tokenIndex(atOrAfter: max(clause.upperBound, tokens[i].end))
            if i < tokens.count, tokens[i].kind != .comma { break }
        }
        return ranges.count == count ? ranges : whole
    }

    /// Tokens inside a range, comments excluded.
    public func codeTokens(in range: Range<Int>) -> ArraySlice<Token> {
        let lo = tokenIndex(atOrAfter: range.lowerBound)
        var hi = lo
        while hi < tokens.count, tokens[hi].end <= range.upperBound { hi += 1 }
        return tokens[lo..<hi].filter { !$0.isComment }[...]
    }

    /// The spelling of a token as written (quotes kept).
    public func spelling(_ token: Token) -> String { file.text(token.range) }
}

extension Statement {
    /// The comma-separated parts of the first parenthesised list (the key list of CREATE INDEX).
    public func indexKeyRanges(count: Int) -> [Range<Int>] {
        let whole = Array(repeating: contentRange, count: count)
        guard let open = tokens.firstIndex(where: { $0.kind == .openParen }), open + 1 < tokens.count else { return whole }
        var ranges: [Range<Int>] = []
        var i = open + 1
        while i < tokens.count, ranges.count < count {
            let clause = clauseRange(from: tokens[i].start)
            ranges.append(clause)
            i = tokenIndex(atOrAfter: clause.upperBound)
            guard i < tokens.count, tokens[i].kind == .comma else { break }
            i += 1
        }
        return ranges.count == count ? ranges : whole
    }

    /// What follows the last top-level WHERE (an index predicate), up to the end of the statement.
    public func whereClauseRange() -> Range<Int> {
        let end = contentRange.upperBound
        var depth = 0
        var start: Int?
        for token in tokens where !token.isComment {
            switch token.kind {
            case .openParen: depth += 1
            case .closeParen: depth -= 1
            case .keyword(.where) where depth == 0: start = token.end
            default: break
            }
        }
        return (start ?? end)..<end
    }

    /// Source text with spacing and case normalised, so `(deleted_at IS NULL)` equals `deleted_at is null`.
    /// Outer parentheses are dropped; string constants and quoted names keep their case.
    public func normalizedText(_ range: Range<Int>) -> String {
        var parts = codeTokens(in: range).map { token -> String in
            let text = spelling(token)
            return token.kind == .string || text.hasPrefix("\"") ? text : text.lowercased()
        }
        while parts.first == "(", parts.last == ")", balancedInside(parts) { parts = Array(parts.dropFirst().dropLast()) }
        return parts.joined(separator: " ")
    }

    private func balancedInside(_ parts: [String]) -> Bool {
        var depth = 0
        for (i, part) in parts.enumerated() {
            if part == "(" { depth += 1 } else if part == ")" { depth -= 1 }
            if depth == 0, i < parts.count - 1 { return false }
        }
        return true
    }
}
