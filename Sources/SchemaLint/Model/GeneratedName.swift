/// The names PostgreSQL makes up for objects created without one (`walk_pkey`, `walk_dog_id_fkey`,
/// `walk_id_seq`, `walk_dog_id_idx`): its `makeObjectName`, which shortens the parts, the longer first, so
/// that the label survives in 63 bytes. Cutting the joined name at 63 bytes instead loses the label, and can
/// give the table's own name.
enum GeneratedName {
    static func make(_ name1: String, _ name2: String?, label: String) -> String {
        let first = Array(name1.utf8), second = name2.map { Array($0.utf8) } ?? []
        let overhead = (name2 == nil ? 0 : 1) + label.utf8.count + 1
        var (n1, n2) = (first.count, second.count)
        while n1 + n2 > 63 - overhead {
            if n1 > n2 { n1 -= 1 } else { n2 -= 1 }
        }
        var parts = [clipped(first, to: n1)]
        if name2 != nil { parts.append(clipped(second, to: n2)) }
        return (parts + [label]).joined(separator: "_")
    }

    /// The first `count` bytes, less a character cut in half.
    private static func clipped(_ bytes: [UInt8], to count: Int) -> String {
        var end = count
        if end < bytes.count { while end > 0, bytes[end] & 0xC0 == 0x80 { end -= 1 } }
        return String(decoding: bytes[..<end], as: UTF8.self)
    }
}
