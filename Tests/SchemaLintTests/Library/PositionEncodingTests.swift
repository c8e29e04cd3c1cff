import Testing
@testable import SchemaLint

/// LSP positions from byte offsets and back, in each encoding, on a line with é (2 bytes, 1 UTF-16 unit),
/// 漢字 (3 bytes each) and 😀 (4 bytes, a UTF-16 surrogate pair).
@Suite("position encodings")
struct PositionEncodingTests {
    static let text = "-- x\r\naé漢字😀b\nlast"
    static let file = SourceFile(path: "t.sql", text: text)
    /// Byte offset of `b` on line 1: "-- x\r\n" is 6 bytes, then a, é, 漢, 字, 😀.
    static let b = 6 + 1 + 2 + 3 + 3 + 4

    @Test("columns of `b` count code units of the encoding", arguments: [
        (PositionEncoding.utf8, 13), (.utf16, 6), (.utf32, 5),
    ])
    func column(_ encoding: PositionEncoding, _ expected: Int) {
        #expect(Self.file.position(ofByte: Self.b, in: encoding) == (1, expected))
        #expect(Self.file.byteOffset(line: 1, character: expected, in: encoding) == Self.b)
    }

    @Test("inside a character, past a line's end, past the file's end")
    func clamping() {
        // UTF-16 column 5 is between the emoji's surrogates: the emoji's start.
        #expect(Self.file.byteOffset(line: 1, character: 5, in: .utf16) == Self.b - 4)
        // Past the end of line 0 is its end before "\r\n".
        #expect(Self.file.byteOffset(line: 0, character: 99, in: .utf8) == 4)
        #expect(Self.file.byteOffset(line: 9, character: 0, in: .utf16) == Self.file.bytes.count)
        #expect(Self.file.position(ofByte: 10_000, in: .utf16) == (2, 4))
        #expect(Self.file.position(ofByte: -3, in: .utf8) == (0, 0))
        // A byte offset inside the emoji counts the bytes before it in UTF-8.
        #expect(Self.file.position(ofByte: Self.b - 2, in: .utf8) == (1, 11))
    }
}
