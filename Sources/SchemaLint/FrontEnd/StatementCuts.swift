/// Where a file can be cut into chunks that PostgreSQL parses one by one, or side by side: just after a `;` outside
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
        var i = 0
        while i < n {
            switch bytes[i] {
            case UInt8(ascii: ";"):
                i += 1
                if depth == 0, i >= next, i < n {
                    cuts.append(i)
                    next = i + every
                }
            case UInt8(ascii: "("), UInt8(ascii: "["):
                depth += 1; i += 1
            case UInt8(ascii: ")"), UInt8(ascii: "]"):
                depth -= 1; i += 1
            case UInt8(ascii: "-") where i + 1 < n && bytes[i + 1] == UInt8(ascii: "-"):
                while i < n, bytes[i] != UInt8(ascii: "\n") { i += 1 }
            case UInt8(ascii: "/") where i + 1 < n && bytes[i + 1] == UInt8(ascii: "*"):
                i = blockCommentEnd(bytes, from: i)
            case UInt8(ascii: "'"):
                // E'…' (the E not the end of a longer word) takes backslash escapes.
                let escapes = i > 0 && bytes[i - 1] | 0x20 == UInt8(ascii: "e") && (i < 2 || !continuesWord(bytes[i - 2]))
                i = quotedEnd(bytes, from: i, quote: UInt8(ascii: "'"), backslashEscapes: escapes)
            case UInt8(ascii: "\""):
                i = quotedEnd(bytes, from: i, quote: UInt8(ascii: "\""), backslashEscapes: false)
            case UInt8(ascii: "$") where i == 0 || !continuesWord(bytes[i - 1]):
                i = dollarEnd(bytes, from: i)
            default:
                i += 1
            }
        }
        return cuts
    }

    /// Past a nested `/* … */` comment starting at `i` (the end of the text when it is not closed).
    private static func blockCommentEnd(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        let n = bytes.count
        var depth = 0
        var i = start
        while i + 1 < n {
            if bytes[i] == UInt8(ascii: "/"), bytes[i + 1] == UInt8(ascii: "*") {
                depth += 1; i += 2
            } else if bytes[i] == UInt8(ascii: "*"), bytes[i + 1] == UInt8(ascii: "/") {
                depth -= 1; i += 2
                if depth == 0 { return i }
            } else {
                i += 1
            }
        }
        return n
    }

    /// Past a quoted string or name starting at `i`; a doubled quote is one quote.
    private static func quotedEnd(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, quote: UInt8,
                                  backslashEscapes: Bool) -> Int {
        let n = bytes.count
        var i = start + 1
        while i < n {
            let b = bytes[i]
            i += 1
            if backslashEscapes, b == UInt8(ascii: "\\") {
                i += 1
            } else if b == quote {
                guard i < n, bytes[i] == quote else { return i }
                i += 1
            }
        }
        return n
    }

    /// Past `$tag$ … $tag$` starting at `i`, or just past the `$` when it opens no dollar quote (`$1`, a lone `$`).
    private static func dollarEnd(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        let n = bytes.count
        var tagEnd = start + 1
        while tagEnd < n, bytes[tagEnd] != UInt8(ascii: "$") {
            let b = bytes[tagEnd]
            guard tagEnd == start + 1 ? startsWord(b) : continuesWord(b) else { return start + 1 }
            tagEnd += 1
        }
        guard tagEnd < n else { return start + 1 }
        let length = tagEnd - start + 1
        var i = tagEnd + 1
        while i + length <= n {
            if bytes[i] == UInt8(ascii: "$") {
                var k = 1
                while k < length, bytes[i + k] == bytes[start + k] { k += 1 }
                if k == length { return i + length }
            }
            i += 1
        }
        return n
    }

    private static func startsWord(_ b: UInt8) -> Bool {
        (b | 0x20) >= UInt8(ascii: "a") && (b | 0x20) <= UInt8(ascii: "z") || b == UInt8(ascii: "_") || b >= 0x80
    }

    private static func continuesWord(_ b: UInt8) -> Bool {
        startsWord(b) || (b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9")) || b == UInt8(ascii: "$")
    }
}
