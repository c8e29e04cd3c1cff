import FoundationEssentials

/// psql scripts mix SQL with psql's own syntax: backslash meta-commands (`\set`, `\i`, `\copy`, `\.`),
/// inline `COPY … FROM stdin` data, and `:variable` interpolation. None of it is SQL, so it is blanked
/// out (offsets unchanged) before parsing: meta-command lines and COPY data become spaces, and the colon
/// of `:name`, `:'name'`, `:"name"` becomes a space, leaving a name, string or quoted name in its place.
enum PsqlScript {
    /// The blanked text, or nil when there is nothing psql-specific in it.
    static func strip(_ input: [UInt8]) -> [UInt8]? {
        var bytes = input
        var changed = false
        var lineStart = 0
        var inCopyData = false
        var quote: UInt8? = nil  // inside '…' or "…"
        var i = 0
        func blank(_ range: Range<Int>) {
            for k in range where bytes[k] != UInt8(ascii: "\n") && bytes[k] != UInt8(ascii: "\r") { bytes[k] = 32 }
            changed = true
        }
        while i < bytes.count {
            let b = bytes[i]
            if i == lineStart, quote == nil {
                let lineEnd = bytes[i...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.count
                let line = bytes[i..<lineEnd]
                let trimmed = line.drop { $0 == 32 || $0 == 9 }
                if inCopyData {
                    if trimmed.starts(with: [UInt8(ascii: "\\"), UInt8(ascii: ".")]) { inCopyData = false }
                    blank(i..<lineEnd)
                    i = lineEnd + 1; lineStart = i
                    continue
                }
                if trimmed.first == UInt8(ascii: "\\") {
                    blank(i..<lineEnd)
                    i = lineEnd + 1; lineStart = i
                    continue
                }
                if isCopyFromStdin(line) { inCopyData = true }
            }
            if b == UInt8(ascii: "\n") { lineStart = i + 1 }
            if let q = quote {
                if b == q { quote = nil }
            } else if b == UInt8(ascii: "'") || b == UInt8(ascii: "\"") {
                quote = b
            } else if b == UInt8(ascii: "-"), i + 1 < bytes.count, bytes[i + 1] == UInt8(ascii: "-") {
                while i < bytes.count, bytes[i] != UInt8(ascii: "\n") { i += 1 }
                lineStart = i + 1
            } else if b == UInt8(ascii: ":"), i + 1 < bytes.count, isVariableStart(bytes[i + 1]),
                      i == 0 || (bytes[i - 1] != UInt8(ascii: ":") && !isWordByte(bytes[i - 1]) && bytes[i - 1] != UInt8(ascii: "]")) {
                // `:name` (not `::type`, not `a:b` inside an array slice written without spaces).
                bytes[i] = 32
                changed = true
            }
            i += 1
        }
        return changed ? bytes : nil
    }

    /// Whether a line is `COPY … FROM stdin …;` (what `^\s*copy\s.*\sfrom\s+stdin\b.*;\s*$` matches, any case),
    /// read on ASCII bytes.
    private static func isCopyFromStdin(_ line: ArraySlice<UInt8>) -> Bool {
        func isSpace(_ b: UInt8) -> Bool { b == 32 || (9...13).contains(b) }
        func isWord(_ b: UInt8) -> Bool { b == UInt8(ascii: "_") || (48...57).contains(b) || (97...122).contains(b) || b >= 0x80 }
        var s = Array(line.drop(while: isSpace).map { (65...90).contains($0) ? $0 | 0x20 : $0 })
        while let last = s.last, isSpace(last) { s.removeLast() }
        func has(_ word: String, at i: Int) -> Bool {
            let w = Array(word.utf8)
            return i + w.count <= s.count && Array(s[i..<(i + w.count)]) == w
        }
        guard has("copy", at: 0), s.count > 4, isSpace(s[4]), s.last == UInt8(ascii: ";") else { return false }
        var j = 6
        while j + 4 <= s.count {
            if isSpace(s[j - 1]), has("from", at: j), j + 4 < s.count, isSpace(s[j + 4]) {
                var k = j + 4
                while k < s.count, isSpace(s[k]) { k += 1 }
                if has("stdin", at: k), k + 5 == s.count || !isWord(s[k + 5]) { return true }
            }
            j += 1
        }
        return false
    }

    private static func isVariableStart(_ b: UInt8) -> Bool {
        isWordByte(b) && !(b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9")) || b == UInt8(ascii: "'") || b == UInt8(ascii: "\"")
    }

    private static func isWordByte(_ b: UInt8) -> Bool {
        (b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z")) || (b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z"))
            || (b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9")) || b == UInt8(ascii: "_") || b >= 0x80
    }
}
