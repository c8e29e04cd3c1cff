/// A statement's code without the blanks and comments around it, found from its bytes without lexing it: leading
/// blanks and comments are skipped as PostgreSQL's lexer does, trailing blanks trimmed. Nil when the end might sit
/// inside a comment, where only the tokens can tell.
enum SourceTrim {
    static func content(of range: Range<Int>, in bytes: [UInt8]) -> Range<Int>? {
        bytes.withUnsafeBufferPointer { content(of: range, in: $0) }
    }

    static func content(of range: Range<Int>, in bytes: UnsafeBufferPointer<UInt8>) -> Range<Int>? {
        var start = range.lowerBound
        let end = min(range.upperBound, bytes.count)
        while start < end {
            let b = bytes[start]
            if b == 32 || (9...13).contains(b) {
                start += 1
            } else if b == UInt8(ascii: "-"), start + 1 < end, bytes[start + 1] == UInt8(ascii: "-") {
                // pg_dump writes three comment lines before each statement.
                start = bytes.index(of: UInt8(ascii: "\n"), from: start, to: end) ?? end
            } else if b == UInt8(ascii: "/"), start + 1 < end, bytes[start + 1] == UInt8(ascii: "*") {
                var depth = 0
                while start + 1 < end {
                    if bytes[start] == UInt8(ascii: "/"), bytes[start + 1] == UInt8(ascii: "*") {
                        depth += 1; start += 2
                    } else if bytes[start] == UInt8(ascii: "*"), bytes[start + 1] == UInt8(ascii: "/") {
                        depth -= 1; start += 2
                        if depth == 0 { break }
                    } else {
                        start += 1
                    }
                }
                if depth > 0 { return nil }
            } else {
                break
            }
        }
        var last = end
        while last > start, bytes[last - 1] == 32 || (9...13).contains(bytes[last - 1]) { last -= 1 }
        guard last > start else { return nil }
        // The last line's code may end in a comment (`… ) -- note`), or the text in `*/`: ask the tokens.
        var lineStart = last
        while lineStart > start, bytes[lineStart - 1] != UInt8(ascii: "\n") { lineStart -= 1 }
        if bytes.index(of: UInt8(ascii: "-"), from: lineStart, to: last) != nil || bytes[last - 1] == UInt8(ascii: "/") { return nil }
        return start..<last
    }
}
