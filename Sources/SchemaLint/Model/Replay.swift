extension SchemaModel {
    /// Applies one statement to the model and says what it changed. Statements the model does not
    /// understand change nothing and are not an error.
    public func apply(_ statement: Statement) -> [SchemaChange] {
        var replay = Replay(model: self, statement: statement)
        replay.run()
        return replay.changes
    }
}

extension SchemaModel {
    /// A piece of a file that did not parse but starts `CREATE [TEMP|UNLOGGED] TABLE [IF NOT EXISTS] name`: the
    /// table still exists from there on, new in that file (its columns unknown), so statements on it later in the
    /// file are not judged as changes to a live table.
    public func noteUnparsed(_ file: SourceFile, piece: Range<Int>) {
        let tokens = Lexer.tokens(file.bytes, in: piece).filter { !$0.isComment }
        var i = 0
        func next(_ keywords: Set<Keyword>) -> Bool {
            guard i < tokens.count, let keyword = tokens[i].keyword, keywords.contains(keyword) else { return false }
            i += 1
            return true
        }
        guard next([.create]) else { return }
        _ = next([.global, .local])
        _ = next([.temp, .temporary, .unlogged])
        guard next([.table]) else { return }
        if next([.if]) { guard next([.not]), next([.exists]) else { return } }
        var parts: [String] = []
        while i < tokens.count, tokens[i].kind == .identifier || tokens[i].isKeyword {
            let raw = file.text(tokens[i].range)
            parts.append(raw.hasPrefix("\"") ? String(raw.dropFirst().dropLast()).replacing("\"\"", with: "\"")
                                              : raw.lowercased())
            i += 1
            guard i < tokens.count, tokens[i].kind == .dot else { break }
            i += 1
        }
        guard let last = parts.last else { return }
        let name = QualifiedName(schema: parts.count > 1 ? parts[parts.count - 2] : "public", name: last)
        guard table(name)?.introduced == nil else { return }
        let table = Table(name: name)
        table.createdByQuery = SourceAnchor(file: file, range: piece)
        insert(table)
    }
}

/// The walk over one statement. The big switch lives here, once, so rules never need one.
private struct Replay {
    let model: SchemaModel
    let statement: Statement
    var changes: [SchemaChange] = []

    init(model: SchemaModel, statement: Statement) {
        self.model = model
        self.statement = statement
    }

    mutating func run() {
        switch statement.syntax {
        case .createTable(let create): createTable(create)
        // ALTER TABLE names views and sequences too (pg_dump sets their owners so): no table changes then.
        case .alterTable(let alter) where alter.objectKind == .table && model.relation(QualifiedName(alter.relation)) == nil:
            alterTable(alter)
            model.recordAlterTableFacts(alter)
        case .createIndex(let index): createIndex(index)
        case .drop(let drop):
            self.drop(drop)
            model.dropCatalogObjects(drop)
        case .rename(let rename): self.rename(rename)
        case .alterObjectSchema(let move): setSchema(move)
        case .createEnum(let create): createEnum(create)
        case .alterEnum(let alter): alterEnum(alter)
        case .createTableAs(let create) where create.isMaterializedView:
            createRelation(create.relation, .materializedView, keepingEarlier: create.ifNotExists)
        case .createView(let view): createRelation(view.relation, .view, keepingEarlier: view.orReplace)
        case .createTableAs(let create):
            // CREATE TABLE … AS: a new table whose columns come from a query (not modelled).
            let name = QualifiedName(create.relation)
            if create.ifNotExists, model.table(name)?.introduced != nil { break }
            let table = Table(name: name)
            table.createdByQuery = anchor(statement.headRange(throughNameAt: create.relation.location))
            table.isTemporary = create.relation.isTemporary
            model.insert(table)
        case .createFunction(let function): createFunction(function)
        case .createDomain(let create): model.createDomain(create)
        case .alterDomain(let alter): model.alterDomain(alter)
        case .createSequence(let sequence):
            createRelation(sequence.sequence, .sequence, keepingEarlier: sequence.ifNotExists)
            if let owner = sequence.ownedBy { model.setOwner(of: QualifiedName(sequence.sequence), to: owner) }
        case .alterSequence(let sequence):
            if let owner = sequence.ownedBy { model.setOwner(of: QualifiedName(sequence.sequence), to: owner) }
        case .createTrigger(let trigger): model.recordTrigger(trigger, statement: statement)
        default: break
        }
        model.recordCatalogFacts(changes: changes)
        model.recordSecurityFacts(statement)
    }

    // MARK: helpers

    func anchor(_ range: Range<Int>) -> SourceAnchor { SourceAnchor(file: statement.file, range: range) }

    /// A table known only from ALTER may stand for a materialized view the file created (its indexes hang on it).
    func change(for table: Table) -> TableChange {
        TableChange(table: table, isNewInFile: model.introduced(table.name)?.file === statement.file)
    }

    func createRelation(_ relation: RelationName, _ kind: Relation.Kind, keepingEarlier: Bool) {
        model.createRelation(Relation(name: QualifiedName(relation), kind: kind,
                                      created: anchor(statement.headRange(throughNameAt: relation.location))),
                             keepingEarlier: keepingEarlier)
    }

    // MARK: CREATE TABLE

    mutating func createTable(_ create: CreateTable) {
        let name = QualifiedName(create.relation)
        if create.ifNotExists, model.table(name)?.created != nil { return }
        let table = Table(name: name)
        table.created = anchor(statement.headRange(throughNameAt: create.relation.location))
        model.dropRelation(name)
        table.isTemporary = create.relation.isTemporary
        table.isPartition = create.isPartition
        table.isPartitioned = create.isPartitioned
        if create.isPartition, let parent = create.parents.first { table.partitionParent = QualifiedName(parent) }
        model.insert(table)
        let tableChange = change(for: table)
        changes.append(.createTable(tableChange))

        // Columns are collected with a name index: a table can have thousands, and a linear search per
        // column made replay quadratic. Inherited columns (INHERITS, PARTITION OF) come first, as in PostgreSQL.
        var columns = ColumnList()
        for parent in create.parents {
            model.table(QualifiedName(parent))?.columns.forEach { columns.addIfMissing($0) }
        }
        var constraints: [TableConstraint] = []
        for element in create.elements {
            switch element {
            case .column(let def):
                let range = statement.clauseRange(at: def.location)
                // PARTITION OF may restate an inherited column only to add options.
                if def.type == nil, columns.contains(def.name) {
                    columns.update(def.name) { $0.notNull = $0.notNull || def.isNotNull }
                    constraints += columnConstraints(def, range: range)
                    continue
                }
                let (column, inline) = columnDefinition(def, range: range)
                columns.set(column)
                changes.append(.addColumn(tableChange, column, via: .createTable))
                constraints += inline
            case .constraint(let con):
                if let c = tableConstraint(con, columns: [], range: statement.clauseRange(at: con.location), table: table) {
                    constraints.append(c)
                }
            case .like(let relation):
                model.table(QualifiedName(relation))?.columns.forEach { columns.addIfMissing($0) }
            }
        }
        table.columns = columns.all
        for constraint in constraints { addConstraint(constraint, to: tableChange, via: .createTable) }
    }

    /// A column and the constraints written on it (PRIMARY KEY, UNIQUE, REFERENCES, CHECK).
    func columnDefinition(_ def: ColumnDefinition, range: Range<Int>) -> (Column, [TableConstraint]) {
        var column = Column(name: def.name, type: def.type.map(ColumnType.init) ?? ColumnType(name: ""), notNull: def.isNotNull,
                            defaultExpression: def.defaultExpression, isIdentity: def.isIdentity,
                            isGenerated: def.isGenerated, anchor: anchor(range))
        for con in def.constraints {
            switch con.kind {
            case .notNull, .primaryKey: column.notNull = true
            case .null: column.notNull = false
            case .default: column.defaultExpression = con.expression
            case .identity: column.isIdentity = true; column.notNull = true
            case .generated: column.isGenerated = true
            default: break
            }
        }
        return (column, columnConstraints(def, range: range))
    }

    func columnConstraints(_ def: ColumnDefinition, range: Range<Int>) -> [TableConstraint] {
        let cons = def.constraints
        var result: [TableConstraint] = []
        for (i, con) in cons.enumerated() {
            // A column constraint runs until the next one starts (or the column definition ends).
            let next = cons[(i + 1)...].lazy.compactMap(\.location).first
            guard let start = con.location else { continue }
            let conRange = statement.clauseRange(from: start, stoppingBefore: next ?? range.upperBound + 1)
            if let c = tableConstraint(con, columns: [def.name], range: conRange, table: nil) { result.append(c) }
        }
        return result
    }

    /// A named-or-not constraint of a kind the model tracks; nil for NOT NULL, DEFAULT and the like.
    func tableConstraint(_ con: ConstraintDefinition, columns: [String], range: Range<Int>, table: Table?) -> TableConstraint? {
        let kind: ConstraintKind
        var keyColumns = columns
        switch con.kind {
        case .primaryKey: kind = .primaryKey
        case .unique: kind = .unique
        case .foreignKey: kind = .foreignKey
        case .check: kind = .check
        case .exclusion: kind = .exclusion
        default: return nil
        }
        let written: [String]
        switch kind {
        case .foreignKey: written = con.foreignKeyColumns
        case .exclusion: written = con.exclusionColumns.compactMap { $0 }.filter { !$0.isEmpty }
        // PostgreSQL names a CHECK after the one column it references (`t_col_check`), else `t_check`.
        case .check: written = con.expression?.referencedColumns ?? []
        default: written = con.keys
        }
        if !written.isEmpty || kind == .check { keyColumns = written }
        let usingIndex = con.indexName.flatMap { $0.isEmpty ? nil : $0 }
        if let usingIndex, keyColumns.isEmpty, let table,
           let index = model.indexes(on: table.name).first(where: { $0.name == usingIndex }) {
            keyColumns = index.keys.compactMap { if case .column(let c) = $0 { c } else { nil } }
        }
        var foreignKey: ForeignKey?
        if kind == .foreignKey, let referenced = con.referencedTable {
            foreignKey = ForeignKey(table: QualifiedName(referenced), columns: con.referencedColumns,
                                    onDelete: ReferentialAction(code: con.onDelete),
                                    onUpdate: ReferentialAction(code: con.onUpdate),
                                    onDeleteWritten: containsOnDelete(range),
                                    deleteSetColumns: con.deleteSetColumns)
        }
        return TableConstraint(name: con.name.flatMap { $0.isEmpty ? nil : $0 }, kind: kind, columns: keyColumns,
                               foreignKey: foreignKey, expression: con.expression,
                               notValid: con.skipValidation, usingIndex: usingIndex, anchor: anchor(range))
    }

    /// `ON DELETE` as spelled in the source (the tree records NO ACTION either way).
    func containsOnDelete(_ range: Range<Int>) -> Bool {
        let tokens = statement.codeTokens(in: range)
        return zip(tokens, tokens.dropFirst()).contains { $0.is(.on) && $1.is(.delete) }
    }

    mutating func addConstraint(_ constraint: TableConstraint, to target: TableChange, via origin: SchemaChange.Origin) {
        var constraint = constraint
        // PostgreSQL names it now; the name stays when the table or its columns are renamed later.
        if constraint.name == nil { constraint.generatedName = constraint.effectiveName(on: target.table.name) }
        if constraint.kind == .primaryKey {
            for name in constraint.columns { target.table.updateColumn(name) { $0.notNull = true } }
        }
        target.table.constraints.append(constraint)
        changes.append(.addConstraint(target, constraint, via: origin))
    }

    // MARK: ALTER TABLE

    mutating func alterTable(_ alter: AlterTable) {
        let table = model.tableForAlter(QualifiedName(alter.relation))
        let target = change(for: table)
        let ranges = statement.alterActionRanges(relation: alter.relation, count: alter.actions.count)
        for (action, range) in zip(alter.actions, ranges) { alterTableAction(action, target: target, range: range) }
    }

    mutating func alterTableAction(_ cmd: AlterTableAction, target: TableChange, range: Range<Int>) {
        let table = target.table
        let actionAnchor = anchor(range)
        switch cmd.kind {
        case .addColumn:
            guard case .column(let def)? = cmd.definition else { return }
            if cmd.missingOk, table.column(named: def.name) != nil { return }
            let (column, inline) = columnDefinition(def, range: range)
            table.columns.removeAll { $0.name == column.name }
            table.columns.append(column)
            changes.append(.addColumn(target, column, via: .alterTable))
            for constraint in inline { addConstraint(constraint, to: target, via: .alterTable) }
        case .dropColumn:
            table.columns.removeAll { $0.name == cmd.name }
            // PostgreSQL drops the indexes and constraints that used the column along with it.
            table.constraints.removeAll { $0.columns.contains(cmd.name) }
            for index in model.indexes(on: table.name) where index.keys.contains(.column(cmd.name)) {
                model.removeIndex(QualifiedName(schema: table.name.schema, name: index.name))
            }
            changes.append(.dropColumn(target, column: cmd.name, anchor: actionAnchor))
        case .alterColumnType:
            guard case .column(let def)? = cmd.definition else { return }
            let newType = def.type.map(ColumnType.init) ?? ColumnType(name: "")
            let old = table.column(named: cmd.name)?.type
            table.updateColumn(cmd.name) { $0.type = newType }
            changes.append(.alterColumnType(target, column: cmd.name, from: old, to: newType, anchor: actionAnchor))
        case .setNotNull:
            table.updateColumn(cmd.name) { $0.notNull = true }
            changes.append(.setNotNull(target, column: cmd.name, anchor: actionAnchor))
        case .dropNotNull:
            table.updateColumn(cmd.name) { $0.notNull = false }
            changes.append(.dropNotNull(target, column: cmd.name, anchor: actionAnchor))
        case .columnDefault:
            if case .expression(let expression)? = cmd.definition {
                table.updateColumn(cmd.name) { $0.defaultExpression = expression }
                changes.append(.setDefault(target, column: cmd.name, expression: expression, anchor: actionAnchor))
            } else {
                table.updateColumn(cmd.name) { $0.defaultExpression = nil }
                changes.append(.dropDefault(target, column: cmd.name, anchor: actionAnchor))
            }
        case .addConstraint:
            guard case .constraint(let con)? = cmd.definition else { return }
            // Anchor at the constraint itself (`CONSTRAINT … FOREIGN KEY …`), not at the ADD keyword.
            let constraintRange = con.location.map { statement.clauseRange(from: $0) } ?? range
            guard let constraint = tableConstraint(con, columns: [], range: constraintRange, table: table) else { return }
            addConstraint(constraint, to: target, via: .alterTable)
        case .dropConstraint:
            table.constraints.removeAll { $0.isNamed(cmd.name, on: table.name) }
            changes.append(.dropConstraint(target, name: cmd.name, anchor: actionAnchor))
        case .validateConstraint:
            if let i = table.constraints.firstIndex(where: { $0.isNamed(cmd.name, on: table.name) }) { table.constraints[i].notValid = false }
            changes.append(.validateConstraint(target, name: cmd.name, anchor: actionAnchor))
        default: break
        }
    }

    // MARK: indexes

    mutating func createIndex(_ stmt: CreateIndex) {
        let tableName = QualifiedName(stmt.relation)
        let table = model.table(tableName) ?? model.tableForAlter(tableName)
        let keyRanges = statement.indexKeyRanges(count: stmt.keys.count)
        var keys: [IndexKey] = []
        var keyTexts: [String] = []
        for (elem, range) in zip(stmt.keys, keyRanges) {
            keys.append(elem.column.map(IndexKey.column) ?? .expression(statement.normalizedText(range)))
            keyTexts.append(statement.indexKeyText(elem, range: range))
        }
        let written = stmt.name.flatMap { $0.isEmpty ? nil : $0 }
        let name = written ?? generatedIndexName(table: tableName.name, keys: keys)
        // Index names are unique per schema, not per table: IF NOT EXISTS skips on any relation of that name.
        if stmt.ifNotExists, model.index(named: QualifiedName(schema: tableName.schema, name: name)) != nil { return }
        let index = Index(name: name, table: tableName, keys: keys,
                          predicate: stmt.hasWhereClause ? statement.normalizedText(statement.whereClauseRange()) : nil,
                          method: stmt.method.flatMap { $0.isEmpty ? nil : $0.lowercased() } ?? "btree",
                          isUnique: stmt.isUnique, anchor: anchor(statement.contentRange),
                          keyTexts: keyTexts, nameWritten: written != nil,
                          includedColumns: stmt.including.compactMap { $0.column.flatMap { $0.isEmpty ? nil : $0 } })
        model.addIndex(index)
        changes.append(.createIndex(change(for: table), index, concurrently: stmt.concurrently))
    }

    /// PostgreSQL's name for an unnamed index: `<table>_<columns>_idx`.
    func generatedIndexName(table: String, keys: [IndexKey]) -> String {
        let parts = keys.map { if case .column(let c) = $0 { c } else { "expr" } }
        return GeneratedName.make(table, parts.joined(separator: "_"), label: "idx")
    }

    // MARK: DROP, RENAME, SET SCHEMA

    mutating func drop(_ drop: Drop) {
        for object in drop.objects {
            guard let name = QualifiedName(parts: object) else { continue }
            switch drop.kind {
            case .table:
                // A table the run never saw still counts as existing.
                let target = model.table(name).map(change(for:)) ?? TableChange(table: Table(name: name), isNewInFile: false)
                model.removeTable(name)
                changes.append(.dropTable(target, anchor: anchor(statement.contentRange)))
            case .index:
                if let index = model.removeIndex(name) {
                    changes.append(.dropIndex(index, concurrently: drop.concurrently, anchor: anchor(statement.contentRange)))
                } else {
                    changes.append(.dropUnknownIndex(name, concurrently: drop.concurrently, anchor: anchor(statement.contentRange)))
                }
            case .view, .materializedView, .sequence:
                model.dropRelation(name)
            default: break
            }
        }
    }

    mutating func rename(_ rename: Rename) {
        let name = rename.relation.map(QualifiedName.init) ?? QualifiedName(name: "")
        let newName = QualifiedName(schema: name.schema, name: rename.newName)
        // A view or sequence the run created, renamed (ALTER TABLE accepts them too), or one of a view's columns:
        // no table changes.
        if model.relation(name) != nil, [.table, .view, .materializedView, .sequence, .column].contains(rename.kind) {
            if rename.kind != .column { model.moveRelation(name, to: newName) }
            return
        }
        switch rename.kind {
        case .table:
            // A table the run never saw is existing: it is known from here on under its new name.
            let table = model.tableForAlter(name)
            model.renameTable(name, to: newName)
            changes.append(.renameTable(change(for: table), from: name, anchor: anchor(statement.contentRange)))
        case .column:
            let table = model.tableForAlter(name)
            table.updateColumn(rename.subname) { $0.name = rename.newName }
            for i in table.constraints.indices {
                table.constraints[i].columns = table.constraints[i].columns.map { $0 == rename.subname ? rename.newName : $0 }
            }
            for index in model.indexes(on: table.name)
            where index.keys.contains(.column(rename.subname)) || index.includedColumns.contains(rename.subname) {
                model.addIndex(index.renamingColumn(rename.subname, to: rename.newName))
            }
            changes.append(.renameColumn(change(for: table), from: rename.subname, to: rename.newName,
                                         anchor: anchor(statement.contentRange)))
        case .tableConstraint:
            guard let table = model.table(name),
                  let i = table.constraints.firstIndex(where: { $0.isNamed(rename.subname, on: table.name) }) else { return }
            table.constraints[i].name = rename.newName
        case .index:
            model.renameIndex(name, to: rename.newName)
        // A sequence the run did not create may still be a column's default.
        case .sequence:
            model.moveSequence(name, to: newName)
        case .type:
            // ALTER TYPE … RENAME TO: columns keep their type (by OID), so they now carry the new name.
            guard let old = QualifiedName(parts: rename.object) else { return }
            for table in model.tables {
                for column in table.columns where column.type.name == old.name && (column.type.schema ?? "public") == old.schema {
                    table.updateColumn(column.name) { $0.type.name = rename.newName }
                }
            }
            if var type = model.enumTypes.removeValue(forKey: old) {
                type.name = QualifiedName(schema: old.schema, name: rename.newName)
                model.enumTypes[type.name] = type
            }
        default: break
        }
    }

    // MARK: types and functions

    mutating func createEnum(_ create: CreateEnum) {
        guard let name = QualifiedName(parts: create.typeName) else { return }
        model.enumTypes[name] = EnumType(name: name, values: create.values,
                                         created: anchor(statement.contentRange))
    }

    mutating func alterEnum(_ alter: AlterEnum) {
        // RENAME VALUE sets the old value; ADD VALUE does not.
        guard (alter.oldValue ?? "").isEmpty, let newValue = alter.newValue, !newValue.isEmpty,
              let name = QualifiedName(parts: alter.typeName) else { return }
        let existing = model.enumTypes[name]
        if alter.ifNotExists, existing?.values.contains(newValue) == true { return }
        model.enumTypes[name]?.values.append(newValue)
        changes.append(.addEnumValue(type: name, value: newValue, isNewInFile: existing?.created.file === statement.file,
                                     anchor: anchor(statement.contentRange)))
    }

    mutating func createFunction(_ function: CreateFunction) {
        guard let name = function.name.last?.lowercased() else { return }
        model.functionVolatility[name] = function.volatility.flatMap(FunctionVolatility.init(rawValue:)) ?? .volatile
    }

    mutating func setSchema(_ move: AlterObjectSchema) {
        guard let relation = move.relation else { return }
        let name = QualifiedName(relation)
        let moved = QualifiedName(schema: move.newSchema, name: name.name)
        if model.relation(name) != nil { return model.moveRelation(name, to: moved) }
        guard move.kind == .table, model.table(name) != nil else { return }
        model.renameTable(name, to: moved)
    }
}

/// Columns in order with an index by name, for building a table in linear time.
private struct ColumnList {
    private(set) var all: [Column] = []
    /// Built once the table outgrows a search in place (`Table.searchedInPlace`): hashing every name of a dozen
    /// columns cost more than searching them.
    private var positions: [String: Int]?

    private func position(_ name: String) -> Int? {
        if let positions { return positions[name] }
        return all.firstIndex { $0.name == name }
    }

    func contains(_ name: String) -> Bool { position(name) != nil }

    mutating func set(_ column: Column) {
        if let i = position(column.name) { all[i] = column; return }
        all.append(column)
        if positions != nil {
            positions![column.name] = all.count - 1
        } else if all.count > Table.searchedInPlace {
            var byName: [String: Int] = [:]
            for (i, c) in all.enumerated() where byName[c.name] == nil { byName[c.name] = i }
            positions = byName
        }
    }

    mutating func addIfMissing(_ column: Column) { if !contains(column.name) { set(column) } }

    mutating func update(_ name: String, _ change: (inout Column) -> Void) {
        if let i = position(name) { change(&all[i]) }
    }
}
