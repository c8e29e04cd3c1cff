internal import CPgQuery
internal import CPgQueryHelpers

// Reads PostgreSQL's own parse tree, the C structs libpg_query's `pg_query_raw_parse` builds, into `StatementSyntax`.
// Nothing is serialised: each field is read where the parser left it, while its memory context is alive. PostgreSQL's
// `String` shadows Swift's here, hence `Swift.String`.

/// Reads the statements of one parse. Locations are rebased by `base`: the offset of the parsed text in its file.
/// `text` is the parsed text, indexed by file offset (bodies of DO blocks and functions are found in it).
struct TreeReader {
    let base: Int
    var text: ArraySlice<UInt8> = []

    // MARK: statements

    func statement(_ node: UnsafeMutableRawPointer?) -> StatementSyntax {
        guard let node else { return .other }
        switch sl_node_tag(node) {
        case T_CreateStmt: return .createTable(createTable(node.load(as: CreateStmt.self)))
        case T_AlterTableStmt: return .alterTable(alterTable(node.load(as: AlterTableStmt.self)))
        case T_IndexStmt: return .createIndex(createIndex(node.load(as: IndexStmt.self)))
        case T_DropStmt: return .drop(drop(node.load(as: DropStmt.self)))
        case T_RenameStmt:
            let s = node.load(as: RenameStmt.self)
            return .rename(Rename(kind: objectKind(s.renameType), relation: relation(s.relation), object: objectName(s.object),
                                  subname: string(s.subname) ?? "", newName: string(s.newname) ?? ""))
        case T_AlterObjectSchemaStmt:
            let s = node.load(as: AlterObjectSchemaStmt.self)
            return .alterObjectSchema(AlterObjectSchema(kind: objectKind(s.objectType), relation: relation(s.relation),
                                                        newSchema: string(s.newschema) ?? ""))
        case T_CreateEnumStmt:
            let s = node.load(as: CreateEnumStmt.self)
            return .createEnum(CreateEnum(typeName: names(s.typeName), values: names(s.vals)))
        case T_AlterEnumStmt:
            let s = node.load(as: AlterEnumStmt.self)
            return .alterEnum(AlterEnum(typeName: names(s.typeName), oldValue: string(s.oldVal), newValue: string(s.newVal),
                                        ifNotExists: s.skipIfNewValExists))
        case T_CreateTableAsStmt:
            let s = node.load(as: CreateTableAsStmt.self)
            guard let into = s.into?.pointee, let rel = relation(into.rel) else { return .other }
            let matview = s.objtype == OBJECT_MATVIEW
            let reads = matview ? relationsRead(by: s.query.map(UnsafeMutableRawPointer.init)) : []
            return .createTableAs(CreateTableAs(relation: rel, isMaterializedView: matview,
                                                ifNotExists: s.if_not_exists, isSelectInto: s.is_select_into, reads: reads))
        case T_CreateFunctionStmt:
            let s = node.load(as: CreateFunctionStmt.self)
            let volatility = definitions(s.options).last(where: { $0.name == "volatility" })?.value?.stringConstant
            let identifying = nodes(s.parameters).compactMap { node -> TypeSyntax? in
                guard sl_node_tag(node) == T_FunctionParameter else { return nil }
                let p = node.load(as: FunctionParameter.self)
                let mode = UInt8(p.mode.rawValue)
                // OUT and TABLE parameters are not part of the function's identity.
                guard mode != UInt8(ascii: "o"), mode != UInt8(ascii: "t") else { return nil }
                return typeName(p.argType)
            }
            return .createFunction(CreateFunction(name: names(s.funcname), isProcedure: s.is_procedure, orReplace: s.replace,
                                                  volatility: volatility?.lowercased(), argumentTypes: identifying,
                                                  attributes: functionAttributes(s.options),
                                                  body: functionBody(s, node: node)))
        case T_DoStmt: return doBlock(node.load(as: DoStmt.self))
        case T_AlterFunctionStmt:
            let s = node.load(as: AlterFunctionStmt.self)
            guard let function = s.func?.pointee else { return .other }
            let arguments = function.args_unspecified ? nil
                : nodes(function.objargs).compactMap { sl_node_tag($0) == T_TypeName ? typeName($0.assumingMemoryBound(to: TypeName.self)) : nil }
            return .alterFunction(AlterFunction(kind: objectKind(s.objtype), name: names(function.objname),
                                                argumentTypes: arguments, attributes: functionAttributes(s.actions)))
        case T_GrantStmt: return grant(node.load(as: GrantStmt.self))
        case T_CreateDomainStmt:
            let s = node.load(as: CreateDomainStmt.self)
            guard let type = typeName(s.typeName) else { return .other }
            return .createDomain(CreateDomain(name: names(s.domainname), type: type, constraints: constraints(s.constraints)))
        case T_AlterDomainStmt:
            let s = node.load(as: AlterDomainStmt.self)
            let def = s.def.flatMap { sl_node_tag($0) == T_Constraint ? constraint(UnsafeMutableRawPointer($0)) : nil }
            return .alterDomain(AlterDomain(subtype: UInt8(bitPattern: s.subtype), name: names(s.typeName), constraint: def))
        case T_CreateSeqStmt:
            let s = node.load(as: CreateSeqStmt.self)
            guard let seq = relation(s.sequence) else { return .other }
            return .createSequence(SequenceStatement(sequence: seq, ownedBy: ownedBy(s.options), ifNotExists: s.if_not_exists))
        case T_AlterSeqStmt:
            let s = node.load(as: AlterSeqStmt.self)
            guard let seq = relation(s.sequence) else { return .other }
            return .alterSequence(SequenceStatement(sequence: seq, ownedBy: ownedBy(s.options), ifNotExists: false))
        case T_CreateTrigStmt: return createTrigger(node.load(as: CreateTrigStmt.self))
        case T_TruncateStmt:
            let s = node.load(as: TruncateStmt.self)
            return .truncate(Truncate(relations: relations(s.relations), restartIdentity: s.restart_seqs,
                                      behavior: dropBehavior(s.behavior)))
        case T_ClusterStmt: return .cluster(relation: relation(node.load(as: ClusterStmt.self).relation))
        case T_VacuumStmt: return .vacuum(vacuum(node.load(as: VacuumStmt.self)))
        case T_ReindexStmt: return .reindex(reindex(node.load(as: ReindexStmt.self)))
        case T_RefreshMatViewStmt:
            let s = node.load(as: RefreshMatViewStmt.self)
            guard let rel = relation(s.relation) else { return .other }
            return .refreshMaterializedView(relation: rel, concurrently: s.concurrent, withNoData: s.skipData)
        case T_LockStmt:
            let s = node.load(as: LockStmt.self)
            return .lockTable(relations: relations(s.relations), mode: Int(s.mode))
        case T_CreatePolicyStmt:
            let s = node.load(as: CreatePolicyStmt.self)
            guard let table = relation(s.table) else { return .other }
            return .createPolicy(CreatePolicy(name: string(s.policy_name) ?? "", table: table))
        case T_RuleStmt:
            guard let rel = relation(node.load(as: RuleStmt.self).relation) else { return .other }
            return .createRule(relation: rel)
        case T_TransactionStmt: return .transaction(transactionKind(node.load(as: TransactionStmt.self).kind))
        case T_VariableSetStmt: return .set(variableSet(node.load(as: VariableSetStmt.self)))
        case T_VariableShowStmt: return .show
        case T_CreateSchemaStmt: return .createSchema(ifNotExists: node.load(as: CreateSchemaStmt.self).if_not_exists)
        case T_CreateExtensionStmt: return .createExtension(ifNotExists: node.load(as: CreateExtensionStmt.self).if_not_exists)
        case T_ViewStmt:
            let s = node.load(as: ViewStmt.self)
            guard let view = relation(s.view) else { return .other }
            let invoker = storageOptions(s.options).last { $0.name == "security_invoker" }
            return .createView(CreateView(relation: view, orReplace: s.replace, securityInvoker: invoker?.isTrue,
                                          reads: relationsRead(by: s.query.map(UnsafeMutableRawPointer.init))))
        case T_InsertStmt: return relation(node.load(as: InsertStmt.self).relation).map { .dataChange(relation: $0) } ?? .other
        case T_UpdateStmt: return relation(node.load(as: UpdateStmt.self).relation).map { .dataChange(relation: $0) } ?? .other
        case T_DeleteStmt: return relation(node.load(as: DeleteStmt.self).relation).map { .dataChange(relation: $0) } ?? .other
        case T_SelectStmt:
            let s = node.load(as: SelectStmt.self)
            // Only a plain SELECT's targets are read (`SELECT set_config(…)`): queries change nothing the model tracks.
            guard s.op == SETOP_NONE, s.fromClause == nil else { return .select(targets: []) }
            return .select(targets: nodes(s.targetList).compactMap { target in
                sl_node_tag(target) == T_ResTarget ? expression(target.load(as: ResTarget.self).val) : nil
            })
        case T_CompositeTypeStmt, T_CreateForeignTableStmt, T_CreateStatsStmt, T_CreateRangeStmt, T_DefineStmt:
            return .otherDefinition
        default: return .other
        }
    }

    private func createTable(_ s: CreateStmt) -> CreateTable {
        var elements: [TableElement] = []
        for element in nodes(s.tableElts) + nodes(s.constraints) {
            switch sl_node_tag(element) {
            case T_ColumnDef: elements.append(.column(columnDefinition(element.load(as: ColumnDef.self))))
            case T_Constraint: if let c = constraint(element) { elements.append(.constraint(c)) }
            case T_TableLikeClause:
                if let rel = relation(element.load(as: TableLikeClause.self).relation) { elements.append(.like(rel)) }
            default: break
            }
        }
        return CreateTable(relation: relation(s.relation) ?? RelationName.unnamed,
                           elements: elements, parents: relations(s.inhRelations), isPartition: s.partbound != nil,
                           isPartitioned: s.partspec != nil, ifNotExists: s.if_not_exists)
    }

    private func columnDefinition(_ def: ColumnDef) -> ColumnDefinition {
        ColumnDefinition(name: string(def.colname) ?? "", type: typeName(def.typeName), isNotNull: def.is_not_null,
                         defaultExpression: def.raw_default.flatMap { expression(UnsafeMutableRawPointer($0)) },
                         isIdentity: def.identity != 0, isGenerated: def.generated != 0,
                         constraints: constraints(def.constraints), location: location(def.location))
    }

    private func constraints(_ list: UnsafeMutablePointer<List>?) -> [ConstraintDefinition] {
        nodes(list).compactMap { sl_node_tag($0) == T_Constraint ? constraint($0) : nil }
    }

    private func constraint(_ node: UnsafeMutableRawPointer) -> ConstraintDefinition? {
        let c = node.load(as: Constraint.self)
        let kind: ConstraintDefinition.Kind
        switch c.contype {
        case CONSTR_NULL: kind = .null
        case CONSTR_NOTNULL: kind = .notNull
        case CONSTR_DEFAULT: kind = .default
        case CONSTR_IDENTITY: kind = .identity
        case CONSTR_GENERATED: kind = .generated
        case CONSTR_CHECK: kind = .check
        case CONSTR_PRIMARY: kind = .primaryKey
        case CONSTR_UNIQUE: kind = .unique
        case CONSTR_EXCLUSION: kind = .exclusion
        case CONSTR_FOREIGN: kind = .foreignKey
        default: kind = .attribute
        }
        // EXCLUDE (elem WITH op, …): each pair is a two-item list whose first item is the index element.
        let exclusions = nodes(c.exclusions).map { pair -> Swift.String? in
            guard sl_node_tag(pair) == T_List, let first = nodes(pair.assumingMemoryBound(to: List.self)).first,
                  sl_node_tag(first) == T_IndexElem else { return nil }
            return string(first.load(as: IndexElem.self).name)
        }
        return ConstraintDefinition(
            kind: kind, name: string(c.conname), location: location(c.location),
            expression: c.raw_expr.flatMap { expression(UnsafeMutableRawPointer($0)) },
            keys: names(c.keys), including: names(c.including), exclusionColumns: exclusions,
            hasOptions: c.options != nil, indexName: string(c.indexname), indexTablespace: string(c.indexspace),
            referencedTable: relation(c.pktable), foreignKeyColumns: names(c.fk_attrs), referencedColumns: names(c.pk_attrs),
            onDelete: UInt8(bitPattern: c.fk_del_action), onUpdate: UInt8(bitPattern: c.fk_upd_action),
            deleteSetColumns: names(c.fk_del_set_cols), skipValidation: c.skip_validation,
            nullsNotDistinct: c.nulls_not_distinct, deferrable: c.deferrable, initiallyDeferred: c.initdeferred)
    }

    private func alterTable(_ s: AlterTableStmt) -> AlterTable {
        let actions = nodes(s.cmds).compactMap { node -> AlterTableAction? in
            guard sl_node_tag(node) == T_AlterTableCmd else { return nil }
            let cmd = node.load(as: AlterTableCmd.self)
            var definition: AlterTableAction.Definition?
            if let def = cmd.def.map(UnsafeMutableRawPointer.init) {
                switch sl_node_tag(def) {
                case T_ColumnDef: definition = .column(columnDefinition(def.load(as: ColumnDef.self)))
                case T_Constraint: definition = constraint(def).map { .constraint($0) }
                case T_PartitionCmd: definition = relation(def.load(as: PartitionCmd.self).name).map { .partition($0) }
                default: definition = expression(def).map { .expression($0) }
                }
            }
            let options: [StorageOption]
            switch cmd.subtype {
            case AT_SetRelOptions, AT_ResetRelOptions, AT_ReplaceRelOptions:
                options = storageOptions(cmd.def.map { UnsafeMutableRawPointer($0).assumingMemoryBound(to: List.self) })
            default: options = []
            }
            return AlterTableAction(kind: alterTableActionKind(cmd.subtype), name: string(cmd.name) ?? "",
                                    definition: definition, options: options, behavior: dropBehavior(cmd.behavior), missingOk: cmd.missing_ok)
        }
        return AlterTable(relation: relation(s.relation) ?? RelationName.unnamed,
                          objectKind: objectKind(s.objtype), actions: actions, missingOk: s.missing_ok)
    }

    private func alterTableActionKind(_ type: AlterTableType) -> AlterTableAction.Kind {
        switch type {
        case AT_AddColumn, AT_AddColumnRecurse: .addColumn
        case AT_DropColumn, AT_DropColumnRecurse: .dropColumn
        case AT_AlterColumnType: .alterColumnType
        case AT_SetNotNull: .setNotNull
        case AT_DropNotNull: .dropNotNull
        case AT_ColumnDefault: .columnDefault
        case AT_AddConstraint, AT_AddConstraintRecurse: .addConstraint
        case AT_DropConstraint, AT_DropConstraintRecurse: .dropConstraint
        case AT_ValidateConstraint, AT_ValidateConstraintRecurse: .validateConstraint
        case AT_SetStatistics: .setStatistics
        case AT_ClusterOn: .clusterOn
        case AT_DropCluster: .dropCluster
        case AT_SetRelOptions: .setRelOptions
        case AT_ResetRelOptions: .resetRelOptions
        case AT_ReplaceRelOptions: .replaceRelOptions
        case AT_EnableTrig, AT_EnableAlwaysTrig, AT_EnableReplicaTrig, AT_EnableTrigAll, AT_EnableTrigUser: .enableTrigger
        case AT_DisableTrig, AT_DisableTrigAll, AT_DisableTrigUser: .disableTrigger
        case AT_AttachPartition: .attachPartition
        case AT_DetachPartition: .detachPartition
        case AT_DetachPartitionFinalize: .detachPartitionFinalize
        case AT_AddIdentity: .addIdentity
        case AT_DropIdentity: .dropIdentity
        case AT_ChangeOwner: .changeOwner
        case AT_EnableRowSecurity: .enableRowSecurity
        case AT_DisableRowSecurity: .disableRowSecurity
        case AT_ForceRowSecurity: .forceRowSecurity
        case AT_NoForceRowSecurity: .noForceRowSecurity
        default: .other
        }
    }

    private func createIndex(_ s: IndexStmt) -> CreateIndex {
        CreateIndex(name: string(s.idxname),
                    relation: relation(s.relation) ?? RelationName.unnamed,
                    method: string(s.accessMethod), keys: indexElements(s.indexParams),
                    including: indexElements(s.indexIncludingParams), hasWhereClause: s.whereClause != nil,
                    isUnique: s.unique, concurrently: s.concurrent, ifNotExists: s.if_not_exists)
    }

    private func indexElements(_ list: UnsafeMutablePointer<List>?) -> [IndexElement] {
        nodes(list).compactMap { node in
            guard sl_node_tag(node) == T_IndexElem else { return nil }
            let e = node.load(as: IndexElem.self)
            let ordering: IndexElement.Ordering = e.ordering == SORTBY_DESC ? .descending : e.ordering == SORTBY_ASC ? .ascending : .default
            let nulls: IndexElement.NullsOrdering = e.nulls_ordering == SORTBY_NULLS_FIRST ? .first
                : e.nulls_ordering == SORTBY_NULLS_LAST ? .last : .default
            return IndexElement(column: string(e.name), collation: names(e.collation), operatorClass: names(e.opclass),
                                ordering: ordering, nullsOrdering: nulls)
        }
    }

    /// SECURITY DEFINER|INVOKER and SET|RESET search_path among CREATE or ALTER FUNCTION options.
    private func functionAttributes(_ options: UnsafeMutablePointer<List>?) -> FunctionAttributes {
        var attributes = FunctionAttributes()
        for node in nodes(options) where sl_node_tag(node) == T_DefElem {
            let d = node.load(as: DefElem.self)
            switch string(d.defname) {
            case "security":
                if case .constant(.boolean(let definer), _)? = expression(d.arg) {
                    attributes.securityDefiner = definer
                    attributes.securityLocation = location(d.location)
                }
            case "set":
                guard let arg = d.arg.map(UnsafeMutableRawPointer.init), sl_node_tag(arg) == T_VariableSetStmt else { continue }
                let set = variableSet(arg.load(as: VariableSetStmt.self))
                switch set.kind {
                case .resetAll: attributes.setsSearchPath = false
                case _ where set.name != "search_path": continue
                case .value, .current: attributes.setsSearchPath = true
                default: attributes.setsSearchPath = false
                }
            default: continue
            }
        }
        return attributes
    }

    private func grant(_ s: GrantStmt) -> StatementSyntax {
        let target: Grant.Target
        switch s.targtype {
        case ACL_TARGET_OBJECT: target = .objects
        case ACL_TARGET_ALL_IN_SCHEMA: target = .allInSchema
        default: return .other  // ALTER DEFAULT PRIVILEGES' inner statement
        }
        let objects = nodes(s.objects).map { node -> [Swift.String] in
            if sl_node_tag(node) == T_RangeVar, let r = relation(node.assumingMemoryBound(to: RangeVar.self)) {
                return (r.schema.map { [$0] } ?? []) + [r.name]
            }
            return objectName(node)
        }
        let privileges = nodes(s.privileges).compactMap { node -> Swift.String? in
            sl_node_tag(node) == T_AccessPriv ? string(node.load(as: AccessPriv.self).priv_name)?.lowercased() : nil
        }
        let publicGrantee = nodes(s.grantees).first { node in
            sl_node_tag(node) == T_RoleSpec && node.load(as: RoleSpec.self).roletype == ROLESPEC_PUBLIC
        }
        return .grant(Grant(isGrant: s.is_grant, objectKind: objectKind(s.objtype), target: target, objects: objects,
                            privileges: privileges,
                            publicLocation: publicGrantee.flatMap { location($0.load(as: RoleSpec.self).location) }))
    }

    /// The relations a query reads, found by PostgreSQL's own walker over the raw tree (FROM items, joins,
    /// subqueries, CTEs, sublinks, set operations), minus references to the query's own CTE names.
    private func relationsRead(by query: UnsafeMutableRawPointer?) -> [RelationName] {
        // CREATE TABLE … AS EXECUTE has no query of its own.
        guard let query, sl_node_tag(query) == T_SelectStmt else { return [] }
        final class Found { var relations: [RelationName] = []; var cteNames: Set<Swift.String> = [] }
        let found = Found()
        let reader = self
        withExtendedLifetime(found) {
            let context = Unmanaged.passUnretained(found).toOpaque()
            // A query the walker cannot finish (a node it does not know) keeps what it found before.
            _ = sl_walk_raw_tree(query, { node, context in
                guard let node, let context else { return }
                let found = Unmanaged<Found>.fromOpaque(context).takeUnretainedValue()
                switch sl_node_tag(node) {
                case T_RangeVar:
                    if let r = TreeReader(base: 0).relation(node.assumingMemoryBound(to: RangeVar.self)) { found.relations.append(r) }
                case T_CommonTableExpr:
                    if let name = node.load(as: CommonTableExpr.self).ctename { found.cteNames.insert(Swift.String(cString: name)) }
                default: break
                }
            }, context)
        }
        return found.relations
            .filter { $0.schema != nil || !found.cteNames.contains($0.name) }
            .map { var r = $0; r.location = r.location.map { $0 + reader.base }; return r }
    }

    /// `name = value` storage options (a view's `WITH (…)`, ALTER … SET (…)).
    private func storageOptions(_ list: UnsafeMutablePointer<List>?) -> [StorageOption] {
        nodes(list).compactMap { node in
            guard sl_node_tag(node) == T_DefElem else { return nil }
            let d = node.load(as: DefElem.self)
            return StorageOption(name: string(d.defname)?.lowercased() ?? "", value: expression(d.arg))
        }
    }

    private func drop(_ s: DropStmt) -> Drop {
        Drop(kind: objectKind(s.removeType), objects: nodes(s.objects).map { objectName($0) },
             behavior: dropBehavior(s.behavior), missingOk: s.missing_ok, concurrently: s.concurrent)
    }

    private func createTrigger(_ s: CreateTrigStmt) -> StatementSyntax {
        guard let rel = relation(s.relation) else { return .other }
        // TRIGGER_TYPE_* bits of pg_trigger.h.
        let timing: CreateTrigger.Timing = s.timing & 64 != 0 ? .insteadOf : s.timing & 2 != 0 ? .before : .after
        return .createTrigger(CreateTrigger(name: string(s.trigname) ?? "", relation: rel, function: names(s.funcname),
                                            forEachRow: s.row, timing: timing, onInsert: s.events & 4 != 0,
                                            onUpdate: s.events & 16 != 0, onDelete: s.events & 8 != 0,
                                            onTruncate: s.events & 32 != 0))
    }

    private func vacuum(_ s: VacuumStmt) -> Vacuum {
        let full = definitions(s.options).last(where: { $0.name == "full" }).map { !Self.isFalse($0.value) } ?? false
        let rels = nodes(s.rels).compactMap { node -> RelationName? in
            sl_node_tag(node) == T_VacuumRelation ? relation(node.load(as: VacuumRelation.self).relation) : nil
        }
        return Vacuum(isVacuum: s.is_vacuumcmd, full: full, relations: rels)
    }

    /// An option's value that turns it off: `false`, `off`, `0` (PostgreSQL's defGetBoolean).
    private static func isFalse(_ value: Expression?) -> Bool {
        switch value {
        case .constant(.integer(0), _)?, .constant(.boolean(false), _)?: true
        case .constant(.string(let text), _)?: ["false", "off", "no", "0"].contains(text.lowercased())
        default: false
        }
    }

    private func reindex(_ s: ReindexStmt) -> Reindex {
        let kind: Reindex.Kind
        switch s.kind {
        case REINDEX_OBJECT_INDEX: kind = .index
        case REINDEX_OBJECT_TABLE: kind = .table
        case REINDEX_OBJECT_SCHEMA: kind = .schema
        case REINDEX_OBJECT_SYSTEM: kind = .system
        default: kind = .database
        }
        let concurrently = definitions(s.params).contains { $0.name == "concurrently" && !Self.isFalse($0.value) }
        return Reindex(kind: kind, relation: relation(s.relation), name: s.name.map { Swift.String(cString: $0) } ?? "",
                       concurrently: concurrently)
    }

    private func transactionKind(_ kind: TransactionStmtKind) -> TransactionKind {
        switch kind {
        case TRANS_STMT_BEGIN, TRANS_STMT_START: .begin
        case TRANS_STMT_COMMIT: .commit
        case TRANS_STMT_ROLLBACK: .rollback
        case TRANS_STMT_PREPARE: .prepare
        case TRANS_STMT_COMMIT_PREPARED: .commitPrepared
        case TRANS_STMT_ROLLBACK_PREPARED: .rollbackPrepared
        case TRANS_STMT_SAVEPOINT: .savepoint
        case TRANS_STMT_RELEASE: .release
        case TRANS_STMT_ROLLBACK_TO: .rollbackTo
        default: .other
        }
    }

    private func variableSet(_ s: VariableSetStmt) -> VariableSet {
        let kind: VariableSet.Kind
        switch s.kind {
        case VAR_SET_VALUE: kind = .value
        case VAR_SET_DEFAULT: kind = .default
        case VAR_SET_CURRENT: kind = .current
        case VAR_RESET: kind = .reset
        case VAR_RESET_ALL: kind = .resetAll
        default: kind = .other
        }
        return VariableSet(kind: kind, name: string(s.name)?.lowercased() ?? "",
                           values: nodes(s.args).compactMap { expression($0) }, isLocal: s.is_local)
    }

    /// `OWNED BY …` among sequence options: its name parts, `[]` for NONE (written as the single name `none`).
    private func ownedBy(_ options: UnsafeMutablePointer<List>?) -> [Swift.String]? {
        guard let option = definitions(options).last(where: { $0.name == "owned_by" }) else { return nil }
        guard case .list(let items)? = option.value else { return nil }
        let parts = items.compactMap { item -> Swift.String? in
            if case .constant(.string(let s), _) = item { return s }
            return nil
        }
        return parts.count >= 2 ? parts : []
    }

    // MARK: names and types

    func relation(_ rv: UnsafeMutablePointer<RangeVar>?) -> RelationName? {
        guard let r = rv?.pointee else { return nil }
        return RelationName(schema: string(r.schemaname), name: string(r.relname) ?? "",
                            persistence: UInt8(bitPattern: r.relpersistence), includesDescendants: r.inh,
                            location: location(r.location))
    }

    private func relations(_ list: UnsafeMutablePointer<List>?) -> [RelationName] {
        nodes(list).compactMap { sl_node_tag($0) == T_RangeVar ? relation($0.assumingMemoryBound(to: RangeVar.self)) : nil }
    }

    func typeName(_ t: UnsafeMutablePointer<TypeName>?) -> TypeSyntax? {
        guard let t = t?.pointee else { return nil }
        let modifiers = nodes(t.typmods).compactMap { node -> Int? in
            guard case .constant(.integer(let value), _)? = expression(node) else { return nil }
            return value
        }
        return TypeSyntax(names: names(t.names), integerModifiers: modifiers, isArray: t.arrayBounds != nil,
                          location: location(t.location), copiesColumnType: t.pct_type)
    }

    /// The name parts of an object in DROP, RENAME or COMMENT: a list of names, a type, a function with arguments, or
    /// a bare name (schemas, extensions).
    private func objectName(_ node: UnsafeMutableRawPointer?) -> [Swift.String] {
        guard let node else { return [] }
        switch sl_node_tag(node) {
        case T_List: return names(node.assumingMemoryBound(to: List.self))
        case T_TypeName: return names(node.load(as: TypeName.self).names)
        case T_ObjectWithArgs: return names(node.load(as: ObjectWithArgs.self).objname)
        case T_String: return stringValue(node).map { [$0] } ?? []
        default: return []
        }
    }

    private func objectKind(_ type: ObjectType) -> ObjectKind {
        switch type {
        case OBJECT_TABLE: .table
        case OBJECT_INDEX: .index
        case OBJECT_VIEW: .view
        case OBJECT_MATVIEW: .materializedView
        case OBJECT_SEQUENCE: .sequence
        case OBJECT_TYPE: .type
        case OBJECT_DOMAIN: .domain
        case OBJECT_FUNCTION: .function
        case OBJECT_PROCEDURE: .procedure
        case OBJECT_ROUTINE: .routine
        case OBJECT_SCHEMA: .schema
        case OBJECT_EXTENSION: .extension
        case OBJECT_TRIGGER: .trigger
        case OBJECT_RULE: .rule
        case OBJECT_POLICY: .policy
        case OBJECT_FOREIGN_TABLE: .foreignTable
        case OBJECT_COLUMN: .column
        case OBJECT_TABCONSTRAINT: .tableConstraint
        default: .other
        }
    }

    private func dropBehavior(_ behavior: CPgQuery.DropBehavior) -> SchemaLint.DropBehavior {
        behavior == DROP_CASCADE ? .cascade : .restrict
    }

    /// `name => value` options (DefElem lists).
    private func definitions(_ list: UnsafeMutablePointer<List>?) -> [(name: Swift.String, value: Expression?)] {
        nodes(list).compactMap { node in
            guard sl_node_tag(node) == T_DefElem else { return nil }
            let d = node.load(as: DefElem.self)
            return (string(d.defname) ?? "", d.arg.flatMap { expression(UnsafeMutableRawPointer($0)) })
        }
    }

    // MARK: expressions

    func expression(_ node: UnsafeMutableRawPointer?) -> Expression? {
        guard let node else { return nil }
        switch sl_node_tag(node) {
        case T_A_Const:
            let c = node.load(as: A_Const.self)
            return .constant(c.isnull ? .null : constant(c.val), location: location(c.location))
        case T_Integer: return .constant(.integer(Int(node.load(as: Integer.self).ival)), location: nil)
        case T_Float: return .constant(.numeric(string(node.load(as: Float.self).fval) ?? ""), location: nil)
        case T_String: return .constant(.string(stringValue(node) ?? ""), location: nil)
        case T_Boolean: return .constant(.boolean(node.load(as: Boolean.self).boolval), location: nil)
        case T_ColumnRef:
            let ref = node.load(as: ColumnRef.self)
            let fields = nodes(ref.fields).map { sl_node_tag($0) == T_A_Star ? "*" : stringValue($0) ?? "" }
            return .column(fields, location: location(ref.location))
        case T_FuncCall:
            let call = node.load(as: FuncCall.self)
            return .function(Expression.FunctionCall(name: names(call.funcname), arguments: expressions(call.args),
                                                     location: location(call.location)))
        case T_TypeCast:
            let cast = node.load(as: TypeCast.self)
            guard let inner = expression(cast.arg.map(UnsafeMutableRawPointer.init)) else { return nil }
            guard let type = typeName(cast.typeName) else { return inner }
            return .cast(inner, to: type)
        case T_A_Expr:
            let e = node.load(as: A_Expr.self)
            return .operation(Expression.Operation(kind: operationKind(e.kind), name: names(e.name).last ?? "",
                                                   left: expression(e.lexpr.map(UnsafeMutableRawPointer.init)),
                                                   right: expression(e.rexpr.map(UnsafeMutableRawPointer.init))))
        case T_BoolExpr:
            let e = node.load(as: BoolExpr.self)
            let args = expressions(e.args)
            switch e.boolop {
            case AND_EXPR: return .and(args)
            case OR_EXPR: return .or(args)
            default: return args.first.map { .not($0) }
            }
        case T_NullTest:
            let test = node.load(as: NullTest.self)
            guard let arg = expression(test.arg.map(UnsafeMutableRawPointer.init)) else { return nil }
            return .nullTest(arg, isNull: test.nulltesttype == IS_NULL)
        case T_A_ArrayExpr: return .array(expressions(node.load(as: A_ArrayExpr.self).elements))
        case T_List: return .list(expressions(node.assumingMemoryBound(to: List.self)))
        case T_CaseExpr:
            let e = node.load(as: CaseExpr.self)
            return .other([e.arg, e.defresult].compactMap { expression($0.map(UnsafeMutableRawPointer.init)) }
                          + expressions(e.args))
        case T_CaseWhen:
            let w = node.load(as: CaseWhen.self)
            return .other([w.expr, w.result].compactMap { expression($0.map(UnsafeMutableRawPointer.init)) })
        case T_CoalesceExpr: return .other(expressions(node.load(as: CoalesceExpr.self).args))
        case T_MinMaxExpr: return .other(expressions(node.load(as: MinMaxExpr.self).args))
        case T_RowExpr: return .other(expressions(node.load(as: RowExpr.self).args))
        case T_SubLink: return .other([expression(node.load(as: SubLink.self).testexpr)].compactMap { $0 })
        case T_BooleanTest:
            return .other([expression(node.load(as: BooleanTest.self).arg.map(UnsafeMutableRawPointer.init))].compactMap { $0 })
        case T_CollateClause: return .other([expression(node.load(as: CollateClause.self).arg)].compactMap { $0 })
        case T_A_Indirection: return .other([expression(node.load(as: A_Indirection.self).arg)].compactMap { $0 })
        case T_NamedArgExpr:
            return .other([expression(node.load(as: NamedArgExpr.self).arg.map(UnsafeMutableRawPointer.init))].compactMap { $0 })
        case T_DefElem: return .other([expression(node.load(as: DefElem.self).arg)].compactMap { $0 })
        case T_ResTarget: return expression(node.load(as: ResTarget.self).val)
        default: return .other([])
        }
    }

    private func expressions(_ list: UnsafeMutablePointer<List>?) -> [Expression] {
        nodes(list).compactMap { expression($0) }
    }

    private func constant(_ value: ValUnion) -> Expression.Constant {
        var value = value
        return withUnsafeMutableBytes(of: &value) { raw -> Expression.Constant in
            let node = raw.baseAddress!
            switch sl_node_tag(node) {
            case T_Integer: return .integer(Int(node.load(as: Integer.self).ival))
            case T_Float: return .numeric(string(node.load(as: Float.self).fval) ?? "")
            case T_Boolean: return .boolean(node.load(as: Boolean.self).boolval)
            case T_BitString: return .bitString(string(node.load(as: BitString.self).bsval) ?? "")
            default: return .string(stringValue(node) ?? "")
            }
        }
    }

    private func operationKind(_ kind: A_Expr_Kind) -> Expression.Operation.Kind {
        switch kind {
        case AEXPR_OP: .op
        case AEXPR_OP_ANY: .any
        case AEXPR_OP_ALL: .all
        case AEXPR_DISTINCT: .distinct
        case AEXPR_NOT_DISTINCT: .notDistinct
        case AEXPR_NULLIF: .nullIf
        case AEXPR_IN: .in
        case AEXPR_LIKE: .like
        case AEXPR_ILIKE: .iLike
        case AEXPR_SIMILAR: .similar
        case AEXPR_BETWEEN, AEXPR_NOT_BETWEEN, AEXPR_BETWEEN_SYM, AEXPR_NOT_BETWEEN_SYM: .between
        default: .other
        }
    }

    // MARK: primitives

    func location(_ offset: Int32) -> Int? { offset >= 0 ? base + Int(offset) : nil }

    private func string(_ text: UnsafePointer<CChar>?) -> Swift.String? {
        text.map { Swift.String(cString: $0) }
    }

    private func string(_ text: UnsafeMutablePointer<CChar>?) -> Swift.String? {
        text.map { Swift.String(cString: $0) }
    }

    /// The text of a `String` node.
    private func stringValue(_ node: UnsafeMutableRawPointer) -> Swift.String? {
        sl_node_tag(node) == T_String ? string(node.load(as: CPgQuery.String.self).sval) : nil
    }

    /// The `String` items of a list of names.
    /// Loops, not `compactMap`: these run for every name and list of every statement, and a mapped range grew its
    /// result from empty and copied the reader into a closure each time.
    private func names(_ list: UnsafeMutablePointer<List>?) -> [Swift.String] {
        guard let list, let cells = list.pointee.elements else { return [] }
        let count = Int(list.pointee.length)
        var names: [Swift.String] = []
        names.reserveCapacity(count)
        for i in 0..<count {
            if let node = cells[i].ptr_value, let name = stringValue(node) { names.append(name) }
        }
        return names
    }

    /// The items of a `List *` (NIL is the empty list).
    func nodes(_ list: UnsafeMutablePointer<List>?) -> [UnsafeMutableRawPointer] {
        guard let list, let cells = list.pointee.elements else { return [] }
        let count = Int(list.pointee.length)
        var nodes: [UnsafeMutableRawPointer] = []
        nodes.reserveCapacity(count)
        for i in 0..<count {
            if let node = cells[i].ptr_value { nodes.append(node) }
        }
        return nodes
    }

    private func expression(_ node: UnsafeMutablePointer<Node>?) -> Expression? {
        expression(node.map(UnsafeMutableRawPointer.init))
    }

    private func expression(_ node: UnsafeMutablePointer<Expr>?) -> Expression? {
        expression(node.map(UnsafeMutableRawPointer.init))
    }
}
