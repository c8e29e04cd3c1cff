/// Applies findings' suggestion edits (`SuggestionEdit`, the same edits SARIF and the language server offer) to a
/// file's bytes. Edits are byte ranges of the file as read, BOM included, so the BOM and everything outside an edit
/// stay as they were; the inserted text takes the file's line endings.
public struct Fixer: Sendable {
    /// Also apply fixes whose rule declares them unsafe (they change what the schema ends up as).
    public var unsafeFixes: Bool

    public init(unsafeFixes: Bool = false) { self.unsafeFixes = unsafeFixes }

    /// Whether this fixer applies the finding's edit: it has one, is not silenced by a suppression comment, and is
    /// safe (or unsafe ones are allowed).
    public func applies(_ diagnostic: Diagnostic) -> Bool {
        guard let edit = diagnostic.suggestionEdit, diagnostic.suppression == nil else { return false }
        return edit.safety == .safe || unsafeFixes
    }

    /// One round on one file: the edits that do not overlap, made last to first so that earlier offsets stay right.
    /// An edit that overlaps one already made is left for the next round, which lints the result again (two findings
    /// in one statement each rewrite it). Returns the new bytes and the findings whose edit was made.
    public static func apply(_ diagnostics: [Diagnostic], to bytes: [UInt8]) -> (bytes: [UInt8], applied: [Diagnostic]) {
        let edits = diagnostics.compactMap { d in d.suggestionEdit.map { (d, $0) } }
            .filter { $0.1.byteRange.upperBound <= bytes.count }
        // Last first; at one offset a replacement before an insertion, so the insertion lands in front of it and both stand.
        let order = edits.indices.sorted { i, j in
            let (a, b) = (edits[i].1.byteRange, edits[j].1.byteRange)
            return a.lowerBound != b.lowerBound ? a.lowerBound > b.lowerBound : (a.isEmpty ? 1 : 0, i) < (b.isEmpty ? 1 : 0, j)
        }
        var out = bytes, lowest = Int.max, applied: [Diagnostic] = []
        let newline = LineEnding.of(bytes)
        for i in order {
            let (diagnostic, edit) = edits[i]
            // Reaching past the start of an edit already made is overlapping it.
            guard edit.byteRange.upperBound <= lowest else { continue }
            out.replaceSubrange(edit.byteRange, with: newline.convert(edit.text))
            lowest = edit.byteRange.lowerBound
            applied.append(diagnostic)
        }
        return (out, applied.reversed())
    }
}

/// A file's line ending, which text inserted into it takes.
enum LineEnding {
    case lf, crlf

    /// CRLF when the file's first line ends in one.
    static func of(_ bytes: [UInt8]) -> LineEnding {
        guard let i = bytes.firstIndex(of: UInt8(ascii: "\n")) else { return .lf }
        return i > 0 && bytes[i - 1] == UInt8(ascii: "\r") ? .crlf : .lf
    }

    /// The text's bytes with each bare `\n` written as this ending.
    func convert(_ text: String) -> [UInt8] {
        let utf8 = Array(text.utf8)
        guard self == .crlf else { return utf8 }
        var out: [UInt8] = []
        out.reserveCapacity(utf8.count + 8)
        for (i, byte) in utf8.enumerated() {
            if byte == UInt8(ascii: "\n"), i == 0 || utf8[i - 1] != UInt8(ascii: "\r") { out.append(UInt8(ascii: "\r")) }
            out.append(byte)
        }
        return out
    }
}
