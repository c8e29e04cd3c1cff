// Facts about objects around the tables that design rules ask about (domains, triggers, sequences), recorded by
// the replay (one call at the end of each statement), so rules read the model and never walk the tree again.

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
