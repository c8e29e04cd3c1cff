/// The leading keywords of a statement, read from its bytes without the parser.
enum StatementKeywords {
    /// Statements whose tree nothing reads: queries, grants, comments, COPY and DO blocks. They still count
    /// as statements, with an empty tree. Data changes (anchors of safety findings), views and functions
    /// (idempotence, declared volatility) are parsed. Keep this list to kinds no rule or model code reads.
    static func isOpaque(_ bytes: [UInt8], _ range: Range<Int>) -> Bool {
        var words = Words(bytes: bytes, position: range.lowerBound, end: range.upperBound)
        switch words.next() {
        case "select", "with", "values", "copy", "grant", "revoke", "comment", "do": return true
        default: return false
        }
    }

    /// Lower-cased words, skipping blanks and comments (nested `/* */` as PostgreSQL allows). Stops at the
    /// first character that is neither.
    struct Words {
        let bytes: [UInt8]
        var position: Int
        let end: Int

        mutating func next() -> String? {
            skipBlanksAndComments()
            let start = position
            while position < end, Self.isWordByte(bytes[position]) { position += 1 }
            guard position > start else { return nil }
            return String(decoding: bytes[start..<position], as: UTF8.self).lowercased()
        }

        private mutating func skipBlanksAndComments() {
            while position < end {
                let b = bytes[position]
                if b == 32 || (9...13).contains(b) {
                    position += 1
                } else if b == UInt8(ascii: "-"), position + 1 < end, bytes[position + 1] == UInt8(ascii: "-") {
                    while position < end, bytes[position] != UInt8(ascii: "\n") { position += 1 }
                } else if b == UInt8(ascii: "/"), position + 1 < end, bytes[position + 1] == UInt8(ascii: "*") {
                    var depth = 0
                    while position + 1 < end {
                        if bytes[position] == UInt8(ascii: "/"), bytes[position + 1] == UInt8(ascii: "*") {
                            depth += 1; position += 2
                        } else if bytes[position] == UInt8(ascii: "*"), bytes[position + 1] == UInt8(ascii: "/") {
                            depth -= 1; position += 2
                            if depth == 0 { break }
                        } else {
                            position += 1
                        }
                    }
                    if depth > 0 { position = end }
                } else {
                    return
                }
            }
        }

        static func isWordByte(_ b: UInt8) -> Bool {
            (b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z")) || (b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z"))
                || b == UInt8(ascii: "_")
        }
    }
}
