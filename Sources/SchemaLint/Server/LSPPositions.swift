/// Byte offsets of one document as LSP positions and ranges, in the encoding negotiated at `initialize`.
struct LSPPositions {
    let file: SourceFile
    let encoding: PositionEncoding

    func position(_ byte: Int) -> JSONValue {
        let (line, character) = file.position(ofByte: byte, in: encoding)
        return .object([("line", .int(line)), ("character", .int(character))])
    }

    func range(_ bytes: Range<Int>) -> JSONValue {
        .object([("start", position(bytes.lowerBound)), ("end", position(bytes.upperBound))])
    }

    /// The byte offset of an LSP `Position`; throws InvalidParams when it is not one.
    func byteOffset(_ position: JSONValue?) throws -> Int {
        guard let line = position?["line"]?.int, let character = position?["character"]?.int, line >= 0, character >= 0 else {
            throw RPCError.invalidParams("a position needs a non-negative line and character")
        }
        return file.byteOffset(line: line, character: character, in: encoding)
    }

    func byteRange(_ range: JSONValue?) throws -> Range<Int> {
        let start = try byteOffset(range?["start"]), end = try byteOffset(range?["end"])
        return min(start, end)..<max(start, end)
    }
}
