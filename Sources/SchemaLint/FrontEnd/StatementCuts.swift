/// Where a file can be cut into chunks that PostgreSQL parses one by one: just after a `;` outside
/// strings, quoted names, comments, dollar quotes and brackets. One pass over the bytes, far cheaper than the
/// parser's own split (a second parse). A cut PostgreSQL would not make (a `;` inside a `BEGIN ATOMIC` body, or a
/// quote this scan reads otherwise) leaves a chunk that ends inside its statement and does not parse; the caller then
/// parses the file whole, so a wrong cut costs time, never a different result.
enum StatementCuts {
    /// Offsets just after a top-level `;`: the first such offset at or after each multiple of `every` bytes past
    /// the previous cut. Never 0 or `bytes.count`.
    static func cuts(_ bytes: UnsafeBufferPointer<UInt8>, every: Int) -> [Int] {
        let n = bytes.count
        var cuts: [Int] = []
        guard every > 0, n > every else { return cuts }
        cuts.reserveCapacity(n / every + 1)
        var next = every
        var depth = 0
        // The lexer's own rules skip comments, strings, quoted names and dollar quotes; everything else is a byte.
        var cursor = Lexer.Cursor(bytes: bytes, position: 0, end: n)
        while cursor.position < n {
            let i = cursor.position
            let following = i + 1 < n ? bytes[i + 1] : 0
            switch bytes[i] {
            case UInt8(ascii: ";"):
                cursor.position += 1
                if depth == 0, i + 1 >= next, i + 1 < n {
                    cuts.append(i + 1)
                    next = i + 1 + every
                }
            case UInt8(ascii: "("), UInt8(ascii: "["):
                depth += 1; cursor.position += 1
            case UInt8(ascii: ")"), UInt8(ascii: "]"):
                depth -= 1; cursor.position += 1
            case UInt8(ascii: "-") where following == UInt8(ascii: "-"):
                cursor.lineComment()
            case UInt8(ascii: "/") where following == UInt8(ascii: "*"):
                cursor.blockComment()
            case UInt8(ascii: "'"):
                // E'…' (the E not the end of a longer word) takes backslash escapes, as the lexer's words do.
                let escapes = i > 0 && bytes[i - 1] | 0x20 == UInt8(ascii: "e")
                    && (i < 2 || !Lexer.Cursor.isIdentifierContinue(bytes[i - 2]))
                cursor.quoted(UInt8(ascii: "'"), backslashEscapes: escapes)
            case UInt8(ascii: "\""):
                cursor.quoted(UInt8(ascii: "\""), backslashEscapes: false)
            case UInt8(ascii: "$") where i == 0 || !Lexer.Cursor.isIdentifierContinue(bytes[i - 1]):
                _ = cursor.dollar()  // `$tag$ … $tag$`, or `$1`, or a lone `$`
            default:
                cursor.position += 1
                while cursor.position < n, !isSpecial(bytes[cursor.position]) { cursor.position += 1 }
            }
        }
        return cuts
    }

    /// The bytes the scan above stops at: `; ( ) [ ] - / ' " $`. Most bytes are none of them and are passed over
    /// with one bit test each.
    private static func isSpecial(_ b: UInt8) -> Bool {
        let low: UInt64 = 1 << 59 | 1 << 40 | 1 << 41 | 1 << 45 | 1 << 47 | 1 << 39 | 1 << 34 | 1 << 36
        let high: UInt64 = 1 << (91 - 64) | 1 << (93 - 64)
        return b < 128 && ((b < 64 ? low : high) >> UInt64(b & 63)) & 1 != 0
    }
}
