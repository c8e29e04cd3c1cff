import PgQueryProto

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
        let tokens = LibPgQuery.scan(Array(file.bytes[piece])).filter { !$0.isComment }
        var i = 0
        func next(_ kinds: Set<PgQuery_Token>) -> Bool {
            guard i < tokens.count, kinds.contains(tokens[i].kind) else { return false }
            i += 1
            return true
        }
        guard next([.create]) else { return }
        _ = next([.global, .local])
        _ = next([.temp, .temporary, .unlogged])
        guard next([.table]) else { return }
        if next([.ifP]) { guard next([.not]), next([.exists]) else { return } }
        var parts: [String] = []
        while i < tokens.count, tokens[i].kind == .ident || tokens[i].isKeyword {
            let raw = file.text((piece.lowerBound + tokens[i].start)..<(piece.lowerBound + tokens[i].end))
            parts.append(raw.hasPrefix("\"") ? String(raw.dropFirst().dropLast()).replacingOccurrences(of: "\"\"", with: "\"")
                                              : raw.lowercased())
            i += 1
            guard i < tokens.count, tokens[i].kind == .ascii46 else { break }
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
        switch statement.node.node {
        case .createStmt(let create): createTable(create)
        case .alterTableStmt(let alter) where alter.objtype == .objectTable: alterTable(alter)
        case .indexStmt(let index): createIndex(index)
        case .dropStmt(let drop): self.drop(drop)
        case .renameStmt(let rename): self.rename(rename)
        case .alterObjectSchemaStmt(let move) where move.objectType == .objectTable: setSchema(move)
        case .createEnumStmt(let create): createEnum(create)
        case .alterEnumStmt(let alter): alterEnum(alter)
        case .createTableAsStmt(let create) where create.objtype == .objectMatview:
            model.materializedViews[QualifiedName(create.into.rel)] = anchor(statement.headRange(throughNameAt: create.into.rel.location))
        case .createTableAsStmt(let create) where create.objtype == .objectTable:
            // CREATE TABLE … AS: a new table whose columns come from a query (not modelled).
            let name = QualifiedName(create.into.rel)
            if create.ifNotExists, model.table(name)?.introduced != nil { break }
            let table = Table(name: name)
            table.createdByQuery = anchor(statement.headRange(throughNameAt: create.into.rel.location))
            table.isTemporary = create.into.rel.relpersistence == "t"
            model.insert(table)
        case .createFunctionStmt(let function): createFunction(function)
        default: break
        }
        model.recordCatalogFacts(statement, changes: changes)
    }

    // MARK: helpers

    func anchor(_ range: Range<Int>) -> SourceAnchor { SourceAnchor(file: statement.file, range: range) }

    func change(for table: Table) -> TableChange {
        TableChange(table: table, isNewInFile: table.introduced?.file === statement.file)
    }

    // MARK: CREATE TABLE

    mutating func createTable(_ create: PgQuery_CreateStmt) {
        let name = QualifiedName(create.relation)
        if create.ifNotExists, model.table(name)?.created != nil { return }
        let table = Table(name: name)
        table.created = anchor(statement.headRange(throughNameAt: create.relation.location))
        table.isTemporary = create.relation.relpersistence == "t"
        table.isPartition = create.hasPartbound
        table.isPartitioned = create.hasPartspec
        model.insert(table)
        let tableChange = change(for: table)
        changes.append(.createTable(tableChange))

        // Columns are collected with a name index: a table can have thousands, and a linear search per
        // column made replay quadratic. Inherited columns (INHERITS, PARTITION OF) come first, as in PostgreSQL.
        var columns = ColumnList()
        for parent in create.inhRelations {
            guard case .rangeVar(let rv) = parent.node, let source = model.table(QualifiedName(rv)) else { continue }
            source.columns.forEach { columns.addIfMissing($0) }
        }
        var constraints: [TableConstraint] = []
        let elements = create.tableElts + create.constraints
        for element in elements {
            switch element.node {
            case .columnDef(let def):
                let range = statement.clauseRange(at: def.location)
                // PARTITION OF may restate an inherited column only to add options.
                if !def.hasTypeName, columns.contains(def.colname) {
                    columns.update(def.colname) { $0.notNull = $0.notNull || def.isNotNull }
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
            case .tableLikeClause(let like):
                model.table(QualifiedName(like.relation))?.columns.forEach { columns.addIfMissing($0) }
            default: break
            }
        }
        table.columns = columns.all
        for constraint in constraints { addConstraint(constraint, to: tableChange, via: .createTable) }
    }

    /// A column and the constraints written on it (PRIMARY KEY, UNIQUE, REFERENCES, CHECK).
    func columnDefinition(_ def: PgQuery_ColumnDef, range: Range<Int>) -> (Column, [TableConstraint]) {
        var column = Column(name: def.colname, type: ColumnType(def.typeName), notNull: def.isNotNull,
                            defaultExpression: def.hasRawDefault ? def.rawDefault : nil,
                            isIdentity: !def.identity.isEmpty, isGenerated: !def.generated.isEmpty,
                            anchor: anchor(range))
        for node in def.constraints {
            guard case .constraint(let con) = node.node else { continue }
            switch con.contype {
            case .constrNotnull, .constrPrimary: column.notNull = true
            case .constrNull: column.notNull = false
            case .constrDefault: column.defaultExpression = con.rawExpr
            case .constrIdentity: column.isIdentity = true; column.notNull = true
            case .constrGenerated: column.isGenerated = true
            default: break
            }
        }
        return (column, columnConstraints(def, range: range))
    }

    func columnConstraints(_ def: PgQuery_ColumnDef, range: Range<Int>) -> [TableConstraint] {
        let cons = def.constraints.compactMap { node -> PgQuery_Constraint? in
            if case .constraint(let c) = node.node { return c } else { return nil }
        }
        var result: [TableConstraint] = []
        for (i, con) in cons.enumerated() {
            // A column constraint runs until the next one starts (or the column definition ends).
            let next = cons[(i + 1)...].lazy.compactMap { statement.absolute($0.location) }.first
            guard let start = statement.absolute(con.location) else { continue }
            let conRange = statement.clauseRange(from: start, stoppingBefore: next ?? range.upperBound + 1)
            if let c = tableConstraint(con, columns: [def.colname], range: conRange, table: nil) { result.append(c) }
        }
        return result
    }

    /// A named-or-not constraint of a kind the model tracks; nil for NOT NULL, DEFAULT and the like.
    func tableConstraint(_ con: PgQuery_Constraint, columns: [String], range: Range<Int>, table: Table?) -> TableConstraint? {
        let kind: ConstraintKind
        var keyColumns = columns
        switch con.contype {
        case .constrPrimary: kind = .primaryKey
        case .constrUnique: kind = .unique
        case .constrForeign: kind = .foreignKey
        case .constrCheck: kind = .check
        case .constrExclusion: kind = .exclusion
        default: return nil
        }
        let written: [String]
        switch kind {
        case .foreignKey: written = con.fkAttrs.compactMap(\.stringValue)
        case .exclusion:
            written = con.exclusions.compactMap { pair -> String? in
                guard case .list(let list) = pair.node, case .indexElem(let elem)? = list.items.first?.node else { return nil }
                return elem.name.isEmpty ? nil : elem.name
            }
        // PostgreSQL names a CHECK after the one column it references (`t_col_check`), else `t_check`.
        case .check: written = con.hasRawExpr ? con.rawExpr.referencedColumns : []
        default: written = con.keys.compactMap(\.stringValue)
        }
        if !written.isEmpty || kind == .check { keyColumns = written }
        let usingIndex = con.indexname.isEmpty ? nil : con.indexname
        if let usingIndex, keyColumns.isEmpty, let table,
           let index = model.indexes(on: table.name).first(where: { $0.name == usingIndex }) {
            keyColumns = index.keys.compactMap { if case .column(let c) = $0 { c } else { nil } }
        }
        var foreignKey: ForeignKey?
        if kind == .foreignKey {
            foreignKey = ForeignKey(table: QualifiedName(con.pktable), columns: con.pkAttrs.compactMap(\.stringValue),
                                    onDelete: ReferentialAction(code: con.fkDelAction),
                                    onUpdate: ReferentialAction(code: con.fkUpdAction),
                                    onDeleteWritten: containsOnDelete(range),
                                    deleteSetColumns: con.fkDelSetCols.compactMap(\.stringValue))
        }
        return TableConstraint(name: con.conname.isEmpty ? nil : con.conname, kind: kind, columns: keyColumns,
                               foreignKey: foreignKey, expression: con.hasRawExpr ? con.rawExpr : nil,
                               notValid: con.skipValidation, usingIndex: usingIndex, anchor: anchor(range))
    }

    /// `ON DELETE` as spelled in the source (the tree records NO ACTION either way).
    func containsOnDelete(_ range: Range<Int>) -> Bool {
        let tokens = statement.codeTokens(in: range)
        return zip(tokens, tokens.dropFirst()).contains { $0.kind == .on && $1.kind == .deleteP }
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

    mutating func alterTable(_ alter: PgQuery_AlterTableStmt) {
        let table = model.tableForAlter(QualifiedName(alter.relation))
        let target = change(for: table)
        let ranges = statement.alterActionRanges(relation: alter.relation, count: alter.cmds.count)
        for (node, range) in zip(alter.cmds, ranges) {
            guard case .alterTableCmd(let cmd) = node.node else { continue }
            alterTableAction(cmd, target: target, range: range)
        }
    }

    mutating func alterTableAction(_ cmd: PgQuery_AlterTableCmd, target: TableChange, range: Range<Int>) {
        let table = target.table
        let actionAnchor = anchor(range)
        switch cmd.subtype {
        case .atAddColumn, .atAddColumnRecurse:
            guard case .columnDef(let def) = cmd.def.node else { return }
            if cmd.missingOk, table.column(named: def.colname) != nil { return }
            let (column, inline) = columnDefinition(def, range: range)
            table.columns.removeAll { $0.name == column.name }
            table.columns.append(column)
            changes.append(.addColumn(target, column, via: .alterTable))
            for constraint in inline { addConstraint(constraint, to: target, via: .alterTable) }
        case .atDropColumn, .atDropColumnRecurse:
            table.columns.removeAll { $0.name == cmd.name }
            // PostgreSQL drops the indexes and constraints that used the column along with it.
            table.constraints.removeAll { $0.columns.contains(cmd.name) }
            for index in model.indexes(on: table.name) where index.keys.contains(.column(cmd.name)) {
                model.removeIndex(QualifiedName(schema: table.name.schema, name: index.name))
            }
            changes.append(.dropColumn(target, column: cmd.name, anchor: actionAnchor))
        case .atAlterColumnType:
            guard case .columnDef(let def) = cmd.def.node else { return }
            let newType = ColumnType(def.typeName)
            let old = table.column(named: cmd.name)?.type
            table.updateColumn(cmd.name) { $0.type = newType }
            changes.append(.alterColumnType(target, column: cmd.name, from: old, to: newType, anchor: actionAnchor))
        case .atSetNotNull:
            table.updateColumn(cmd.name) { $0.notNull = true }
            changes.append(.setNotNull(target, column: cmd.name, anchor: actionAnchor))
        case .atDropNotNull:
            table.updateColumn(cmd.name) { $0.notNull = false }
            changes.append(.dropNotNull(target, column: cmd.name, anchor: actionAnchor))
        case .atColumnDefault:
            if cmd.hasDef {
                table.updateColumn(cmd.name) { $0.defaultExpression = cmd.def }
                changes.append(.setDefault(target, column: cmd.name, expression: cmd.def, anchor: actionAnchor))
            } else {
                table.updateColumn(cmd.name) { $0.defaultExpression = nil }
                changes.append(.dropDefault(target, column: cmd.name, anchor: actionAnchor))
            }
        case .atAddConstraint, .atAddConstraintRecurse:
            guard case .constraint(let con) = cmd.def.node else { return }
            // Anchor at the constraint itself (`CONSTRAINT … FOREIGN KEY …`), not at the ADD keyword.
            let constraintRange = statement.absolute(con.location).map { statement.clauseRange(from: $0) } ?? range
            guard let constraint = tableConstraint(con, columns: [], range: constraintRange, table: table) else { return }
            addConstraint(constraint, to: target, via: .alterTable)
        case .atDropConstraint, .atDropConstraintRecurse:
            table.constraints.removeAll { $0.isNamed(cmd.name, on: table.name) }
            changes.append(.dropConstraint(target, name: cmd.name, anchor: actionAnchor))
        case .atValidateConstraint, .atValidateConstraintRecurse:
            if let i = table.constraints.firstIndex(where: { $0.isNamed(cmd.name, on: table.name) }) { table.constraints[i].notValid = false }
            changes.append(.validateConstraint(target, name: cmd.name, anchor: actionAnchor))
        default: break
        }
    }

    // MARK: indexes

    mutating func createIndex(_ stmt: PgQuery_IndexStmt) {
        let tableName = QualifiedName(stmt.relation)
        let table = model.table(tableName) ?? model.tableForAlter(tableName)
        let keyRanges = statement.indexKeyRanges(count: stmt.indexParams.count)
        var keys: [IndexKey] = []
        var keyTexts: [String] = []
        for (param, range) in zip(stmt.indexParams, keyRanges) {
            guard case .indexElem(let elem) = param.node else { continue }
            keys.append(elem.name.isEmpty ? .expression(statement.normalizedText(range)) : .column(elem.name))
            keyTexts.append(statement.indexKeyText(elem, range: range))
        }
        let name = stmt.idxname.isEmpty ? generatedIndexName(table: tableName.name, keys: keys) : stmt.idxname
        // Index names are unique per schema, not per table: IF NOT EXISTS skips on any relation of that name.
        if stmt.ifNotExists, model.index(named: QualifiedName(schema: tableName.schema, name: name)) != nil { return }
        let index = Index(name: name, table: tableName, keys: keys,
                          predicate: stmt.hasWhereClause ? statement.normalizedText(statement.whereClauseRange()) : nil,
                          method: stmt.accessMethod.isEmpty ? "btree" : stmt.accessMethod.lowercased(),
                          isUnique: stmt.unique, anchor: anchor(statement.contentRange),
                          keyTexts: keyTexts, nameWritten: !stmt.idxname.isEmpty,
                          includedColumns: stmt.indexIncludingParams.compactMap {
                              if case .indexElem(let elem) = $0.node, !elem.name.isEmpty { elem.name } else { nil }
                          })
        model.addIndex(index)
        changes.append(.createIndex(change(for: table), index, concurrently: stmt.concurrent))
    }

    /// PostgreSQL's name for an unnamed index: `<table>_<columns>_idx`.
    func generatedIndexName(table: String, keys: [IndexKey]) -> String {
        let parts = keys.map { if case .column(let c) = $0 { c } else { "expr" } }
        return ([table] + parts + ["idx"]).joined(separator: "_")
    }

    // MARK: DROP, RENAME, SET SCHEMA

    mutating func drop(_ drop: PgQuery_DropStmt) {
        for object in drop.objects {
            guard let name = QualifiedName(dottedList: object) else { continue }
            switch drop.removeType {
            case .objectTable:
                // A table the run never saw still counts as existing.
                let target = model.table(name).map(change(for:)) ?? TableChange(table: Table(name: name), isNewInFile: false)
                model.removeTable(name)
                changes.append(.dropTable(target, anchor: anchor(statement.contentRange)))
            case .objectIndex:
                if let index = model.removeIndex(name) {
                    changes.append(.dropIndex(index, concurrently: drop.concurrent, anchor: anchor(statement.contentRange)))
                } else {
                    changes.append(.dropUnknownIndex(name, concurrently: drop.concurrent, anchor: anchor(statement.contentRange)))
                }
            case .objectMatview:
                model.materializedViews[name] = nil
            default: break
            }
        }
    }

    mutating func rename(_ rename: PgQuery_RenameStmt) {
        let name = QualifiedName(rename.relation)
        switch rename.renameType {
        case .objectTable:
            // A table the run never saw is existing: it is known from here on under its new name.
            let table = model.tableForAlter(name)
            let newName = QualifiedName(schema: name.schema, name: rename.newname)
            model.renameTable(name, to: newName)
            changes.append(.renameTable(change(for: table), from: name, anchor: anchor(statement.contentRange)))
        case .objectColumn:
            let table = model.tableForAlter(name)
            table.updateColumn(rename.subname) { $0.name = rename.newname }
            for i in table.constraints.indices {
                table.constraints[i].columns = table.constraints[i].columns.map { $0 == rename.subname ? rename.newname : $0 }
            }
            for index in model.indexes(on: table.name) where index.keys.contains(.column(rename.subname)) {
                var moved = index
                moved.keys = index.keys.map { $0 == .column(rename.subname) ? .column(rename.newname) : $0 }
                model.addIndex(moved)
            }
            changes.append(.renameColumn(change(for: table), from: rename.subname, to: rename.newname,
                                         anchor: anchor(statement.contentRange)))
        case .objectTabconstraint:
            guard let table = model.table(name),
                  let i = table.constraints.firstIndex(where: { $0.isNamed(rename.subname, on: table.name) }) else { return }
            table.constraints[i].name = rename.newname
        case .objectIndex:
            model.renameIndex(name, to: rename.newname)
        case .objectType:
            // ALTER TYPE … RENAME TO: columns keep their type (by OID), so they now carry the new name.
            guard let old = QualifiedName(dottedList: rename.object) else { return }
            for table in model.tables {
                for column in table.columns where column.type.name == old.name && (column.type.schema ?? "public") == old.schema {
                    table.updateColumn(column.name) { $0.type.name = rename.newname }
                }
            }
            if var type = model.enumTypes.removeValue(forKey: old) {
                type.name = QualifiedName(schema: old.schema, name: rename.newname)
                model.enumTypes[type.name] = type
            }
        default: break
        }
    }

    // MARK: types and functions

    mutating func createEnum(_ create: PgQuery_CreateEnumStmt) {
        guard let name = QualifiedName(nameParts: create.typeName) else { return }
        model.enumTypes[name] = EnumType(name: name, values: create.vals.compactMap(\.stringValue),
                                         created: anchor(statement.contentRange))
    }

    mutating func alterEnum(_ alter: PgQuery_AlterEnumStmt) {
        // RENAME VALUE sets oldVal; ADD VALUE does not.
        guard alter.oldVal.isEmpty, !alter.newVal.isEmpty, let name = QualifiedName(nameParts: alter.typeName) else { return }
        let existing = model.enumTypes[name]
        if alter.skipIfNewValExists, existing?.values.contains(alter.newVal) == true { return }
        model.enumTypes[name]?.values.append(alter.newVal)
        changes.append(.addEnumValue(type: name, value: alter.newVal, isNewInFile: existing?.created.file === statement.file,
                                     anchor: anchor(statement.contentRange)))
    }

    mutating func createFunction(_ function: PgQuery_CreateFunctionStmt) {
        guard let name = function.funcname.last?.stringValue?.lowercased() else { return }
        var volatility = FunctionVolatility.volatile
        for option in function.options {
            if case .defElem(let d) = option.node, d.defname == "volatility", let value = d.arg.stringValue,
               let declared = FunctionVolatility(rawValue: value.lowercased()) {
                volatility = declared
            }
        }
        model.functionVolatility[name] = volatility
    }

    mutating func setSchema(_ move: PgQuery_AlterObjectSchemaStmt) {
        let name = QualifiedName(move.relation)
        guard model.table(name) != nil else { return }
        model.renameTable(name, to: QualifiedName(schema: move.newschema, name: name.name))
    }
}

/// Columns in order with an index by name, for building a table in linear time.
private struct ColumnList {
    private(set) var all: [Column] = []
    private var positions: [String: Int] = [:]

    func contains(_ name: String) -> Bool { positions[name] != nil }

    mutating func set(_ column: Column) {
        if let i = positions[column.name] { all[i] = column } else { positions[column.name] = all.count; all.append(column) }
    }

    mutating func addIfMissing(_ column: Column) { if !contains(column.name) { set(column) } }

    mutating func update(_ name: String, _ change: (inout Column) -> Void) {
        if let i = positions[name] { change(&all[i]) }
    }
}
