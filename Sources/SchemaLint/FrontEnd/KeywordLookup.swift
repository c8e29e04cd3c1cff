extension Keyword {
    /// The keyword a word spells, in any case, looked up without making a string: keywords are ASCII, grouped by
    /// length and sorted, so a lookup is a binary search over a few dozen byte strings.
    init?(spelledBy word: UnsafeBufferPointer<UInt8>) {
        let table = KeywordTable.shared
        guard word.count < table.byLength.count else { return nil }
        let candidates = table.byLength[word.count]
        var lo = 0, hi = candidates.count
        while lo < hi {
            let mid = (lo + hi) / 2
            switch KeywordTable.compare(word, candidates[mid].text) {
            case 0: self = candidates[mid].keyword; return
            case ..<0: hi = mid
            default: lo = mid + 1
            }
        }
        return nil
    }
}

private struct KeywordTable: Sendable {
    static let shared = KeywordTable()

    /// Keywords of each length, sorted by their text.
    let byLength: [[(text: [UInt8], keyword: Keyword)]]

    init() {
        let all = Keyword.allCases.map { (text: Array($0.text.utf8), keyword: $0) }
        var byLength = [[(text: [UInt8], keyword: Keyword)]](repeating: [], count: (all.map(\.text.count).max() ?? 0) + 1)
        for entry in all { byLength[entry.text.count].append(entry) }
        self.byLength = byLength.map { $0.sorted { $0.text.lexicographicallyPrecedes($1.text) } }
    }

    /// Compares a word, folded to lower case, with a keyword's text of the same length: <0, 0 or >0.
    static func compare(_ word: UnsafeBufferPointer<UInt8>, _ keyword: [UInt8]) -> Int {
        for i in 0..<word.count {
            var b = word[i]
            if b >= 65 && b <= 90 { b += 32 }
            if b != keyword[i] { return Int(b) - Int(keyword[i]) }
        }
        return 0
    }
}
