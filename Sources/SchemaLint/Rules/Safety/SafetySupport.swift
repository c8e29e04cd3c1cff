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

/// Whether a column default makes ADD COLUMN rewrite the table on PostgreSQL 11+, where a default that is not
/// volatile is stored once in the catalog instead of in every row.
enum DefaultVolatility {
    /// Volatile built-ins: a new value per row, so every row must be written.
    static let volatileFunctions: Set<String> = [
        "random", "random_normal", "gen_random_uuid", "uuidv4", "uuidv7", "uuid_generate_v1", "uuid_generate_v1mc",
        "uuid_generate_v4", "gen_random_bytes", "clock_timestamp", "timeofday", "nextval", "currval", "lastval",
        "setval", "txid_current", "pg_current_xact_id",
    ]

    /// Stable or immutable built-ins common in defaults: evaluated once by ADD COLUMN, no rewrite.
    static let nonVolatileFunctions: Set<String> = [
        "now", "transaction_timestamp", "statement_timestamp", "current_setting", "current_database", "current_schema",
        "timezone", "date_trunc", "date_part", "make_date", "make_time", "make_timestamp", "make_timestamptz",
        "make_interval", "to_timestamp", "to_date", "to_char", "lower", "upper", "btrim", "ltrim", "rtrim", "trim",
        "concat", "concat_ws", "md5", "length", "replace", "substring", "substr", "coalesce", "nullif", "greatest",
        "least", "abs", "round", "floor", "ceil", "jsonb_build_object", "json_build_object", "jsonb_build_array",
        "json_build_array", "to_jsonb", "to_json", "array_fill", "int4range", "int8range", "numrange", "tsrange",
        "tstzrange", "daterange", "point", "inet", "cidr", "uuid_nil", "uuid_ns_dns", "uuid_ns_url",
    ]

    enum Verdict: Equatable {
        case constant
        /// Volatile (a known volatile function, or one the run did not declare STABLE or IMMUTABLE).
        case volatile(function: String, known: Bool)
    }

    /// Volatile when any function it calls is volatile. Functions schemalint does not know (not in the lists and
    /// not created in the run with STABLE or IMMUTABLE) are treated as volatile: VOLATILE is what CREATE FUNCTION
    /// declares unless told otherwise, and a false alarm here costs a look while a miss costs an outage.
    static func judge(_ expression: Expression, model: SchemaModel) -> Verdict {
        for call in expression.functionCalls {
            let name = call.baseName
            guard !name.isEmpty else { continue }
            if volatileFunctions.contains(name) { return .volatile(function: name, known: true) }
            if let declared = model.functionVolatility[name] {
                if declared == .volatile { return .volatile(function: name, known: true) }
                continue
            }
            if nonVolatileFunctions.contains(name) { continue }
            return .volatile(function: name, known: false)
        }
        return .constant
    }

    /// `NULL` or `NULL::type`: no value at all.
    static func isNull(_ expression: Expression) -> Bool {
        if case .constant(.null, _) = expression.uncast { return true }
        return false
    }
}
