extension Keyword {
    /// The keyword a word spells, in any case, looked up without making a string.
    init?(spelledBy word: UnsafeBufferPointer<UInt8>) {
        guard let keyword = KeywordKey(word, from: 0, to: word.count)?.keyword else { return nil }
        self = keyword
    }
}

/// A word folded to lower case as PostgreSQL's keyword lookup does (ASCII letters only) and packed into three
/// integers, eight bytes each. Keywords are ASCII and at most 24 bytes long: a longer word, or one with another
/// byte, has no key.
struct KeywordKey: Equatable, Sendable {
    var first: UInt64, second: UInt64, third: UInt64
    var count: Int
}

extension KeywordKey {
    /// The key of `bytes[start..<end]`, read eight bytes at a time (and past `end`, masked, while `bytes` lasts).
    init?(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) {
        let count = end - start
        guard count <= 24, let base = bytes.baseAddress else { return nil }
        let raw = UnsafeRawPointer(base + start)
        let readable = bytes.count - start
        let (first, second, third) = (Self.load(raw, offset: 0, count: count, readable: readable),
                                      Self.load(raw, offset: 8, count: count, readable: readable),
                                      Self.load(raw, offset: 16, count: count, readable: readable))
        guard (first | second | third) & 0x8080_8080_8080_8080 == 0 else { return nil }
        self.init(first: Self.lowercased(first), second: Self.lowercased(second), third: Self.lowercased(third), count: count)
    }

    /// Bytes `offset..<offset + 8` of a word of `count` bytes, zero past its end; read whole when `readable` bytes
    /// allow, a byte at a time at the end of the buffer.
    @inline(__always)
    private static func load(_ raw: UnsafeRawPointer, offset: Int, count: Int, readable: Int) -> UInt64 {
        let wanted = min(max(count - offset, 0), 8)
        guard wanted > 0 else { return 0 }
        var word: UInt64 = 0
        if readable - offset >= 8 {
            word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
        } else {
            for i in 0..<wanted { word |= UInt64(raw.load(fromByteOffset: offset + i, as: UInt8.self)) << (8 * i) }
        }
        return wanted == 8 ? word : word & ((1 << (8 * UInt64(wanted))) - 1)
    }

    /// ASCII letters A–Z folded to a–z in eight ASCII bytes at once: a byte is upper case when adding 0x3F sets its
    /// high bit (it is at least `A`) and adding 0x25 does not (it is at most `Z`); the fold adds 0x20.
    private static func lowercased(_ word: UInt64) -> UInt64 {
        let atLeastA = word &+ 0x3F3F_3F3F_3F3F_3F3F
        let aboveZ = word &+ 0x2525_2525_2525_2525
        return word | ((atLeastA & ~aboveZ & 0x8080_8080_8080_8080) >> 2)
    }

    /// The keyword this word is, if any.
    var keyword: Keyword? { KeywordTable.shared.find(self) }
}

/// PostgreSQL's 470-odd keywords in an open-addressing table of 2,048 slots: a lookup (once per word the
/// lexer reads) hashes three integers and compares one or two slots. A binary search by length cost a word 150
/// instructions, this about 30.
private struct KeywordTable: Sendable {
    static let shared = KeywordTable()

    private static let bits = 11
    private let keys: [KeywordKey]
    /// The keyword's raw value plus one in each slot; 0 for an empty slot.
    private let slots: [UInt16]

    private static func slot(_ key: KeywordKey) -> Int {
        let mixed = (key.first &* 0x9E37_79B9_7F4A_7C15) ^ (key.second &* 0xC2B2_AE3D_27D4_EB4F) ^ key.third ^ UInt64(key.count)
        return Int(truncatingIfNeeded: (mixed &* 0x1656_67B1_9E37_79F9) >> UInt64(64 - bits))
    }

    init() {
        var keys = [KeywordKey](repeating: KeywordKey(first: 0, second: 0, third: 0, count: 0), count: 1 << Self.bits)
        var slots = [UInt16](repeating: 0, count: 1 << Self.bits)
        for keyword in Keyword.allCases {
            let text = Array(keyword.text.utf8)
            guard let key = text.withUnsafeBufferPointer({ KeywordKey($0, from: 0, to: $0.count) }) else {
                preconditionFailure("keyword \(keyword.text) is not a short ASCII word")
            }
            var i = Self.slot(key)
            while slots[i] != 0 { i = (i + 1) & ((1 << Self.bits) - 1) }
            keys[i] = key
            slots[i] = keyword.rawValue + 1
        }
        self.keys = keys
        self.slots = slots
    }

    func find(_ key: KeywordKey) -> Keyword? {
        var i = Self.slot(key)
        while true {
            let entry = slots[i]
            if entry == 0 { return nil }
            if keys[i] == key { return Keyword(rawValue: entry - 1) }
            i = (i + 1) & ((1 << Self.bits) - 1)
        }
    }
}
