// Facts the security rules ask about: row-level security and policies per table, functions' SECURITY DEFINER and
// search_path, views and what they read, and grants to PUBLIC. The replay records them (`recordSecurityFacts`), across
// files, so a policy or an `ALTER FUNCTION … SET search_path` three migrations later counts.

/// A row-level-security policy (`CREATE POLICY name ON table`).
public struct Policy: Sendable {
    public var name: String
    public var anchor: SourceAnchor
}

/// A function or procedure by what identifies it: its name and the types of its identifying arguments.
public struct FunctionSignature: Hashable, Sendable, CustomStringConvertible {
    public var name: QualifiedName
    /// Canonical type names (`int4`, `text[]`).
    public var arguments: [String]

    init(name: QualifiedName, arguments: [TypeSyntax]) {
        self.name = name
        self.arguments = arguments.map { type in
            if type.copiesColumnType { return type.names.joined(separator: ".") + "%TYPE" }
            let canonical = ColumnType(type)
            return canonical.name + (canonical.isArray ? "[]" : "")
        }
    }

    /// How ALTER FUNCTION names it: with its argument types, or by name alone when one copies a column's type
    /// (`%TYPE` is not accepted there; the name alone is, for a function that is not overloaded).
    public var sql: String {
        let name = SQLText.name(self.name)
        return arguments.contains { $0.hasSuffix("%TYPE") } ? name : "\(name)(\(arguments.joined(separator: ", ")))"
    }

    public var description: String { "\(name)(\(arguments.joined(separator: ", ")))" }
}

/// A function the run created, with the attributes that decide whose rights it runs with and where it looks names up.
public struct FunctionDefinition: Sendable {
    public var signature: FunctionSignature
    public var isProcedure: Bool
    /// `CREATE FUNCTION name`.
    public var created: SourceAnchor
    /// Where `SECURITY DEFINER` is written; nil when it runs with the caller's rights.
    public var securityDefiner: SourceAnchor?
    /// Its configuration fixes `search_path` (`SET search_path …` in the definition or a later ALTER FUNCTION).
    public var setsSearchPath: Bool
}

/// A view the run created (`CREATE [OR REPLACE] VIEW`, `CREATE MATERIALIZED VIEW`).
public struct View: Sendable {
    public var name: QualifiedName
    /// A materialized view: it stores what its query returned, as its owner, at the last refresh.
    public var isMaterialized = false
    /// The tables and views its query reads.
    public var reads: [QualifiedName]
    /// `security_invoker = true`: it runs with the rights (and row-level security) of whoever queries it (PostgreSQL 15+).
    public var securityInvoker: Bool
    /// `CREATE VIEW name`.
    public var created: SourceAnchor
}

/// A privilege granted to PUBLIC, so to every role, present and future.
public struct PublicGrant: Sendable {
    public var objectKind: ObjectKind
    public var target: Grant.Target
    /// The object's name parts (the schema's for ALL … IN SCHEMA).
    public var object: [String]
    /// Lower-case privilege names; empty for ALL.
    public var privileges: [String]
    /// The `PUBLIC` of the GRANT.
    public var anchor: SourceAnchor
}

extension SchemaModel {
    /// Records what a statement says about security. Called by the replay for every statement.
    func recordSecurityFacts(_ statement: Statement) {
        let anchor = { (range: Range<Int>) in SourceAnchor(file: statement.file, range: range) }
        switch statement.syntax {
        case .alterTable(let alter):
            let security: Set<AlterTableAction.Kind> = [.enableRowSecurity, .disableRowSecurity, .forceRowSecurity,
                                                        .noForceRowSecurity, .setRelOptions, .resetRelOptions]
            // Most ALTER TABLEs have none of these: their action ranges (a pass over the tokens) are not needed.
            guard alter.actions.contains(where: { security.contains($0.kind) }) else { return }
            let name = QualifiedName(alter.relation)
            let ranges = statement.alterActionRanges(relation: alter.relation, count: alter.actions.count)
            for (action, range) in zip(alter.actions, ranges) {
                switch action.kind {
                case .enableRowSecurity: tableForAlter(name).rowSecurity = anchor(range)
                case .disableRowSecurity: tableForAlter(name).rowSecurity = nil
                case .forceRowSecurity: tableForAlter(name).forcesRowSecurity = true
                case .noForceRowSecurity: tableForAlter(name).forcesRowSecurity = false
                // ALTER VIEW … SET (security_invoker = …), or RESET (security_invoker).
                case .setRelOptions, .resetRelOptions:
                    guard views[name] != nil, let option = action.options.last(where: { $0.name == "security_invoker" }) else { continue }
                    views[name]?.securityInvoker = action.kind == .setRelOptions && option.isTrue
                default: continue
                }
            }
        case .createPolicy(let policy):
            tableForAlter(QualifiedName(policy.table)).policies.append(
                Policy(name: policy.name, anchor: anchor(statement.headRange(throughNameAt: policy.table.location))))
        case .createView(let create):
            let name = QualifiedName(create.relation)
            if views[name] == nil { viewOrder.append(name) }
            views[name] = View(name: name, reads: create.reads.map(QualifiedName.init),
                               securityInvoker: create.securityInvoker ?? false,
                               created: anchor(statement.headRange(throughNameAt: create.relation.location)))
        case .createTableAs(let create) where create.isMaterializedView:
            let name = QualifiedName(create.relation)
            if views[name] == nil { viewOrder.append(name) }
            views[name] = View(name: name, isMaterialized: true, reads: create.reads.map(QualifiedName.init),
                               securityInvoker: false,
                               created: anchor(statement.headRange(throughNameAt: create.relation.location)))
        case .createFunction(let create):
            guard let name = QualifiedName(parts: create.name) else { return }
            let signature = FunctionSignature(name: name, arguments: create.argumentTypes)
            if functions[signature] == nil { functionOrder.append(signature) }
            // CREATE OR REPLACE sets every attribute anew: what it does not write is back to the default.
            let definer = create.attributes.securityDefiner == true
            functions[signature] = FunctionDefinition(
                signature: signature, isProcedure: create.isProcedure,
                created: anchor(statement.firstLine),
                securityDefiner: definer ? anchor(statement.tokenRange(at: create.attributes.securityLocation, count: 2)) : nil,
                setsSearchPath: create.attributes.setsSearchPath == true)
        case .alterFunction(let alter):
            guard let name = QualifiedName(parts: alter.name) else { return }
            let wanted = alter.argumentTypes.map { FunctionSignature(name: name, arguments: $0) }
            for signature in functionOrder where signature.name == name && (wanted == nil || wanted == signature) {
                if let definer = alter.attributes.securityDefiner {
                    functions[signature]?.securityDefiner = definer
                        ? anchor(statement.tokenRange(at: alter.attributes.securityLocation, count: 2)) : nil
                }
                if let sets = alter.attributes.setsSearchPath { functions[signature]?.setsSearchPath = sets }
            }
        case .grant(let grant):
            guard let publicLocation = grant.publicLocation else { return }
            for object in grant.objects {
                if grant.isGrant {
                    publicGrants.append(PublicGrant(objectKind: grant.objectKind, target: grant.target, object: object,
                                                    privileges: grant.privileges,
                                                    anchor: anchor(statement.tokenRange(at: publicLocation, count: 1))))
                    continue
                }
                // REVOKE … FROM PUBLIC takes back what it names (ALL: everything).
                for i in publicGrants.indices.reversed()
                where publicGrants[i].target == grant.target && publicGrants[i].object == object
                    && publicGrants[i].objectKind == grant.objectKind {
                    if grant.privileges.isEmpty {
                        publicGrants.remove(at: i)
                    } else if !publicGrants[i].privileges.isEmpty {
                        publicGrants[i].privileges.removeAll { grant.privileges.contains($0) }
                        if publicGrants[i].privileges.isEmpty { publicGrants.remove(at: i) }
                    }
                }
            }
        case .drop(let drop):
            for parts in drop.objects {
                switch drop.kind {
                case .policy:
                    // [schema,] table, policy
                    guard parts.count >= 2 else { continue }
                    let table = QualifiedName(parts: Array(parts.dropLast()))!
                    self.table(table)?.policies.removeAll { $0.name == parts.last }
                case .view, .materializedView:
                    guard let name = QualifiedName(parts: parts) else { continue }
                    views[name] = nil
                    viewOrder.removeAll { $0 == name }
                case .function, .procedure, .routine:
                    guard let name = QualifiedName(parts: parts) else { continue }
                    for signature in functionOrder where signature.name == name { functions[signature] = nil }
                    functionOrder.removeAll { $0.name == name }
                default: continue
                }
            }
        default: break
        }
    }

    /// Views in the order the run created them.
    public var createdViews: [View] { viewOrder.compactMap { views[$0] } }

    /// Functions and procedures in the order the run created them.
    public var createdFunctions: [FunctionDefinition] { functionOrder.compactMap { functions[$0] } }

    /// The tables whose row-level security applies to a view's readers: those it reads, directly or through other views.
    public func rowSecuredTables(readBy view: View) -> [QualifiedName] {
        var seen: Set<QualifiedName> = [view.name]
        var found: [QualifiedName] = []
        var queue = view.reads
        while let name = queue.first {
            queue.removeFirst()
            guard seen.insert(name).inserted else { continue }
            // An inner view, invoker or not, is read with the rights of the outer view's owner.
            if let inner = views[name] { queue += inner.reads }
            else if table(name)?.rowSecurity != nil { found.append(name) }
        }
        return found
    }
}

extension Statement {
    /// `count` tokens from the one at `location` (`SECURITY DEFINER`, `PUBLIC`); the statement's first line without one.
    func tokenRange(at location: Int?, count: Int) -> Range<Int> {
        guard let location else { return firstLine }
        let code = tokens[tokenIndex(atOrAfter: location)...].filter { !$0.isComment }.prefix(count)
        guard let first = code.first, let last = code.last else { return firstLine }
        return first.start..<last.end
    }
}
