/// The kind of a statement, without its contents: what rules declare they read (`RuleTriggers`).
public enum StatementKind: Int, Sendable, CaseIterable {
    case createTable, alterTable, createIndex, drop, rename, alterObjectSchema, createEnum, alterEnum, createTableAs,
         createFunction, createDomain, alterDomain, createSequence, alterSequence, createTrigger, truncate, cluster, vacuum,
         reindex, refreshMaterializedView, lockTable, createPolicy, doBlock, alterFunction, grant, createRule, transaction, set, show, createSchema,
         createExtension, createView, dataChange, select, otherDefinition, other
}

extension StatementKind {
    /// The statements that give names (see `StatementSyntax.declaresNames`).
    public static let nameGiving: Set<StatementKind> = [
        .createTable, .createIndex, .alterTable, .rename, .createSequence, .alterSequence, .createEnum, .alterEnum,
        .createDomain, .alterDomain, .createTrigger, .createFunction, .createView, .createTableAs, .createSchema,
        .createRule, .createPolicy, .alterObjectSchema, .otherDefinition,
    ]
}

extension StatementSyntax {
    public var kind: StatementKind {
        switch self {
        case .createTable: .createTable
        case .alterTable: .alterTable
        case .createIndex: .createIndex
        case .drop: .drop
        case .rename: .rename
        case .alterObjectSchema: .alterObjectSchema
        case .createEnum: .createEnum
        case .alterEnum: .alterEnum
        case .createTableAs: .createTableAs
        case .createFunction: .createFunction
        case .createDomain: .createDomain
        case .alterDomain: .alterDomain
        case .createSequence: .createSequence
        case .alterSequence: .alterSequence
        case .createTrigger: .createTrigger
        case .truncate: .truncate
        case .cluster: .cluster
        case .vacuum: .vacuum
        case .reindex: .reindex
        case .refreshMaterializedView: .refreshMaterializedView
        case .lockTable: .lockTable
        case .createPolicy: .createPolicy
        case .doBlock: .doBlock
        case .alterFunction: .alterFunction
        case .grant: .grant
        case .createRule: .createRule
        case .transaction: .transaction
        case .set: .set
        case .show: .show
        case .createSchema: .createSchema
        case .createExtension: .createExtension
        case .createView: .createView
        case .dataChange: .dataChange
        case .select: .select
        case .otherDefinition: .otherDefinition
        case .other: .other
        }
    }
}
