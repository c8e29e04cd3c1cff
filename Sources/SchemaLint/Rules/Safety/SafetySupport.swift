/// Shared wording and source helpers for the migration-safety rules.
enum Safety {
    /// "takes an ACCESS EXCLUSIVE lock on "walk", which blocks all reads and writes"
    static func lockPhrase(_ mode: LockMode, on target: String) -> String {
        "takes \(article(mode)) \(mode) lock on \(target), which blocks \(mode.blocks)"
    }

    static func article(_ mode: LockMode) -> String {
        // "an ACCESS EXCLUSIVE", "an EXCLUSIVE", "a SHARE …", "a ROW …"
        switch mode {
        case .accessShare, .accessExclusive, .exclusive: "an"
        default: "a"
        }
    }

    /// The strongest lock a statement takes on `table`, or `fallback`.
    static func lock(on table: QualifiedName, in statement: StatementContext, fallback: LockMode) -> LockMode {
        statement.locks.filter { $0.table == table }.map(\.mode).max() ?? fallback
    }

    /// How a message names what a statement locks in `mode`: `tables` first, then every other existing relation it
    /// locks as strongly (the table a dropped foreign key references), each once: `"site", "person"`.
    static func lockTargets(_ tables: [QualifiedName], _ mode: LockMode, in statement: StatementContext) -> String {
        var names = tables.map(\.quoted)
        for lock in statement.locks where lock.mode == mode && !lock.isNewInFile && !names.contains(lock.target) {
            names.append(lock.target)
        }
        return names.joined(separator: ", ")
    }

    /// The line of a byte offset, for messages that point back at an earlier statement.
    static func line(of anchor: SourceAnchor) -> Int { anchor.file.position(ofByte: anchor.range.lowerBound).line }

    /// The safe recipe for the lock queue, appended to help texts of rules about short but blocking locks.
    static let lockTimeoutAdvice = "Run it with a short `SET lock_timeout = '2s';` so that, if it has to wait behind a long "
        + "transaction, it gives up (retry later) instead of queueing every other query behind it."
}

extension Safety {
    /// `DROP … IF EXISTS`.
    static func dropsIfExists(_ statement: Statement) -> Bool {
        if case .drop(let drop) = statement.syntax { return drop.missingOk }
        return false
    }
}

extension Statement {
    /// From the start of the statement through the name of the table it acts on (`ALTER TABLE walk`,
    /// `CREATE INDEX walk_idx ON walk`), or its first line: a short anchor for statement-level findings.
    var safetyHead: Range<Int> {
        if let location = syntax.actedOnRelation?.location { return headRange(throughNameAt: location) }
        return firstLine
    }

    /// The statement's code on its first line.
    var firstLine: Range<Int> {
        let content = contentRange
        var end = content.lowerBound
        for token in codeTokens(in: content) {
            if token.start > content.lowerBound, file.bytes[content.lowerBound..<token.start].contains(UInt8(ascii: "\n")) { break }
            end = token.end
        }
        return content.lowerBound..<max(end, content.lowerBound)
    }

    /// The statement's text (without leading comments) with `insertion` placed after the first code token of
    /// one of `kinds` (or before it, with `before`); nil when there is no such token.
    func rewritten(inserting insertion: String, after keywords: Set<Keyword>, skipping skip: Set<Keyword> = [],
                   before: Bool = false) -> String? {
        let content = contentRange
        let tokens = codeTokens(in: content)
        guard var i = tokens.firstIndex(where: { $0.keyword.map(keywords.contains) == true }) else { return nil }
        // Move past tokens that must stay in front of the insertion (`INDEX CONCURRENTLY` before `IF NOT EXISTS`).
        while !before, i + 1 < tokens.endIndex, tokens[i + 1].keyword.map(skip.contains) == true { i += 1 }
        let at = before ? tokens[i].start : tokens[i].end
        let text = file.text(content.lowerBound..<at) + (before ? insertion + " " : " " + insertion)
            + file.text(at..<content.upperBound)
        return text + ";"
    }

    /// The statement's text with `range` replaced.
    func replacing(_ range: Range<Int>, with replacement: String) -> String {
        let content = contentRange
        return file.text(content.lowerBound..<range.lowerBound) + replacement + file.text(range.upperBound..<content.upperBound)
    }
}
