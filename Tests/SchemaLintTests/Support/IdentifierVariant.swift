/// A spelling of the names an example uses that suggestions must survive: a reserved word, mixed case,
/// non-ASCII letters, PostgreSQL's longest name (63 bytes).
struct IdentifierVariant: Sendable, CustomStringConvertible {
    var description: String
    var table: String
    var column: String

    static let original = IdentifierVariant(description: "as written", table: "", column: "")
    static let all: [IdentifierVariant] = [
        IdentifierVariant(description: "reserved word", table: "order", column: "user"),
        IdentifierVariant(description: "mixed case", table: "OrderLine", column: "ShippedOn"),
        IdentifierVariant(description: "non-ASCII", table: "straße", column: "größe"),
        IdentifierVariant(description: "63 bytes", table: String(repeating: "order_line_", count: 5) + "abcdefgh",
                          column: String(repeating: "shipped_on_", count: 5) + "abcdefgh"),
    ]
}

/// Renames identifiers in SQL token by token: a bare word (compared case-insensitively, as PostgreSQL folds it)
/// or a quoted identifier equal to a name is replaced by the new name, always quoted; comments, string
/// literals and dollar-quoted bodies are left alone. Renaming every occurrence keeps the SQL consistent
/// (`walk`, `public.walk`, `walk.dog_id` and `REFERENCES walk` all follow).
struct IdentifierRewrite {
    /// Lower-case (unquoted) or exact (quoted) old name → new name.
    var renames: [String: String]

    var isEmpty: Bool { renames.isEmpty }

    static func quoted(_ name: String) -> String { "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }

    func apply(_ sql: String) -> String {
        guard !renames.isEmpty else { return sql }
        let s = Array(sql.unicodeScalars)
        var out = String.UnicodeScalarView()
        var i = 0
        func copy(_ range: Range<Int>) { out.append(contentsOf: s[range]) }
        func isWordStart(_ c: Unicode.Scalar) -> Bool { c == "_" || c.properties.isAlphabetic || c.value > 127 }
        func isWord(_ c: Unicode.Scalar) -> Bool { isWordStart(c) || c == "$" || ("0"..."9").contains(c) }
        while i < s.count {
            let c = s[i], next = i + 1 < s.count ? s[i + 1] : nil
            var j = i + 1
            if c == "-", next == "-" {
                while j < s.count, s[j] != "\n" { j += 1 }
                copy(i..<j)
            } else if c == "/", next == "*" {
                var depth = 1
                j = i + 2
                while j < s.count, depth > 0 {
                    if s[j] == "*", j + 1 < s.count, s[j + 1] == "/" { depth -= 1; j += 2 }
                    else if s[j] == "/", j + 1 < s.count, s[j + 1] == "*" { depth += 1; j += 2 }
                    else { j += 1 }
                }
                copy(i..<min(j, s.count))
            } else if c == "'" {
                j = Self.endOfQuoted(s, from: i, quote: "'", backslashEscapes: i > 0 && ["e", "E"].contains(s[i - 1]))
                copy(i..<j)
            } else if c == "\"" {
                j = Self.endOfQuoted(s, from: i, quote: "\"", backslashEscapes: false)
                let name = String(String.UnicodeScalarView(s[(i + 1)..<max(i + 1, j - 1)])).replacingOccurrences(of: "\"\"", with: "\"")
                if let new = renames[name] { out.append(contentsOf: Self.quoted(new).unicodeScalars) } else { copy(i..<j) }
            } else if c == "$", let tagEnd = Self.dollarTagEnd(s, from: i) {
                let tag = Array(s[i...tagEnd])
                j = tagEnd + 1
                while j < s.count, !(s[j] == "$" && j + tag.count <= s.count && Array(s[j..<(j + tag.count)]) == tag) { j += 1 }
                j = min(j + tag.count, s.count)
                copy(i..<j)
            } else if isWordStart(c), i == 0 || !isWord(s[i - 1]) {
                while j < s.count, isWord(s[j]) { j += 1 }
                let word = String(String.UnicodeScalarView(s[i..<j]))
                if let new = renames[Self.folded(word)] { out.append(contentsOf: Self.quoted(new).unicodeScalars) } else { copy(i..<j) }
            } else {
                copy(i..<j)
            }
            i = j
        }
        return String(out)
    }

    /// PostgreSQL folds only ASCII letters of an unquoted name.
    static func folded(_ word: String) -> String {
        String(String.UnicodeScalarView(word.unicodeScalars.map { ("A"..."Z").contains($0) ? Unicode.Scalar($0.value + 32)! : $0 }))
    }

    private static func endOfQuoted(_ s: [Unicode.Scalar], from start: Int, quote: Unicode.Scalar, backslashEscapes: Bool) -> Int {
        var j = start + 1
        while j < s.count {
            if backslashEscapes, s[j] == "\\" { j += 2; continue }
            if s[j] == quote {
                if j + 1 < s.count, s[j + 1] == quote { j += 2; continue }
                return j + 1
            }
            j += 1
        }
        return s.count
    }

    /// The index of the closing `$` of a dollar-quote tag (`$$`, `$body$`) starting at `start`; nil for `$1`.
    private static func dollarTagEnd(_ s: [Unicode.Scalar], from start: Int) -> Int? {
        var j = start + 1
        while j < s.count, s[j] == "_" || s[j].properties.isAlphabetic { j += 1 }
        return j < s.count && s[j] == "$" ? j : nil
    }
}
