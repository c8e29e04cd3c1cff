/// What `trimming(_:)` removes from both ends: Foundation's character-set classes, written out because
/// FoundationEssentials has no `CharacterSet` trimming (full Foundation would link ICU's data into the binary).
public enum TrimmedCharacters: Sendable {
    /// Spaces and tabs (Unicode's space separators and U+0009), as Foundation's `.whitespaces`.
    case whitespaces
    /// Line breaks (U+000A–U+000D, U+0085, U+2028, U+2029), as Foundation's `.newlines`.
    case newlines
    case whitespacesAndNewlines
    /// These characters.
    case these(Set<Character>)

    func contains(_ scalar: Unicode.Scalar) -> Bool {
        let isNewline = (0x0A...0x0D).contains(scalar.value) || [0x85, 0x2028, 0x2029].contains(scalar.value)
        let isWhitespace = scalar == " " || scalar == "\t"
            || (scalar.value >= 0x80 && scalar.properties.generalCategory == .spaceSeparator)
        switch self {
        case .whitespaces: return isWhitespace
        case .newlines: return isNewline
        case .whitespacesAndNewlines: return isWhitespace || isNewline
        case .these(let set): return set.contains(Character(scalar))
        }
    }
}

extension String {
    /// The text without the given characters at either end.
    public func trimming(_ characters: TrimmedCharacters) -> String { self[...].trimming(characters) }
}

extension Substring {
    /// The text without the given characters at either end.
    public func trimming(_ characters: TrimmedCharacters) -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !characters.contains($0) }),
              let last = scalars.lastIndex(where: { !characters.contains($0) }) else { return "" }
        if first == scalars.startIndex, scalars.index(after: last) == scalars.endIndex { return String(self) }
        return String(Substring(scalars[first...last]))
    }
}
