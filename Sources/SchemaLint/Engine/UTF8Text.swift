#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Name tests in UTF-8 bytes. PostgreSQL compares names byte for byte; `==`, `hasSuffix` and `lowercased()` compare
/// grapheme clusters or build strings, and the model and the rules run them on every lookup and every column.
extension String {
    /// Whether the two strings are the same bytes (not merely canonically equivalent, as `==` asks).
    func hasSameUTF8(as other: String) -> Bool {
        let count = utf8.count
        guard count == other.utf8.count else { return false }
        guard count > 0 else { return true }
        return utf8.withContiguousStorageIfAvailable { x in
            other.utf8.withContiguousStorageIfAvailable { y in memcmp(x.baseAddress!, y.baseAddress!, count) == 0 }
        }.flatMap { $0 } ?? utf8.elementsEqual(other.utf8)
    }

    /// Whether the string's bytes end with `suffix`'s.
    func hasUTF8Suffix(_ suffix: String) -> Bool {
        let (count, tail) = (utf8.count, suffix.utf8.count)
        guard tail <= count else { return false }
        guard tail > 0 else { return true }
        return utf8.withContiguousStorageIfAvailable { word in
            suffix.utf8.withContiguousStorageIfAvailable { ending in
                memcmp(word.baseAddress! + (count - tail), ending.baseAddress!, tail) == 0
            }
        }.flatMap { $0 } ?? utf8.reversed().starts(with: suffix.utf8.reversed())
    }

    /// `lowercased()`, but the string itself when it is ASCII without capitals (most names): no new string.
    var lowercasedUnlessLower: String {
        var plain = true
        for byte in utf8 where byte >= 0x80 || (byte >= 65 && byte <= 90) { plain = false; break }
        return plain ? self : lowercased()
    }
}
