extension Keyword {
    /// The keyword a word spells, in any case, looked up without making a string: keywords are ASCII, grouped by
    /// length and sorted by their packed key, so a lookup is a binary search over a few dozen integers.
    init?(spelledBy word: UnsafeBufferPointer<UInt8>) {
        let table = KeywordTable.shared
        guard word.count < table.byLength.count, let key = KeywordTable.key(word) else { return nil }
        let candidates = table.byLength[word.count]
        var lo = 0, hi = candidates.count
        while lo < hi {
            let mid = (lo + hi) / 2
            let candidate = candidates[mid].key
            if candidate == key { self = candidates[mid].keyword; return }
            if candidate < key { lo = mid + 1 } else { hi = mid }
        }
        return nil
    }
}

private struct KeywordTable: Sendable {
    static let shared = KeywordTable()

    /// A word of up to 32 bytes folded to lower case and packed into integers, 8 bytes each: a keyword lookup
    /// (once per word the lexer reads) compares two or three integers per step instead of bytes.
    struct Key: Equatable, Sendable {
        var high: UInt64 = 0, middle: UInt64 = 0, low: UInt64 = 0
        static func < (a: Key, b: Key) -> Bool { (a.high, a.middle, a.low) < (b.high, b.middle, b.low) }
    }

    /// Keywords of each length, sorted by their key.
    let byLength: [[(key: Key, keyword: Keyword)]]

    init() {
        let all = Keyword.allCases.map { keyword in
            let text = Array(keyword.text.utf8)
            return (length: text.count, key: text.withUnsafeBufferPointer { Self.key($0)! }, keyword: keyword)
        }
        var byLength = [[(key: Key, keyword: Keyword)]](repeating: [], count: (all.map(\.length).max() ?? 0) + 1)
        for entry in all { byLength[entry.length].append((entry.key, entry.keyword)) }
        self.byLength = byLength.map { $0.sorted { $0.key < $1.key } }
    }

    /// The word's key, ASCII letters folded to lower case as PostgreSQL's keyword lookup does; nil when the word
    /// holds a byte no keyword has (non-ASCII) or is longer than 24 bytes.
    static func key(_ word: UnsafeBufferPointer<UInt8>) -> Key? {
        guard word.count <= 24 else { return nil }
        var key = Key()
        for i in 0..<word.count {
            var b = word[i]
            guard b < 0x80 else { return nil }
            if b >= 65 && b <= 90 { b += 32 }
            switch i {
            case 0..<8: key.high = key.high << 8 | UInt64(b)
            case 8..<16: key.middle = key.middle << 8 | UInt64(b)
            default: key.low = key.low << 8 | UInt64(b)
            }
        }
        return key
    }
}
