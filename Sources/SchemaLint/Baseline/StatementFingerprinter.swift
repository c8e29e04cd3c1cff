/// The normalised fingerprint of the statement a finding sits in: `pg_query_fingerprint`, which ignores
/// whitespace, comments and constant values; for a piece that does not parse, a hash of its tokens. Only
/// baselines need it, so it is computed on demand, splitting each file once.
final class StatementFingerprinter {
    private var pieces: [ObjectIdentifier: [Range<Int>]] = [:]
    private var cache: [ObjectIdentifier: [Int: String]] = [:]

    func fingerprint(of diagnostic: Diagnostic, in file: SourceFile) -> String {
        let id = ObjectIdentifier(file)
        if pieces[id] == nil { pieces[id] = Self.split(file) }
        let ranges = pieces[id]!
        guard !ranges.isEmpty else { return "" }
        // The last piece starting at or before the finding (pieces include their leading comments).
        let offset = diagnostic.byteRange.lowerBound
        var lo = 0, hi = ranges.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if ranges[mid].lowerBound <= offset { lo = mid } else { hi = mid - 1 }
        }
        if let known = cache[id]?[lo] { return known }
        let value = Self.fingerprint(file.bytes[ranges[lo]])
        cache[id, default: [:]][lo] = value
        return value
    }

    private static func split(_ file: SourceFile) -> [Range<Int>] {
        let bytes = file.bytes.map { $0 == 0 ? UInt8(ascii: " ") : $0 }
        let ranges: [Range<Int>]
        switch LibPgQuery.parse(bytes[...], base: 0) {
        case .success(let statements): ranges = statements.map(\.range)
        case .failure:
            switch LibPgQuery.splitWithScanner(bytes[...]) {
            case .success(let r): ranges = r
            case .failure: ranges = [0..<bytes.count]
            }
        }
        let valid = ranges.filter { $0.lowerBound >= 0 && $0.upperBound <= bytes.count }.sorted { $0.lowerBound < $1.lowerBound }
        return valid.isEmpty ? [0..<bytes.count] : valid
    }

    static func fingerprint(_ piece: ArraySlice<UInt8>) -> String {
        if case .success(let hex) = LibPgQuery.fingerprint(piece) { return hex }
        // Does not parse: the code tokens, so whitespace and comments still do not matter.
        let bytes = Array(piece)
        let text = String(decoding: bytes, as: UTF8.self)
        let tokens = Lexer.tokens(bytes, in: 0..<bytes.count).filter { !$0.isComment }
            .map { String(decoding: bytes[$0.range], as: UTF8.self) }
        let words = tokens.isEmpty ? text.split(whereSeparator: \.isWhitespace).map(String.init) : tokens
        return "text-" + StableHash.hex(words)
    }
}
