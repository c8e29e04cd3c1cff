/// A glob over names split into parts: file paths (`/`) for `exclude` and `[[overrides]] files`, qualified
/// object names (`.`) for `ignore-objects`.
///
/// `*` matches any run of characters within one part, `?` one character, `[abc]`/`[a-z]`/`[!abc]` one of a set,
/// `**` any number of whole parts (none included). A pattern matches a name when it matches the whole name or
/// one of its leading parts: `db/legacy` matches `db/legacy/001.sql`, `public.audit_*` matches
/// `public.audit_log.created_at`. A path pattern without `/` matches at any depth (`*.gen.sql`, `legacy`); a
/// leading `/` anchors it to the config file's folder (`/legacy`).
public struct Glob: Sendable, Equatable, CustomStringConvertible {
    public let pattern: String
    public let separator: Character
    private let parts: [Substring]
    /// Each pattern part as characters, nil for a literal part (no `*`, `?`, `[`), which is compared as text:
    /// globs are matched once per object and finding, and most parts are plain names.
    private let wildcards: [[Character]?]

    public init(_ pattern: String, separator: Character = "/") {
        self.pattern = pattern
        self.separator = separator
        var text = Substring(pattern)
        if separator == "/" {
            while text.hasPrefix("./") { text = text.dropFirst(2) }
            while text.hasSuffix("/"), text.count > 1 { text = text.dropLast() }
        }
        var parts = text.split(separator: separator, omittingEmptySubsequences: true)
        if separator == "/", !text.contains("/") { parts.insert("**", at: 0) }
        self.parts = parts
        wildcards = parts.map { part in part.contains { $0 == "*" || $0 == "?" || $0 == "[" } ? Array(part) : nil }
    }

    public var description: String { pattern }

    /// Whether the pattern matches `name` or one of its leading parts.
    public func matches(_ name: String) -> Bool {
        let subject = Self.parts(of: name, separator: separator)
        guard !subject.isEmpty else { return false }
        for n in 1...subject.count where match(from: 0, subject[..<n]) { return true }
        return false
    }

    /// The non-empty parts of a name. An ASCII separator is found in the UTF-8 bytes: splitting on a `Character`
    /// walks grapheme clusters, and names are split once per object and glob.
    static func parts(of name: String, separator: Character) -> [Substring] {
        guard let byte = separator.asciiValue else { return name.split(separator: separator, omittingEmptySubsequences: true) }
        var parts: [Substring] = []
        let utf8 = name.utf8
        var start = utf8.startIndex
        var i = start
        while i != utf8.endIndex {
            if utf8[i] == byte {
                if start != i { parts.append(name[start..<i]) }
                start = utf8.index(after: i)
            }
            i = utf8.index(after: i)
        }
        if start != utf8.endIndex { parts.append(name[start...]) }
        return parts
    }

    /// Whether the pattern's parts from `p` on match `subject`.
    private func match(from p: Int, _ subject: ArraySlice<Substring>) -> Bool {
        guard p < parts.count else { return subject.isEmpty }
        if parts[p] == "**" {
            var s = subject
            while true {
                if match(from: p + 1, s) { return true }
                guard !s.isEmpty else { return false }
                s = s.dropFirst()
            }
        }
        guard let part = subject.first else { return false }
        if let characters = wildcards[p] {
            guard Self.matchPart(characters, Array(part)) else { return false }
        } else {
            guard parts[p] == part else { return false }
        }
        return match(from: p + 1, subject.dropFirst())
    }

    /// One part against one pattern part: `*`, `?`, `[…]`, literal characters.
    static func matchPart(_ p: [Character], _ s: [Character]) -> Bool {
        var pi = 0, si = 0
        var star: Int? = nil, starS = 0
        while si < s.count {
            if pi < p.count {
                switch p[pi] {
                case "*":
                    star = pi; starS = si; pi += 1
                    continue
                case "?":
                    pi += 1; si += 1
                    continue
                case "[":
                    if let (matched, next) = matchClass(p, pi, s[si]) {
                        if matched { pi = next; si += 1; continue }
                    } else if s[si] == "[" {
                        pi += 1; si += 1; continue
                    }
                default:
                    if p[pi] == s[si] { pi += 1; si += 1; continue }
                }
            }
            guard let st = star else { return false }
            pi = st + 1; starS += 1; si = starS
        }
        while pi < p.count, p[pi] == "*" { pi += 1 }
        return pi == p.count
    }

    /// A `[…]` class at `p[start]`: whether `c` is in it and the index after it; nil when the class is unclosed.
    private static func matchClass(_ p: [Character], _ start: Int, _ c: Character) -> (Bool, Int)? {
        var i = start + 1
        var negate = false
        if i < p.count, p[i] == "!" || p[i] == "^" { negate = true; i += 1 }
        var matched = false
        var first = true
        while i < p.count, p[i] != "]" || first {
            first = false
            if i + 2 < p.count, p[i + 1] == "-", p[i + 2] != "]" {
                if p[i] <= c && c <= p[i + 2] { matched = true }
                i += 3
            } else {
                if p[i] == c { matched = true }
                i += 1
            }
        }
        guard i < p.count else { return nil }
        return (matched != negate, i + 1)
    }
}
