/// A lexical token. Offsets are bytes, absolute in the file.
public struct Token: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// A name, plain or double-quoted (the spelling tells which).
        case identifier
        case keyword(Keyword)
        /// A string constant: `'…'`, `E'…'`, `B'…'`, `X'…'`, `N'…'`, `U&'…'` or dollar-quoted.
        case string
        case number
        /// `$1`.
        case parameter
        /// A run of operator characters (`<>`, `::`, `||`).
        case `operator`
        /// Punctuation and single-character operators: `( ) [ ] , ; . : * = + -` and the like.
        case symbol(UInt8)
        case lineComment, blockComment

        public static let openParen = Kind.symbol(UInt8(ascii: "("))
        public static let closeParen = Kind.symbol(UInt8(ascii: ")"))
        public static let openBracket = Kind.symbol(UInt8(ascii: "["))
        public static let closeBracket = Kind.symbol(UInt8(ascii: "]"))
        public static let comma = Kind.symbol(UInt8(ascii: ","))
        public static let semicolon = Kind.symbol(UInt8(ascii: ";"))
        public static let dot = Kind.symbol(UInt8(ascii: "."))
        public static let star = Kind.symbol(UInt8(ascii: "*"))
    }

    public var start: Int
    public var end: Int
    public var kind: Kind

    public var isComment: Bool { kind == .lineComment || kind == .blockComment }
    public var isKeyword: Bool { keyword != nil }
    public var range: Range<Int> { start..<end }

    /// The keyword this token is, if it is one.
    public var keyword: Keyword? {
        if case .keyword(let keyword) = kind { return keyword }
        return nil
    }

    public func `is`(_ keyword: Keyword) -> Bool { kind == .keyword(keyword) }
}
