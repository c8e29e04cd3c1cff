internal import CPgQuery
internal import CPgQueryHelpers

// DO blocks and function bodies: the body string is found in the file, PL/pgSQL is compiled by libpg_query's copy of
// PostgreSQL's PL/pgSQL compiler (CPgQueryHelpers/plpgsql.c) while the parse's memory context is alive, and its
// statement tree walked there. Each static SQL statement comes back as text with its place in the file; the front end
// parses it after the outer parse (SQLParser). Nothing is serialised.

extension TreeReader {
    func doBlock(_ s: DoStmt) -> StatementSyntax {
        var body: (text: Swift.String, location: Int)?
        var language = "plpgsql"
        for node in nodes(s.args) where sl_node_tag(node) == T_DefElem {
            let d = node.load(as: DefElem.self)
            guard let name = d.defname.map({ Swift.String(cString: $0) }), let arg = d.arg.map(UnsafeMutableRawPointer.init),
                  sl_node_tag(arg) == T_String, let value = arg.load(as: CPgQuery.String.self).sval.map({ Swift.String(cString: $0) })
            else { continue }
            if name == "as" { body = (value, Int(d.location)) }
            if name == "language" { language = value.lowercased() }
        }
        guard let body, language == "plpgsql" else { return .other }
        return .doBlock(plpgsql(body.text, quoteAt: body.location, function: nil))
    }

    /// A function's body: PL/pgSQL compiled, an SQL string body handed on for parsing, BEGIN ATOMIC counted.
    func functionBody(_ s: CreateFunctionStmt, node: UnsafeMutableRawPointer) -> ProceduralCode? {
        var language = "sql"
        var body: (text: Swift.String, asLocation: Int)?
        for option in nodes(s.options) where sl_node_tag(option) == T_DefElem {
            let d = option.load(as: DefElem.self)
            let name = d.defname.map { Swift.String(cString: $0) }
            guard let arg = d.arg.map(UnsafeMutableRawPointer.init) else { continue }
            if name == "language", sl_node_tag(arg) == T_String,
               let value = arg.load(as: CPgQuery.String.self).sval.map({ Swift.String(cString: $0) }) {
                language = value.lowercased()
            }
            // AS 'body' (C functions have two strings, object file and symbol: not a body).
            if name == "as", sl_node_tag(arg) == T_List {
                let strings = nodes(arg.assumingMemoryBound(to: List.self))
                if strings.count == 1, sl_node_tag(strings[0]) == T_String,
                   let value = strings[0].load(as: CPgQuery.String.self).sval.map({ Swift.String(cString: $0) }) {
                    body = (value, Int(d.location))
                }
            }
        }
        if let sqlBody = s.sql_body.map(UnsafeMutableRawPointer.init) {
            // BEGIN ATOMIC: a list holding the list of statements; RETURN: one statement.
            var count = 1
            if sl_node_tag(sqlBody) == T_List, let inner = nodes(sqlBody.assumingMemoryBound(to: List.self)).first,
               sl_node_tag(inner) == T_List {
                count = nodes(inner.assumingMemoryBound(to: List.self)).count
            }
            return ProceduralCode(language: .sql, statements: [], dynamicStatements: 0, atomicStatements: count, error: nil)
        }
        guard let body, let quote = quoteStart(after: body.asLocation) else { return nil }
        switch language {
        case "plpgsql": return plpgsql(body.text, quoteAt: quote, function: node)
        case "sql":
            let content = contentStart(quoteAt: quote)
            return ProceduralCode(language: .sql, statements: [EmbeddedSQL(text: body.text, offset: verbatim(body.text, at: content) ? content : nil,
                                                                     guarded: false)],
                                  dynamicStatements: 0, atomicStatements: 0, error: nil)
        default: return nil
        }
    }

    // MARK: PL/pgSQL

    private final class Walk {
        var statements: [(line: Int, text: Swift.String, guarded: Bool)] = []
        var dynamic = 0
    }

    private func plpgsql(_ body: Swift.String, quoteAt quote: Int, function: UnsafeMutableRawPointer?) -> ProceduralCode {
        let walk = Walk()
        var error = SLPlpgsqlError(message: nil, position: 0, line: 0)
        let visit: @convention(c) (SLPlpgsqlStatementKind, Int32, UnsafePointer<CChar>?, Int32, UnsafeMutableRawPointer?) -> Void = { kind, line, query, guarded, context in
            guard let context else { return }
            let walk = Unmanaged<Walk>.fromOpaque(context).takeUnretainedValue()
            if kind == SL_PLPGSQL_DYNAMIC { walk.dynamic += 1; return }
            if let query { walk.statements.append((Int(line), Swift.String(cString: query), guarded != 0)) }
        }
        let failed = withExtendedLifetime(walk) { () -> Int32 in
            let context = Unmanaged.passUnretained(walk).toOpaque()
            return body.withCString { text in
                function.map { sl_plpgsql_walk_function($0, text, visit, context, &error) }
                    ?? sl_plpgsql_walk_do(text, visit, context, &error)
            }
        }
        let content = contentStart(quoteAt: quote)
        var code = ProceduralCode(language: .plpgsql, statements: [], dynamicStatements: walk.dynamic, atomicStatements: 0,
                                  error: nil)
        if failed != 0 {
            let message = error.message.map { Swift.String(cString: $0) } ?? "PL/pgSQL compilation failed"
            free(error.message)
            // libpg_query's compiler has no catalog: every variable is a scalar of unknown type. Errors that depend on
            // a variable's type are its, not the body's: the body is counted as not checked.
            if Self.dependsOnTypes(message, body: body) {
                code.uncheckable = true
                return code
            }
            let offset = error.position > 0 ? offset(ofCharacter: Int(error.position), from: content)
                : firstCode(onLine: max(Int(error.line), 1), from: content)
            code.error = BodyError(message: message, offset: offset)
            return code
        }
        let end = contentEnd(quoteAt: quote)
        code.statements = walk.statements.map { statement in
            EmbeddedSQL(text: statement.text, offset: find(statement.text, from: lineStart(statement.line, from: content), before: end),
                        guarded: statement.guarded)
        }
        return code
    }

    /// Compilation errors that come from libpg_query's type-less compiler (PostgreSQL compiles these bodies): a field
    /// of a composite variable (`"r.f1" is not a known variable`), cursor variables (`must be of type cursor or
    /// refcursor`, and `FOR r IN cur` then read as a query), collations of a type.
    static func dependsOnTypes(_ message: Swift.String, body: Swift.String) -> Bool {
        if message.hasSuffix("is not a known variable"), message.contains(".") { return true }
        if message.contains("must be of type cursor or refcursor") || message.hasPrefix("collations are not supported by type") {
            return true
        }
        let lower = body.lowercased()
        return message.hasPrefix("syntax error") && (lower.contains("cursor") || lower.contains("refcursor"))
    }

    // MARK: finding the body in the file (offsets are the file's; `text` holds the parsed bytes from `base`)

    private func byte(_ offset: Int) -> UInt8? { text.indices.contains(offset) ? text[offset] : nil }

    /// The opening quote of the body string after `AS` (a `$tag$` or `'`).
    private func quoteStart(after asLocation: Int) -> Int? {
        var i = base + asLocation
        while let b = byte(i) {
            if b == UInt8(ascii: "$") || b == UInt8(ascii: "'") { return i - base }
            i += 1
        }
        return nil
    }

    /// Where the string's content starts: after `$tag$`, or after `'` (E'…' is not looked into).
    private func contentStart(quoteAt quote: Int) -> Int {
        var i = base + quote
        guard byte(i) == UInt8(ascii: "$") else { return i + 1 }
        i += 1
        while let b = byte(i), b != UInt8(ascii: "$") { i += 1 }
        return i + 1
    }

    /// Where the string that opens at `quote` closes: the file offset of its closing `$tag$` or `'` (the end of the
    /// text if it does not).
    private func contentEnd(quoteAt quote: Int) -> Int {
        let start = contentStart(quoteAt: quote)
        var i = start
        if byte(base + quote) == UInt8(ascii: "$") {
            let tag = text[(base + quote)..<min(start, text.endIndex)]
            while i + tag.count <= text.endIndex {
                if text[i] == UInt8(ascii: "$"), text[i..<(i + tag.count)].elementsEqual(tag) { return i }
                i += 1
            }
            return text.endIndex
        }
        while let b = byte(i) {
            if b == UInt8(ascii: "'") {
                if byte(i + 1) == UInt8(ascii: "'") { i += 2; continue }
                return i
            }
            i += 1
        }
        return text.endIndex
    }

    private func verbatim(_ string: Swift.String, at offset: Int) -> Bool {
        let bytes = Array(string.utf8)
        guard offset >= text.startIndex, offset + bytes.count <= text.endIndex else { return false }
        return text[offset..<(offset + bytes.count)].elementsEqual(bytes)
    }

    /// The start of a body line (1 is the line of the opening quote). Doubled quotes hold no newlines, so counting
    /// newlines in the file gives the compiler's line numbers whatever the quoting.
    private func lineStart(_ line: Int, from content: Int) -> Int {
        var i = content, current = 1
        while current < line, let b = byte(i) {
            if b == UInt8(ascii: "\n") { current += 1 }
            i += 1
        }
        return i
    }

    private func firstCode(onLine line: Int, from content: Int) -> Int {
        var i = lineStart(line, from: content)
        while let b = byte(i), b == UInt8(ascii: " ") || b == UInt8(ascii: "\t") { i += 1 }
        return i
    }

    /// The byte offset of a 1-based character position counted from `content`.
    private func offset(ofCharacter position: Int, from content: Int) -> Int {
        var i = content, characters = 1
        while characters < position, byte(i) != nil {
            i += 1
            if let b = byte(i), b & 0xC0 != 0x80 { characters += 1 }
        }
        return min(i, text.endIndex)
    }

    /// Where `statement` stands verbatim at or after `start` and before `end` (the body's closing quote), if it does.
    private func find(_ statement: Swift.String, from start: Int, before end: Int) -> Int? {
        let needle = Array(statement.utf8)
        guard let first = needle.first, start >= text.startIndex else { return nil }
        var i = start
        while i + needle.count <= min(end, text.endIndex) {
            if text[i] == first, text[i..<(i + needle.count)].elementsEqual(needle) { return i }
            i += 1
        }
        return nil
    }
}
