import Testing
@testable import SchemaLint

/// Invalid UTF-8 is replaced byte by byte with `?` and the first bad offset reported, wherever it falls against the
/// eight-byte blocks the ASCII scan reads.
struct InputCleanerTests {
    @Test("A bad byte at every offset around the eight-byte blocks")
    func badByteAtEveryOffset() {
        for length in [1, 7, 8, 9, 16, 17, 40] {
            for k in 0..<length {
                var bytes = [UInt8](repeating: UInt8(ascii: "a"), count: length)
                bytes[k] = 0xFF
                let first = InputCleaner.replaceInvalidUTF8(&bytes)
                #expect(first == k, "length \(length), bad byte at \(k)")
                #expect(bytes == [UInt8](repeating: UInt8(ascii: "a"), count: k) + [UInt8(ascii: "?")]
                    + [UInt8](repeating: UInt8(ascii: "a"), count: length - k - 1))
            }
        }
    }

    @Test("Valid multi-byte text is kept, after and between ASCII runs of any length")
    func validText() {
        for prefix in 0..<20 {
            let text = String(repeating: "x", count: prefix) + "é漢字😀" + String(repeating: "y", count: prefix) + "ß"
            var bytes = Array(text.utf8)
            #expect(InputCleaner.replaceInvalidUTF8(&bytes) == nil)
            #expect(bytes == Array(text.utf8))
        }
    }

    @Test("Truncated, overlong and surrogate sequences are replaced; what follows is still checked")
    func invalidSequences() {
        var bytes: [UInt8] = Array("ok ".utf8) + [0xE6, 0xBC] + Array(" then 12345678 ".utf8) + [0xC0, 0xAF]
            + Array("é".utf8) + [0xED, 0xA0, 0x80]
        let first = InputCleaner.replaceInvalidUTF8(&bytes)
        #expect(first == 3)
        #expect(String(decoding: bytes, as: UTF8.self) == "ok ?? then 12345678 ??é???")
    }
}
