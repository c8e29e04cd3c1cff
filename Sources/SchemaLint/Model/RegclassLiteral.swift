extension QualifiedName {
    /// From a regclass literal as written in `nextval('public.walk_id_seq')`: dotted, quotes honoured,
    /// unquoted parts folded to lower case.
    public init?(regclassLiteral text: String) {
        var parts: [String] = []
        var current = ""
        var quoted = false
        var wasQuoted = false
        var chars = Array(text)[...]
        while let c = chars.popFirst() {
            if quoted {
                if c == "\"" {
                    if chars.first == "\"" { current.append("\""); chars.removeFirst() } else { quoted = false }
                } else {
                    current.append(c)
                }
            } else if c == "\"" {
                quoted = true
                wasQuoted = true
            } else if c == "." {
                parts.append(current)
                current = ""
                wasQuoted = false
            } else {
                current.append(wasQuoted ? c : Character(c.lowercased()))
            }
        }
        parts.append(current)
        guard let last = parts.last, !last.isEmpty, parts.count <= 3 else { return nil }
        self.init(schema: parts.count > 1 ? parts[parts.count - 2] : "public", name: last)
    }
}
