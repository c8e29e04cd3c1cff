// Facts about objects around the tables that design rules ask about: domains, triggers, sequences and the
// serial pattern, and identifier spellings. The replay records them here (one call at the end of each
// statement), so rules read the model and never walk the tree again.

/// A domain (`CREATE DOMAIN`): a base type, possibly constrained.
public struct Domain: Sendable {
    public var name: QualifiedName
    public var baseType: ColumnType
    /// It has at least one CHECK constraint (written with it or added by ALTER DOMAIN).
    public var hasCheck: Bool
    public var notNull: Bool
}

/// A trigger on a table (`CREATE TRIGGER`).
public struct Trigger: Sendable {
    public enum Timing: String, Sendable { case before = "BEFORE", after = "AFTER", insteadOf = "INSTEAD OF" }
    public enum Event: String, Sendable { case insert = "INSERT", update = "UPDATE", delete = "DELETE", truncate = "TRUNCATE" }

    public var name: String
    public var timing: Timing
    public var events: Set<Event>
    public var forEachRow: Bool
    /// The function it runs (unqualified, lower case).
    public var function: String
    public var anchor: SourceAnchor
}

extension Column {
    /// The sequence whose `nextval()` is this column's default: serial's implicit one, or a written
    /// `DEFAULT nextval('seq'::regclass)` (pg_dump's form). Nil for any other default.
    public var defaultSequence: QualifiedName? {
        if let serialDefaultSequence { return serialDefaultSequence }
        guard case .function(let call)? = defaultExpression, call.baseName == "nextval",
              let text = call.arguments.first?.stringConstant else { return nil }
        return QualifiedName(regclassLiteral: text)
    }

    /// Whether the default takes numbers from a sequence this column owns: serial, or pg_dump's spelling of it.
    public var isSerial: Bool {
        guard let sequence = defaultSequence, !isIdentity else { return false }
        return sequence == ownedSequence
    }
}

extension ColumnType {
    /// The type PostgreSQL stores: serial is int4, bigserial int8, smallserial int2; anything else unchanged.
    public var storageType: ColumnType {
        var type = self
        switch name {
        case "serial": type.name = "int4"
        case "bigserial": type.name = "int8"
        case "smallserial": type.name = "int2"
        default: break
        }
        return type
    }

    public var isSerialType: Bool { ["serial", "bigserial", "smallserial"].contains(name) }
    public var isInteger: Bool { !isArray && ["int2", "int4", "int8", "serial", "bigserial", "smallserial"].contains(name) }
}

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

extension SchemaModel {
    func createDomain(_ create: CreateDomain) {
        guard let name = QualifiedName(parts: create.name) else { return }
        domains[name] = Domain(name: name, baseType: ColumnType(create.type),
                               hasCheck: create.constraints.contains { $0.kind == .check },
                               notNull: create.constraints.contains { $0.kind == .notNull })
    }

    func alterDomain(_ alter: AlterDomain) {
        guard let name = QualifiedName(parts: alter.name) else { return }
        switch alter.subtype {
        case UInt8(ascii: "C"): if alter.constraint?.kind == .check { domains[name]?.hasCheck = true }
        case UInt8(ascii: "O"): domains[name]?.notNull = true
        case UInt8(ascii: "N"): domains[name]?.notNull = false
        default: break
        }
    }

    /// The default keeps pointing at a renamed (or moved) sequence (by OID), under its new name.
    func moveSequence(_ old: QualifiedName, to new: QualifiedName) {
        for table in tables {
            for column in table.columns where column.ownedSequence == old || column.defaultSequence == old {
                table.updateColumn(column.name) {
                    if $0.ownedSequence == old { $0.ownedSequence = new }
                    if $0.defaultSequence == old { $0.serialDefaultSequence = new }
                }
            }
        }
    }

    /// Identity columns and partitions attached by ALTER TABLE.
    func recordAlterTableFacts(_ alter: AlterTable) {
        guard let table = table(QualifiedName(alter.relation)) else { return }
        for action in alter.actions {
            switch action.kind {
            case .addIdentity: table.updateColumn(action.name) { $0.isIdentity = true; $0.notNull = true }
            case .dropIdentity: table.updateColumn(action.name) { $0.isIdentity = false }
            // pg_dump creates a partition as a table of its own, then attaches it.
            case .attachPartition, .detachPartition:
                if case .partition(let partition)? = action.definition {
                    let attached = action.kind == .attachPartition
                    self.table(QualifiedName(partition))?.isPartition = attached
                    self.table(QualifiedName(partition))?.partitionParent = attached ? table.name : nil
                }
            default: break
            }
        }
    }

    /// Serial columns, and foreign keys that follow renames, from what a statement did to tables.
    func recordCatalogFacts(changes: [SchemaChange]) {
        for change in changes {
            switch change {
            case .addColumn(let target, let column, _) where column.type.isSerialType && !column.type.isArray:
                // serial is int + a sequence named <table>_<column>_seq owned by the column + its nextval() default.
                let sequence = QualifiedName(schema: target.table.name.schema,
                                             name: GeneratedName.make(target.table.name.name, column.name, label: "seq"))
                createRelation(Relation(name: sequence, kind: .sequence, created: column.anchor), keepingEarlier: true)
                target.table.updateColumn(column.name) {
                    $0.ownedSequence = sequence
                    $0.serialDefaultSequence = sequence
                    $0.notNull = true
                }
            case .setDefault(let target, let column, _, _), .dropDefault(let target, let column, _):
                target.table.updateColumn(column) { $0.serialDefaultSequence = nil }
            // Foreign keys follow the table and columns they reference through renames.
            case .renameTable(let target, let from, _):
                updateForeignKeys { fk in
                    if fk.table == from { fk.table = target.table.name }
                }
            case .renameColumn(let target, let from, let to, _):
                updateForeignKeys { fk in
                    if fk.table == target.table.name { fk.columns = fk.columns.map { $0 == from ? to : $0 } }
                }
            default: break
            }
        }
    }

    private func updateForeignKeys(_ change: (inout ForeignKey) -> Void) {
        for table in tables {
            for i in table.constraints.indices where table.constraints[i].foreignKey != nil {
                change(&table.constraints[i].foreignKey!)
            }
        }
    }

    /// PostgreSQL keeps the first 63 bytes of a name.
    static func truncated(_ name: String) -> String {
        var bytes = Array(name.utf8)
        guard bytes.count > 63 else { return name }
        bytes = Array(bytes.prefix(63))
        while let last = bytes.last, last & 0xC0 == 0x80 { bytes.removeLast() }  // a partial character
        if let last = bytes.last, last >= 0xC0 { bytes.removeLast() }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `OWNED BY [schema.]table.column` (`parts`), or OWNED BY NONE (no parts).
    func setOwner(of sequence: QualifiedName, to parts: [String]) {
        clearOwner(of: sequence)
        guard parts.count >= 2, let column = parts.last else { return }
        let tableParts = parts.dropLast()
        let tableName = QualifiedName(schema: tableParts.count > 1 ? tableParts[tableParts.startIndex] : "public",
                                      name: tableParts.last!)
        table(tableName)?.updateColumn(column) { $0.ownedSequence = sequence }
    }

    private func clearOwner(of sequence: QualifiedName) {
        for table in tables {
            for column in table.columns where column.ownedSequence == sequence {
                table.updateColumn(column.name) { $0.ownedSequence = nil }
            }
        }
    }

    func recordTrigger(_ create: CreateTrigger, statement: Statement) {
        let table = tableForAlter(QualifiedName(create.relation))
        let timing: Trigger.Timing
        switch create.timing {
        case .before: timing = .before
        case .after: timing = .after
        case .insteadOf: timing = .insteadOf
        }
        var events: Set<Trigger.Event> = []
        if create.onInsert { events.insert(.insert) }
        if create.onDelete { events.insert(.delete) }
        if create.onUpdate { events.insert(.update) }
        if create.onTruncate { events.insert(.truncate) }
        let trigger = Trigger(name: create.name, timing: timing, events: events, forEachRow: create.forEachRow,
                              function: create.function.last?.lowercased() ?? "",
                              anchor: SourceAnchor(file: statement.file, range: statement.contentRange))
        table.triggers.removeAll { $0.name == trigger.name }
        table.triggers.append(trigger)
    }

    func dropCatalogObjects(_ drop: Drop) {
        for parts in drop.objects {
            switch drop.kind {
            case .trigger:
                // [schema,] table, trigger
                guard parts.count >= 2 else { continue }
                let tableName = QualifiedName(schema: parts.count > 2 ? parts[parts.count - 3] : "public", name: parts[parts.count - 2])
                table(tableName)?.triggers.removeAll { $0.name == parts.last }
            case .sequence:
                guard let name = QualifiedName(parts: parts) else { continue }
                clearOwner(of: name)
                for table in tables {
                    for column in table.columns where column.serialDefaultSequence == name {
                        table.updateColumn(column.name) { $0.serialDefaultSequence = nil }
                    }
                }
            case .domain, .type:
                guard let name = QualifiedName(parts: parts) else { continue }
                domains[name] = nil
            default: continue
            }
        }
    }
}

extension TableConstraint {
    /// Whether DROP/RENAME/VALIDATE CONSTRAINT `name` means this one: by its written name, or by the name
    /// PostgreSQL generated for it.
    func isNamed(_ name: String, on table: QualifiedName) -> Bool {
        self.name.map { $0 == name } ?? (effectiveName(on: table) == name)
    }
}

// MARK: index keys

extension Statement {
    /// One index key as text for comparing indexes: the column (or the expression as written), then collation,
    /// operator class and any non-default order, so `a ASC NULLS LAST` and `a` compare equal.
    func indexKeyText(_ elem: IndexElement, range: Range<Int>) -> String {
        guard let column = elem.column, !column.isEmpty else {
            // An expression: its text as written, normalised (order words included).
            return range == contentRange ? "expr" : normalizedText(range)
        }
        var text = column
        if !elem.collation.isEmpty { text += " collate " + elem.collation.joined(separator: ".") }
        if !elem.operatorClass.isEmpty { text += " " + elem.operatorClass.joined(separator: ".").lowercased() }
        let descending = elem.ordering == .descending
        if descending { text += " desc" }
        switch elem.nullsOrdering {
        case .first where !descending: text += " nulls first"
        case .last where descending: text += " nulls last"
        default: break
        }
        return text
    }
}

// MARK: identifier spellings

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
    public func declaredNames(_ changes: [SchemaChange], model: SchemaModel) -> [DeclaredName] {
        var names: [DeclaredName] = []
        func add(_ kind: DeclaredName.Kind, _ name: String, tokenAt offset: Int?, _ table: Table) {
            guard let offset, let token = nameToken(named: name, from: offset) else { return }
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
        let bytes = file.bytes[token.range]
        guard let first = bytes.first, first != UInt8(ascii: "\""), bytes.allSatisfy({ $0 < 0x80 }) else {
            return Self.identifierValue(spelling(token)) == name
        }
        return bytes.count == name.utf8.count
            && zip(bytes, name.utf8).allSatisfy { ($0 >= 65 && $0 <= 90 ? $0 + 32 : $0) == $1 }
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
