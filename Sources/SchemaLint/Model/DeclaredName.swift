/// A name a statement gives to a table, column, index or constraint, with its spelling in the source: the
/// tree holds only the folded name (`createdBy` arrives as `createdby`).
public struct DeclaredName: Sendable {
    public enum Kind: String, Sendable { case table, column, index, constraint }

    public var kind: Kind
    /// The name as PostgreSQL stores it.
    public var name: String
    /// The name token as written, quotes included.
    public var spelling: String
    public var isQuoted: Bool
    /// Where the name token is.
    public var anchor: SourceAnchor
    /// The table it belongs to (the table itself for `.table`).
    public var table: Table

    /// What `Statement.declaredNames` reads: a rule about declared names is called for these.
    public static let triggers = RuleTriggers.changes(.createTable, .addColumn, .addConstraint, .createIndex, .renameTable,
                                                      .renameColumn).and(.statements(.rename))
}

extension Statement {
    /// The names this statement declares: tables it creates or renames, columns it adds or renames, the
    /// indexes and named constraints it creates or renames. Read from `changes` and the statement's tokens.
    /// `plain: false` leaves out names written plainly in snake_case (`[a-z_][a-z0-9_]*`, unquoted): most names
    /// are, and only a rule about how names are written reads them.
    public func declaredNames(_ changes: [SchemaChange], model: SchemaModel, plain: Bool = true) -> [DeclaredName] {
        var names: [DeclaredName] = []
        func add(_ kind: DeclaredName.Kind, _ name: String, tokenAt offset: Int?, _ table: Table) {
            guard let offset, let token = nameToken(named: name, from: offset) else { return }
            if !plain, isPlainSnakeCase(token) { return }
            let spelling = self.spelling(token)
            names.append(DeclaredName(kind: kind, name: name, spelling: spelling, isQuoted: spelling.hasPrefix("\""),
                                      anchor: SourceAnchor(file: file, range: token.range), table: table))
        }
        for change in changes {
            switch change {
            case .createTable(let target):
                guard let created = target.table.created else { continue }
                // The head range ends with the (possibly qualified) name: its last token is the name.
                let last = codeTokens(in: created.range).last
                add(.table, target.table.name.name, tokenAt: last?.start, target.table)
            case .addColumn(let target, let column, _):
                add(.column, column.name, tokenAt: column.anchor.range.lowerBound, target.table)
            case .addConstraint(let target, let constraint, _):
                guard let name = constraint.name else { continue }
                add(.constraint, name, tokenAt: constraint.anchor.range.lowerBound, target.table)
            case .createIndex(let target, let index, _) where index.nameWritten:
                add(.index, index.name, tokenAt: contentRange.lowerBound, target.table)
            case .renameTable(let target, _, _):
                add(.table, target.table.name.name, tokenAt: afterTo, target.table)
            case .renameColumn(let target, _, let to, _):
                add(.column, to, tokenAt: afterTo, target.table)
            default: continue
            }
        }
        // Index and constraint renames change no table, so they are not in `changes`.
        if case .rename(let rename) = syntax, let renamed = rename.relation {
            let relation = QualifiedName(renamed)
            switch rename.kind {
            case .index:
                if let index = model.index(named: QualifiedName(schema: relation.schema, name: rename.newName)),
                   let table = model.table(index.table) {
                    add(.index, rename.newName, tokenAt: afterTo, table)
                }
            case .tableConstraint:
                if let table = model.table(relation) { add(.constraint, rename.newName, tokenAt: afterTo, table) }
            default: break
            }
        }
        return names
    }

    /// The start of the token after the last top-level `TO` (the new name of a RENAME).
    private var afterTo: Int? {
        guard let to = tokens.lastIndex(where: { $0.is(.to) }), to + 1 < tokens.count else { return nil }
        return tokens[to + 1].start
    }

    /// The first token at or after `offset` whose identifier value is `name`.
    func nameToken(named name: String, from offset: Int) -> Token? {
        var i = tokenIndex(atOrAfter: offset)
        while i < tokens.count {
            let token = tokens[i]
            if !token.isComment, spells(token, identifier: name) { return token }
            i += 1
        }
        return nil
    }

    /// Whether a token spells the identifier `name` (what `identifierValue` of its spelling would be), without
    /// making a string of it.
    func spells(_ token: Token, identifier name: String) -> Bool {
        // An unquoted name is its bytes with ASCII letters folded (what `identifierValue` does), compared on both
        // buffers: slices and `utf8` iterated a byte at a time cost more than the rest of the lookup.
        let unquoted: Bool? = file.bytes.withUnsafeBufferPointer { all in
            let bytes = UnsafeBufferPointer(rebasing: all[token.range])
            guard let first = bytes.first, first != UInt8(ascii: "\"") else { return nil }
            guard bytes.count == name.utf8.count else { return false }
            return name.utf8.withContiguousStorageIfAvailable { expected in
                zip(bytes, expected).allSatisfy { ($0 >= 65 && $0 <= 90 ? $0 + 32 : $0) == $1 }
            }
        }
        return unquoted ?? (Self.identifierValue(spelling(token)) == name)
    }

    /// Whether a token is a name written as PostgreSQL keeps it and as snake_case asks: `[a-z_][a-z0-9_]*`.
    func isPlainSnakeCase(_ token: Token) -> Bool {
        file.bytes.withUnsafeBufferPointer { all in
            let bytes = UnsafeBufferPointer(rebasing: all[token.range])
            guard let first = bytes.first, first == UInt8(ascii: "_") || (97...122).contains(first) else { return false }
            return bytes.allSatisfy { $0 == UInt8(ascii: "_") || (97...122).contains($0) || (48...57).contains($0) }
        }
    }

    /// The identifier a token spells: quotes removed (`""` is one quote), or folded to lower case (ASCII only,
    /// as PostgreSQL folds).
    public static func identifierValue(_ spelling: String) -> String {
        if spelling.hasPrefix("\""), spelling.hasSuffix("\""), spelling.count >= 2 {
            return String(spelling.dropFirst().dropLast()).replacing("\"\"", with: "\"")
        }
        return String(String.UnicodeScalarView(spelling.unicodeScalars.map { scalar in
            ("A"..."Z").contains(scalar) ? Unicode.Scalar(scalar.value + 32)! : scalar
        }))
    }
}
