import Testing
@testable import SchemaLint

/// The piece index answers what the scans it replaced answered, on files with nested pieces (statements inside a DO
/// block or function body, listed after it), errors listed first, and gaps between statements.
struct PieceIndexTests {
    /// A file's pieces as the front end lists them: syntax errors first, then statements, each followed by the
    /// statements of its body.
    static func pieces(seed: UInt64) -> [Range<Int>] {
        var rng = SplitMix(seed)
        var statements: [Range<Int>] = [], offset = 0
        for _ in 0..<Int(rng.next() % 40) {
            offset += Int(rng.next() % 3)  // blanks between statements, sometimes none
            let length = 1 + Int(rng.next() % 30)
            let statement = offset..<(offset + length)
            statements.append(statement)
            if length > 10, rng.next() % 3 == 0 {
                let inner = (offset + 2)..<(offset + 2 + Int(rng.next() % UInt64(length - 4)))
                statements.append(inner)
                if inner.count > 4 { statements.append((inner.lowerBound + 1)..<(inner.upperBound - 1)) }
            }
            offset += length
        }
        let errors = statements.filter { _ in rng.next() % 7 == 0 }.map { $0.lowerBound..<($0.lowerBound + 1) }
        return errors + statements
    }

    @Test("First, innermost and nested pieces agree with a scan of every piece", arguments: 0..<200)
    func agreesWithScan(seed: Int) {
        let pieces = Self.pieces(seed: UInt64(seed))
        let index = PieceIndex(pieces)
        let end = (pieces.map(\.upperBound).max() ?? 0) + 2
        for offset in -1...end {
            #expect(index.first(containing: offset) == pieces.first { $0.contains(offset) }, "seed \(seed) at \(offset)")
            #expect(index.innermost(containing: offset) == pieces.filter { $0.contains(offset) }.min { $0.count < $1.count },
                    "seed \(seed) at \(offset)")
        }
        let nested = pieces.filter { piece in
            pieces.contains { $0 != piece && $0.contains(piece.lowerBound) && $0.upperBound >= piece.upperBound }
        }
        #expect(index.nested == nested, "seed \(seed)")
    }
}

/// A small deterministic generator, so a failing seed reproduces.
struct SplitMix {
    private var state: UInt64
    init(_ seed: UInt64) { state = seed &+ 0x9E37_79B9_7F4A_7C15 }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
