import Testing
@testable import SchemaLint

/// The lexer's keyword lookup: every PostgreSQL 15 keyword in any case, nothing else.
struct KeywordLookupTests {
    static func lookUp(_ word: String) -> Keyword? {
        Array(word.utf8).withUnsafeBufferPointer { Keyword(spelledBy: $0) }
    }

    @Test("Every keyword is found, in lower, upper and mixed case")
    func everyKeyword() {
        for keyword in Keyword.allCases {
            let mixed = String(keyword.text.enumerated().map { $0.offset % 2 == 0 ? Character($0.element.uppercased()) : $0.element })
            for spelling in [keyword.text, keyword.text.uppercased(), mixed] {
                #expect(Self.lookUp(spelling) == keyword, "\(spelling)")
            }
        }
    }

    @Test("Words that are not keywords are not found", arguments: [
        "walk", "selectx", "selec", "", "_select", "select_", "straße", "sélect", "current_timestamps",
        "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "SELECT1", "ínsert",
    ])
    func notKeywords(word: String) {
        #expect(Self.lookUp(word) == nil)
    }

    /// The lexer packs a word's key eight bytes at a time, reading past the word while the buffer lasts: what
    /// follows the word, inside the buffer or past a range's end, must not change what it is.
    @Test("Words are keywords or not whatever follows them in the buffer")
    func wordsInContext() {
        func kinds(_ text: String, in range: Range<Int>? = nil) -> [Token.Kind] {
            let bytes = Array(text.utf8)
            return Lexer.tokens(bytes, in: range ?? 0..<bytes.count).map(\.kind)
        }
        #expect(kinds("SELECT selectx,Select") == [.keyword(.select), .identifier, .comma, .keyword(.select)])
        #expect(kinds("selectxyz", in: 0..<6) == [.keyword(.select)])
        #expect(kinds("current_timestamp current_timestamps CURRENT_TIMESTAMP")
            == [.keyword(.current_timestamp), .identifier, .keyword(.current_timestamp)])
        #expect(kinds("x AUTHORIZATION") == [.identifier, .keyword(.authorization)])
        #expect(kinds("sélect é") == [.identifier, .identifier])
        #expect(kinds("in") == [.keyword(.in)])
    }
}
