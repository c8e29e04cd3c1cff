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
}
