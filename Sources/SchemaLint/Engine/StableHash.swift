/// FNV-1a, 64-bit: a hash that is the same on every run and machine (Swift's `Hasher` is seeded per
/// process), for fingerprints that must survive between runs.
public enum StableHash {
    public static func hex(_ parts: [String]) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for part in parts {
            for byte in part.utf8 {
                hash ^= UInt64(byte)
                hash = hash &* 0x0000_0100_0000_01b3
            }
            hash ^= 0x1f  // unit separator, so ["ab","c"] != ["a","bc"]
            hash = hash &* 0x0000_0100_0000_01b3
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
