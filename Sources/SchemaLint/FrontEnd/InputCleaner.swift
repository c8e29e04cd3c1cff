/// Makes a file's bytes safe to hand to libpg_query without moving any offset: every replacement is
/// byte-for-byte, so positions still point into the file as the user has it.
enum InputCleaner {
    static func clean(_ file: SourceFile) -> (bytes: [UInt8], errors: [SyntaxError]) {
        var bytes = file.bytes
        var errors: [SyntaxError] = []
        // A UTF-8 byte order mark is not SQL: read it as blanks.
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.replaceSubrange(0..<3, with: [32, 32, 32]) }
        // libpg_query reads C strings: a NUL byte would silently end the input.
        if let nul = bytes.withUnsafeBufferPointer({ $0.index(of: 0, from: 0) }) {
            errors.append(SyntaxError(range: nul..<(nul + 1),
                message: "NUL byte in input (is this a binary file?); NUL bytes are read as spaces"))
            for i in bytes.indices where bytes[i] == 0 { bytes[i] = UInt8(ascii: " ") }
        }
        // The parse tree's strings must be UTF-8: invalid sequences are read as `?`, and reported.
        if let bad = replaceInvalidUTF8(&bytes) {
            errors.append(SyntaxError(range: bad..<(bad + 1),
                message: "invalid UTF-8 byte sequence (is the file in another encoding?); such bytes are read as '?'"))
        }
        return (bytes, errors)
    }

    /// Replaces every byte of an invalid UTF-8 sequence with `?`; returns the offset of the first one.
    static func replaceInvalidUTF8(_ bytes: inout [UInt8]) -> Int? {
        var first: Int?
        var i = asciiRun(bytes, from: 0)
        while i < bytes.count {
            let b = bytes[i]
            if b < 0x80 { i = asciiRun(bytes, from: i); continue }
            let length = b >= 0xF0 && b <= 0xF4 ? 4 : b >= 0xE0 ? 3 : b >= 0xC2 && b < 0xE0 ? 2 : 0
            var valid = length > 0 && i + length <= bytes.count
            if valid {
                for k in 1..<length where bytes[i + k] & 0xC0 != 0x80 { valid = false }
            }
            if valid, length == 3 {
                // No overlong forms, no surrogates.
                let (b1) = bytes[i + 1]
                if (b == 0xE0 && b1 < 0xA0) || (b == 0xED && b1 >= 0xA0) { valid = false }
            }
            if valid, length == 4 {
                let b1 = bytes[i + 1]
                if (b == 0xF0 && b1 < 0x90) || (b == 0xF4 && b1 >= 0x90) { valid = false }
            }
            if valid { i += length; continue }
            if first == nil { first = i }
            bytes[i] = UInt8(ascii: "?")
            i += 1
        }
        return first
    }

    /// The offset of the first byte at or after `start` that is not ASCII (or the end), read eight bytes at a time:
    /// most SQL is ASCII, and this runs over every byte of every file.
    static func asciiRun(_ bytes: [UInt8], from start: Int) -> Int {
        bytes.withUnsafeBytes { raw in
            var i = start
            while i + 8 <= raw.count, raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080 == 0 { i += 8 }
            while i < raw.count, raw[i] < 0x80 { i += 1 }
            return i
        }
    }
}
