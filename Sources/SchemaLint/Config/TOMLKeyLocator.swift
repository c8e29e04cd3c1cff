/// Finds the line a key (or an array element) is written on. TOMLKit gives positions only for syntax errors,
/// so config errors about a key find it here: a structural pass over text TOMLKit has already accepted.
///
/// Paths are key parts with array indices as decimal strings: `["overrides", "0", "rules", "fk-without-index",
/// "severity"]`, `["select", "1"]`. Keys in inline tables and dotted keys are found too.
struct TOMLKeyLocator {
    private var lines: [String: Int] = [:]
    private var arrayTables: [String: Int] = [:]
    private let bytes: [UInt8]
    private var i = 0
    private var line = 1

    init(_ text: String) {
        bytes = Array(text.utf8)
        parseDocument()
    }

    /// The line of `path`, or of its longest prefix that was found; nil when not even the first part was.
    func line(of path: [String]) -> Int? {
        var path = path
        while !path.isEmpty {
            if let found = lines[Self.key(path)] { return found }
            path.removeLast()
        }
        return nil
    }

    private static func key(_ path: [String]) -> String { path.joined(separator: "\u{1F}") }

    private mutating func record(_ path: [String], _ at: Int) {
        for n in 1...max(1, path.count) where n <= path.count {
            let k = Self.key(Array(path.prefix(n)))
            if lines[k] == nil { lines[k] = at }
        }
    }

    // MARK: scanning

    private var atEnd: Bool { i >= bytes.count }
    private func peek(_ offset: Int = 0) -> UInt8? { i + offset < bytes.count ? bytes[i + offset] : nil }

    private mutating func advance() {
        if bytes[i] == UInt8(ascii: "\n") { line += 1 }
        i += 1
    }

    /// Skips blanks and comments, and newlines when `newlines`.
    private mutating func skipBlanks(newlines: Bool) {
        while let c = peek() {
            if c == UInt8(ascii: " ") || c == UInt8(ascii: "\t") || c == UInt8(ascii: "\r") {
                advance()
            } else if c == UInt8(ascii: "#") {
                while let d = peek(), d != UInt8(ascii: "\n") { _ = d; advance() }
            } else if c == UInt8(ascii: "\n"), newlines {
                advance()
            } else {
                return
            }
        }
    }

    private mutating func skipToLineEnd() {
        while let c = peek(), c != UInt8(ascii: "\n") { _ = c; advance() }
    }

    private mutating func parseDocument() {
        var table: [String] = []
        while true {
            skipBlanks(newlines: true)
            guard let c = peek() else { return }
            let start = i
            if c == UInt8(ascii: "[") {
                let headerLine = line
                let isArray = peek(1) == UInt8(ascii: "[")
                advance()
                if isArray { advance() }
                let parts = parseKey()
                table = resolve(parts, newArrayElement: isArray)
                record(table, headerLine)
                skipToLineEnd()
            } else {
                parseKeyValue(base: table)
                skipToLineEnd()
            }
            if i == start { advance() }  // never loop on text this scanner does not understand
        }
    }

    /// Header parts with the current index of every array of tables along the way: `[overrides.rules.x]`
    /// after the second `[[overrides]]` is `overrides.1.rules.x`.
    private mutating func resolve(_ parts: [String], newArrayElement: Bool) -> [String] {
        var resolved: [String] = []
        for (n, part) in parts.enumerated() {
            resolved.append(part)
            let k = Self.key(resolved)
            if n == parts.count - 1, newArrayElement {
                let index = arrayTables[k, default: 0]
                arrayTables[k] = index + 1
                resolved.append(String(index))
            } else if let count = arrayTables[k] {
                resolved.append(String(count - 1))
            }
        }
        return resolved
    }

    private mutating func parseKeyValue(base: [String]) {
        let keyLine = line
        let parts = parseKey()
        guard !parts.isEmpty else { return }
        let path = base + parts
        record(path, keyLine)
        skipBlanks(newlines: false)
        guard peek() == UInt8(ascii: "=") else { return }
        advance()
        skipBlanks(newlines: false)
        parseValue(path)
    }

    private mutating func parseKey() -> [String] {
        var parts: [String] = []
        while true {
            skipBlanks(newlines: false)
            guard let c = peek() else { return parts }
            if c == UInt8(ascii: "\"") || c == UInt8(ascii: "'") {
                parts.append(parseString())
            } else {
                let start = i
                while let d = peek(), Self.isBare(d) { advance() }
                guard i > start else { return parts }
                parts.append(String(decoding: bytes[start..<i], as: UTF8.self))
            }
            skipBlanks(newlines: false)
            guard peek() == UInt8(ascii: ".") else { return parts }
            advance()
        }
    }

    private static func isBare(_ c: UInt8) -> Bool {
        (c >= UInt8(ascii: "a") && c <= UInt8(ascii: "z")) || (c >= UInt8(ascii: "A") && c <= UInt8(ascii: "Z"))
            || (c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9")) || c == UInt8(ascii: "_") || c == UInt8(ascii: "-")
    }

    private mutating func parseValue(_ path: [String]) {
        record(path, line)
        guard let c = peek() else { return }
        switch c {
        case UInt8(ascii: "\""), UInt8(ascii: "'"):
            _ = parseString()
        case UInt8(ascii: "["):
            advance()
            var index = 0
            while true {
                skipBlanks(newlines: true)
                guard let d = peek() else { return }
                if d == UInt8(ascii: "]") { advance(); return }
                let start = i
                parseValue(path + [String(index)])
                index += 1
                skipBlanks(newlines: true)
                if peek() == UInt8(ascii: ",") { advance() }
                if i == start { advance() }
            }
        case UInt8(ascii: "{"):
            advance()
            while true {
                skipBlanks(newlines: false)
                guard let d = peek() else { return }
                if d == UInt8(ascii: "}") { advance(); return }
                let start = i
                parseKeyValue(base: path)
                skipBlanks(newlines: false)
                if peek() == UInt8(ascii: ",") { advance() }
                if i == start { advance() }
            }
        default:
            // A number, boolean or date: up to a delimiter.
            while let d = peek(), !Self.endsScalar(d) { advance() }
        }
    }

    private static func endsScalar(_ c: UInt8) -> Bool {
        c == UInt8(ascii: ",") || c == UInt8(ascii: "]") || c == UInt8(ascii: "}") || c == UInt8(ascii: "\n")
            || c == UInt8(ascii: "#") || c == UInt8(ascii: "\r")
    }

    /// A basic, literal or multi-line string starting at `i`; returns its raw contents (escapes kept, which is
    /// enough for keys).
    private mutating func parseString() -> String {
        let quote = bytes[i]
        let triple = peek(1) == quote && peek(2) == quote
        advance()
        if triple { advance(); advance() }
        let start = i
        while let c = peek() {
            if c == UInt8(ascii: "\\"), quote == UInt8(ascii: "\"") {
                advance()
                if !atEnd { advance() }
                continue
            }
            if c == quote {
                if !triple {
                    let text = String(decoding: bytes[start..<i], as: UTF8.self)
                    advance()
                    return text
                }
                if peek(1) == quote, peek(2) == quote {
                    // A closing triple may be followed by up to two more quotes that belong to the content.
                    var end = i
                    while end + 3 < bytes.count, bytes[end + 3] == quote { end += 1 }
                    let text = String(decoding: bytes[start..<end], as: UTF8.self)
                    while i < end + 3 { advance() }
                    return text
                }
            }
            if c == UInt8(ascii: "\n"), !triple { break }
            advance()
        }
        return String(decoding: bytes[start..<i], as: UTF8.self)
    }
}
