/// PostgreSQL's lexical rules (scan.l), for the token spans rules and suppressions need: names, keywords, strings
/// (dollar quotes, E'' escapes), numbers, operators, punctuation and comments (nested `/* */`). It never fails: an
/// unterminated string, name or comment runs to the end of the text, where the parser reports it.
enum Lexer {
    /// The tokens of `bytes[range]`, comments included, with absolute offsets.
    static func tokens(_ bytes: [UInt8], in range: Range<Int>) -> [Token] {
        bytes.withUnsafeBufferPointer { buffer in
            var lexer = Cursor(bytes: buffer, position: range.lowerBound, end: min(range.upperBound, buffer.count))
            var tokens: [Token] = []
            // About one token per five bytes of DDL: growing the array from empty copied it a dozen times. Capped, so a
            // statement that is mostly one long string or body does not reserve room for tokens it does not have.
            tokens.reserveCapacity(min(range.count / 5 + 4, 4096))
            while let token = lexer.next() { tokens.append(token) }
            return tokens
        }
    }

    /// The scanning rules, shared with `StatementCuts` (which skips quotes and comments without making tokens).
    struct Cursor {
        let bytes: UnsafeBufferPointer<UInt8>
        var position: Int
        let end: Int

        func peek(_ offset: Int = 0) -> UInt8? {
            position + offset < end ? bytes[position + offset] : nil
        }

        mutating func next() -> Token? {
            skipBlanks()
            guard let c = peek() else { return nil }
            let start = position
            let kind: Token.Kind
            switch c {
            case UInt8(ascii: "-") where peek(1) == UInt8(ascii: "-"):
                lineComment()
                kind = .lineComment
            case UInt8(ascii: "/") where peek(1) == UInt8(ascii: "*"):
                blockComment()
                kind = .blockComment
            case UInt8(ascii: "'"):
                quoted(UInt8(ascii: "'"), backslashEscapes: false)
                kind = .string
            case UInt8(ascii: "\""):
                quoted(UInt8(ascii: "\""), backslashEscapes: false)
                kind = .identifier
            case UInt8(ascii: "$"):
                kind = dollar()
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                number()
                kind = .number
            case UInt8(ascii: ".") where peek(1).map(Self.isDigit) == true:
                number()
                kind = .number
            case _ where Self.isIdentifierStart(c):
                kind = word()
            case UInt8(ascii: ":") where peek(1) == UInt8(ascii: ":"):
                position += 2
                kind = .operator
            case _ where Self.isOperatorChar(c):
                kind = operatorRun()
            default:
                position += 1
                kind = .symbol(c)
            }
            return Token(start: start, end: position, kind: kind)
        }

        mutating func skipBlanks() {
            while let b = peek(), b == 32 || (9...13).contains(b) { position += 1 }
        }

        /// To the end of the line (the newline not taken).
        mutating func lineComment() {
            position = bytes.index(of: UInt8(ascii: "\n"), from: position, to: end) ?? end
        }

        mutating func blockComment() {
            var depth = 0
            while position < end {
                if peek() == UInt8(ascii: "/"), peek(1) == UInt8(ascii: "*") {
                    depth += 1; position += 2
                } else if peek() == UInt8(ascii: "*"), peek(1) == UInt8(ascii: "/") {
                    depth -= 1; position += 2
                    if depth == 0 { return }
                } else {
                    position += 1
                }
            }
        }

        /// A quoted string or name starting at `position`; a doubled quote is one quote.
        mutating func quoted(_ quote: UInt8, backslashEscapes: Bool) {
            position += 1
            if !backslashEscapes {
                // Straight to each quote: a doubled one is one quote, and the string goes on.
                while let close = bytes.index(of: quote, from: position, to: end) {
                    position = close + 1
                    if peek() == quote { position += 1 } else { return }
                }
                position = end
                return
            }
            while let b = peek() {
                position += 1
                if backslashEscapes, b == UInt8(ascii: "\\") {
                    if position < end { position += 1 }
                } else if b == quote {
                    if peek() == quote { position += 1 } else { return }
                }
            }
        }

        /// `$1`, or a dollar-quoted string `$tag$ … $tag$`, or a lone `$`.
        mutating func dollar() -> Token.Kind {
            if let d = peek(1), Self.isDigit(d) {
                position += 1
                while let b = peek(), Self.isDigit(b) { position += 1 }
                return .parameter
            }
            var tagEnd = position + 1
            while tagEnd < end, bytes[tagEnd] != UInt8(ascii: "$"),
                  tagEnd == position + 1 ? Self.isIdentifierStart(bytes[tagEnd]) : Self.isIdentifierContinue(bytes[tagEnd]) {
                tagEnd += 1
            }
            guard tagEnd < end, bytes[tagEnd] == UInt8(ascii: "$") else {
                position += 1
                return .symbol(UInt8(ascii: "$"))
            }
            let tag = bytes[position...tagEnd]
            position = tagEnd + 1
            while position < end {
                if bytes[position] == UInt8(ascii: "$"), position + tag.count <= end,
                   bytes[position..<(position + tag.count)].elementsEqual(tag) {
                    position += tag.count
                    return .string
                }
                position += 1
            }
            return .string
        }

        mutating func number() {
            while let b = peek(), Self.isDigit(b) || b == UInt8(ascii: "_") { position += 1 }
            if peek() == UInt8(ascii: "."), peek(1) != UInt8(ascii: ".") {
                position += 1
                while let b = peek(), Self.isDigit(b) || b == UInt8(ascii: "_") { position += 1 }
            }
            if let e = peek(), e == UInt8(ascii: "e") || e == UInt8(ascii: "E") {
                let sign = peek(1) == UInt8(ascii: "+") || peek(1) == UInt8(ascii: "-") ? 1 : 0
                if let d = peek(1 + sign), Self.isDigit(d) {
                    position += 1 + sign
                    while let b = peek(), Self.isDigit(b) { position += 1 }
                }
            }
        }

        /// A name or keyword, or the prefix of a string (`E'…'`, `B'…'`, `X'…'`, `N'…'`, `U&'…'`, `U&"…"`).
        mutating func word() -> Token.Kind {
            let first = bytes[position] | 0x20
            if peek(1) == UInt8(ascii: "'"),
               first == UInt8(ascii: "e") || first == UInt8(ascii: "b") || first == UInt8(ascii: "x") || first == UInt8(ascii: "n") {
                position += 1
                quoted(UInt8(ascii: "'"), backslashEscapes: first == UInt8(ascii: "e"))
                return .string
            }
            if first == UInt8(ascii: "u"), peek(1) == UInt8(ascii: "&"), let q = peek(2), q == UInt8(ascii: "'") || q == UInt8(ascii: "\"") {
                position += 2
                quoted(q, backslashEscapes: false)
                return q == UInt8(ascii: "'") ? .string : .identifier
            }
            let start = position
            while position < end, Self.isIdentifierContinue(bytes[position]) { position += 1 }
            return KeywordKey(bytes, from: start, to: position)?.keyword.map(Token.Kind.keyword) ?? .identifier
        }

        /// A run of operator characters, cut before a comment start, as PostgreSQL does; one character alone is a symbol.
        mutating func operatorRun() -> Token.Kind {
            let start = position
            while let b = peek(), Self.isOperatorChar(b) {
                if b == UInt8(ascii: "-"), peek(1) == UInt8(ascii: "-") { break }
                if b == UInt8(ascii: "/"), peek(1) == UInt8(ascii: "*") { break }
                position += 1
            }
            if position == start { position += 1 }
            return position - start == 1 ? .symbol(bytes[start]) : .operator
        }

        static func isDigit(_ b: UInt8) -> Bool { b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") }

        static func isIdentifierStart(_ b: UInt8) -> Bool {
            (b | 0x20) >= UInt8(ascii: "a") && (b | 0x20) <= UInt8(ascii: "z") || b == UInt8(ascii: "_") || b >= 0x80
        }

        /// Letters, digits, `_`, `$` and any byte of a multibyte character: one bit test per byte of every word.
        static func isIdentifierContinue(_ b: UInt8) -> Bool {
            let digitsAndDollar: UInt64 = 0x3FF << 48 | 1 << 36
            let lettersAndUnderscore: UInt64 = 0x3FF_FFFF << 1 | 1 << 31 | 0x3FF_FFFF << 33
            return b >= 0x80 || ((b < 64 ? digitsAndDollar : lettersAndUnderscore) >> UInt64(b & 63)) & 1 != 0
        }

        static func isOperatorChar(_ b: UInt8) -> Bool {
            switch b {
            case UInt8(ascii: "~"), UInt8(ascii: "!"), UInt8(ascii: "@"), UInt8(ascii: "#"), UInt8(ascii: "^"), UInt8(ascii: "&"),
                 UInt8(ascii: "|"), UInt8(ascii: "`"), UInt8(ascii: "?"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "*"),
                 UInt8(ascii: "/"), UInt8(ascii: "%"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "="):
                true
            default: false
            }
        }
    }
}
