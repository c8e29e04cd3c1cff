/// The statements inside DO blocks and function bodies, parsed by PostgreSQL's parser where they stand in the file, so
/// that their findings, suppression comments and positions are the file's. DO-block statements run during the
/// migration and are linted and replayed like any other; function-body statements are only parsed (see `Linter`).
enum EmbeddedStatements {
    /// How much code inside code a file holds (the summary counts it).
    struct Counts: Sendable {
        var doBlocks = 0
        var functionBodies = 0
        /// Statements found inside and parsed where they stand.
        var statements = 0
        /// EXECUTE and other dynamic SQL, not analysed.
        var dynamic = 0
        /// Bodies PostgreSQL would reject.
        var unparsable = 0
        /// Static statements whose text is not verbatim in the file (an INTO clause taken out): not linted.
        var unplaced = 0
        /// Bodies the catalog-less compiler cannot judge (see `TreeReader.dependsOnTypes`).
        var unchecked = 0

        mutating func add(_ other: Counts) {
            doBlocks += other.doBlocks; functionBodies += other.functionBodies; statements += other.statements
            dynamic += other.dynamic; unparsable += other.unparsable; unplaced += other.unplaced
            unchecked += other.unchecked
        }
    }

    /// `items` with each DO block's and function body's statements (and body syntax errors) after their statement.
    static func expand(_ items: [ParsedFile.Item], file: SourceFile, bytes: [UInt8], counts: inout Counts,
                       depth: Int = 0) -> [ParsedFile.Item] {
        var result: [ParsedFile.Item] = []
        result.reserveCapacity(items.count)
        for item in items {
            result.append(item)
            guard case .statement(let statement) = item, depth < 8 else { continue }
            let code: ProceduralCode
            let enclosure: Statement.Enclosure
            switch statement.syntax {
            // `DO :'body'`: a psql variable holds the body (PsqlScript blanked the colon), not this string.
            case .doBlock where isPsqlVariable(after: statement, in: file, cleaned: bytes): continue
            case .doBlock(let c):
                code = c
                enclosure = .doBlock
                counts.doBlocks += 1
            case .createFunction(let function):
                guard let c = function.body else { continue }
                code = c
                enclosure = .functionBody
                counts.functionBodies += 1
                counts.statements += c.atomicStatements
            default: continue
            }
            counts.dynamic += code.dynamicStatements
            if code.uncheckable { counts.unchecked += 1 }
            // Statements inside a function body inside a DO block still run only when the function is called.
            let inner = statement.enclosure == .functionBody ? .functionBody : enclosure
            if let error = code.error {
                counts.unparsable += 1
                let what = enclosure == .doBlock ? "DO block" : "function body"
                result.append(.syntaxError(SyntaxError(range: SQLParser.errorRange(at: error.offset, in: file),
                                                       message: "\(error.message) (in the \(what))", piece: statement.range)))
                continue
            }
            var parsed: [ParsedFile.Item] = []
            for embedded in code.statements {
                guard let offset = embedded.offset else { counts.unplaced += 1; continue }
                let range = offset..<(offset + embedded.text.utf8.count)
                switch LibPgQuery.parse(bytes[range], base: offset) {
                case .success(let statements):
                    for (i, s) in statements.enumerated() {
                        // A statement's piece takes in the comment lines right above it, for suppression comments.
                        let start = i == 0 ? commentLinesStart(above: s.range.lowerBound, in: bytes, notBefore: statement.range.lowerBound)
                            : s.range.lowerBound
                        parsed.append(.statement(Statement(file: file, index: statement.index, range: start..<s.range.upperBound,
                                                           syntax: s.syntax, enclosure: inner,
                                                           isGuarded: embedded.guarded || statement.isGuarded)))
                        counts.statements += 1
                    }
                case .failure(let failure):
                    counts.unparsable += 1
                    let at = failure.cursorCharacter.map { file.byteOffset(ofCharacter: $0, from: offset) } ?? offset
                    parsed.append(.syntaxError(SyntaxError(range: SQLParser.errorRange(at: at, in: file),
                                                           message: failure.message, piece: range)))
                }
            }
            result += expand(parsed, file: file, bytes: bytes, counts: &counts, depth: depth + 1)
        }
        return result
    }

    /// Whether the file (not the cleaned text, where PsqlScript blanked psql's syntax) has a `:` right after DO.
    static func isPsqlVariable(after statement: Statement, in file: SourceFile, cleaned bytes: [UInt8]) -> Bool {
        let blank: Set<UInt8> = [32, 9, 10, 13]
        var i = statement.range.lowerBound
        while i < bytes.count, blank.contains(bytes[i]) { i += 1 }
        i += 2  // DO
        while i < file.bytes.count, blank.contains(file.bytes[i]) { i += 1 }
        return i < file.bytes.count && file.bytes[i] == UInt8(ascii: ":")
    }

    /// The start of the run of `--` comment lines (and blank lines) directly above `offset`'s line.
    static func commentLinesStart(above offset: Int, in bytes: [UInt8], notBefore floor: Int) -> Int {
        func lineStart(_ i: Int) -> Int {
            var j = i
            while j > floor, bytes[j - 1] != UInt8(ascii: "\n") { j -= 1 }
            return j
        }
        func isBlank(_ b: UInt8) -> Bool { b == 32 || b == 9 || b == 13 }
        var start = offset
        // Only when the statement is the first thing on its line.
        var line = lineStart(offset)
        guard bytes[line..<offset].allSatisfy(isBlank) else { return offset }
        while line > floor {
            let previous = lineStart(line - 1)
            let content = bytes[previous..<(line - 1)].drop(while: isBlank)
            guard content.isEmpty || content.starts(with: [UInt8(ascii: "-"), UInt8(ascii: "-")]) else { break }
            if !content.isEmpty { start = previous + (content.startIndex - previous) }
            line = previous
        }
        return start
    }
}
