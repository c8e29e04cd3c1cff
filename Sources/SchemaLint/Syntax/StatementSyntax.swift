/// One statement of PostgreSQL's raw parse tree as typed Swift values: the statements the model replays and the rules
/// read, each with the fields they use. Everything else is `.other`. Locations are byte offsets in the file.
public enum StatementSyntax: Sendable {
    case createTable(CreateTable)
    case alterTable(AlterTable)
    case createIndex(CreateIndex)
    case drop(Drop)
    case rename(Rename)
    case alterObjectSchema(AlterObjectSchema)
    case createEnum(CreateEnum)
    case alterEnum(AlterEnum)
    case createTableAs(CreateTableAs)
    case createFunction(CreateFunction)
    case createDomain(CreateDomain)
    case alterDomain(AlterDomain)
    case createSequence(SequenceStatement)
    case alterSequence(SequenceStatement)
    case createTrigger(CreateTrigger)
    case truncate(Truncate)
    case cluster(relation: RelationName?)
    case vacuum(Vacuum)
    case reindex(Reindex)
    case refreshMaterializedView(relation: RelationName, concurrently: Bool, withNoData: Bool)
    case lockTable(relations: [RelationName], mode: Int)
    case createPolicy(CreatePolicy)
    /// `DO $$ … $$`: its body as the PL/pgSQL compiler read it.
    case doBlock(ProceduralCode)
    case alterFunction(AlterFunction)
    case grant(Grant)
    case createRule(relation: RelationName)
    case transaction(TransactionKind)
    case set(VariableSet)
    case show
    case createSchema(ifNotExists: Bool)
    case createExtension(ifNotExists: Bool)
    case createView(CreateView)
    /// INSERT, UPDATE, DELETE: the table they write.
    case dataChange(relation: RelationName)
    /// A plain SELECT: the expressions of its target list (`SELECT set_config(…)`).
    case select(targets: [Expression])
    /// Other statements that declare names (composite and range types, foreign tables, statistics, …).
    case otherDefinition
    case other
}

/// The name-giving statements (identifier rules look at their tokens).
extension StatementSyntax {
    public var declaresNames: Bool { StatementKind.nameGiving.contains(kind) }

    /// SET, RESET, SHOW and transaction control: statements that take no locks and do no work.
    public var isSessionControl: Bool {
        switch self {
        case .transaction, .set, .show: true
        default: false
        }
    }
}

public struct CreateTable: Sendable {
    public var relation: RelationName
    /// Columns, table constraints and LIKE clauses, in order.
    public var elements: [TableElement]
    /// INHERITS parents, or the parent of PARTITION OF.
    public var parents: [RelationName]
    /// PARTITION OF … FOR VALUES.
    public var isPartition: Bool
    /// PARTITION BY.
    public var isPartitioned: Bool
    public var ifNotExists: Bool
}

public enum TableElement: Sendable {
    case column(ColumnDefinition)
    case constraint(ConstraintDefinition)
    case like(RelationName)
}

public struct ColumnDefinition: Sendable {
    public var name: String
    /// Nil when PARTITION OF restates an inherited column only to add options.
    public var type: TypeSyntax?
    public var isNotNull: Bool
    public var defaultExpression: Expression?
    public var isIdentity: Bool
    public var isGenerated: Bool
    public var constraints: [ConstraintDefinition]
    public var location: Int?
}

public struct ConstraintDefinition: Sendable {
    public enum Kind: Sendable, Equatable {
        case null, notNull, `default`, identity, generated, check, primaryKey, unique, exclusion, foreignKey, attribute
    }
    public var kind: Kind
    public var name: String?
    public var location: Int?
    /// CHECK's condition, or DEFAULT's value.
    public var expression: Expression?
    /// PRIMARY KEY and UNIQUE columns.
    public var keys: [String]
    public var including: [String]
    /// The column of each element of an EXCLUDE constraint (nil for an expression).
    public var exclusionColumns: [String?]
    /// WITH (…) storage options were written.
    public var hasOptions: Bool
    /// USING INDEX name.
    public var indexName: String?
    /// USING INDEX TABLESPACE name.
    public var indexTablespace: String?
    public var referencedTable: RelationName?
    public var foreignKeyColumns: [String]
    public var referencedColumns: [String]
    /// PostgreSQL's action codes: `a` NO ACTION, `r` RESTRICT, `c` CASCADE, `n` SET NULL, `d` SET DEFAULT.
    public var onDelete: UInt8
    public var onUpdate: UInt8
    /// `ON DELETE SET NULL (col, …)`.
    public var deleteSetColumns: [String]
    /// NOT VALID.
    public var skipValidation: Bool
    public var nullsNotDistinct: Bool
    public var deferrable: Bool
    public var initiallyDeferred: Bool
}

public struct AlterTable: Sendable {
    public var relation: RelationName
    /// ALTER TABLE, ALTER INDEX, ALTER VIEW, ALTER SEQUENCE … share this statement.
    public var objectKind: ObjectKind
    public var actions: [AlterTableAction]
    public var missingOk: Bool
}

public struct AlterTableAction: Sendable {
    public enum Kind: Sendable, Equatable {
        case addColumn, dropColumn, alterColumnType, setNotNull, dropNotNull, columnDefault, addConstraint,
             dropConstraint, validateConstraint, setStatistics, clusterOn, dropCluster, setRelOptions, resetRelOptions,
             replaceRelOptions, enableTrigger, disableTrigger, attachPartition, detachPartition, detachPartitionFinalize,
             addIdentity, dropIdentity, changeOwner, enableRowSecurity, disableRowSecurity, forceRowSecurity,
             noForceRowSecurity, other
    }
    public enum Definition: Sendable {
        case column(ColumnDefinition)
        case constraint(ConstraintDefinition)
        case expression(Expression)
        case partition(RelationName)
    }
    public var kind: Kind
    /// The column, constraint or trigger acted on.
    public var name: String
    public var definition: Definition?
    /// SET (…) and RESET (…) storage options (`security_invoker` of a view among them).
    public var options: [StorageOption]
    public var behavior: DropBehavior
    public var missingOk: Bool
}

/// A `name = value` storage option of a table or view; `value` is nil when written bare (`WITH (security_barrier)`).
public struct StorageOption: Sendable {
    public var name: String
    public var value: Expression?

    /// What PostgreSQL's boolean option parser makes of the value (a bare option is true).
    public var isTrue: Bool {
        switch value {
        case nil: true
        case .constant(.boolean(let b), _)?: b
        case .constant(.integer(let i), _)?: i != 0
        case .constant(.string(let text), _)?: ["true", "on", "yes", "1", "t", "y"].contains(text.lowercased())
        default: false
        }
    }
}

public struct CreateIndex: Sendable {
    public var name: String?
    public var relation: RelationName
    /// Nil for the default (btree).
    public var method: String?
    public var keys: [IndexElement]
    public var including: [IndexElement]
    public var hasWhereClause: Bool
    public var isUnique: Bool
    public var concurrently: Bool
    public var ifNotExists: Bool
}

public struct IndexElement: Sendable {
    public enum Ordering: Sendable { case `default`, ascending, descending }
    public enum NullsOrdering: Sendable { case `default`, first, last }
    /// The column; nil for an expression.
    public var column: String?
    public var collation: [String]
    public var operatorClass: [String]
    public var ordering: Ordering
    public var nullsOrdering: NullsOrdering
}

public struct Drop: Sendable {
    public var kind: ObjectKind
    /// Each object's name parts (`[schema,] name`; triggers, rules and policies: `[schema,] table, name`).
    public var objects: [[String]]
    public var behavior: DropBehavior
    public var missingOk: Bool
    public var concurrently: Bool
}

public struct Rename: Sendable {
    public var kind: ObjectKind
    public var relation: RelationName?
    /// The name parts of a non-relation object (a type, a function…).
    public var object: [String]
    /// The column or constraint renamed.
    public var subname: String
    public var newName: String
}

public struct AlterObjectSchema: Sendable {
    public var kind: ObjectKind
    public var relation: RelationName?
    public var newSchema: String
}

public struct CreateEnum: Sendable {
    public var typeName: [String]
    public var values: [String]
}

public struct AlterEnum: Sendable {
    public var typeName: [String]
    /// Set by RENAME VALUE.
    public var oldValue: String?
    public var newValue: String?
    public var ifNotExists: Bool
}

public struct CreateTableAs: Sendable {
    public var relation: RelationName
    public var isMaterializedView: Bool
    public var ifNotExists: Bool
    public var isSelectInto: Bool
    /// The tables and views its query reads (see `CreateView.reads`).
    public var reads: [RelationName] = []
}

public struct CreateFunction: Sendable {
    public var name: [String]
    public var isProcedure: Bool
    public var orReplace: Bool
    /// IMMUTABLE, STABLE or VOLATILE as written, lower case.
    public var volatility: String?
    /// The types of the arguments that identify it (IN, INOUT and VARIADIC ones), as `ALTER FUNCTION name(types)` names it.
    public var argumentTypes: [TypeSyntax]
    /// SECURITY DEFINER and SET search_path, as written.
    public var attributes: FunctionAttributes
    /// The body, when it is PL/pgSQL or SQL.
    public var body: ProceduralCode?
}

/// The code of a DO block or a function body as the front end found it. Offsets are byte offsets in the file.
public struct ProceduralCode: Sendable {
    public enum Language: Sendable, Equatable { case plpgsql, sql }
    public var language: Language
    /// The static SQL statements inside, nested ones too, in order (PL/pgSQL); the whole body text (SQL string bodies).
    public var statements: [EmbeddedSQL]
    /// EXECUTE and the other dynamic-SQL statements: counted, not analysed.
    public var dynamicStatements: Int
    /// Statements of a `BEGIN ATOMIC … END` or `RETURN …` body, which the main parse has read already.
    public var atomicStatements: Int
    /// Why PostgreSQL would reject the body (check_function_bodies is on by default), and where.
    public var error: BodyError?
    /// The compiler failed for want of a catalog (a variable's type decides): neither accepted nor reported.
    public var uncheckable = false
}

/// One piece of SQL text inside a body.
public struct EmbeddedSQL: Sendable {
    /// The text as the PL/pgSQL compiler gives it (an INTO clause taken out).
    public var text: String
    /// Where the text stands verbatim in the file; nil when it does not (INTO removed, quotes doubled).
    public var offset: Int?
    /// Under IF or CASE, or in a block with an EXCEPTION handler: the code decides whether it runs.
    public var guarded: Bool
}

public struct BodyError: Sendable {
    public var message: String
    public var offset: Int
}

/// The options of CREATE FUNCTION and ALTER FUNCTION that decide whose rights a function runs with and where it
/// looks names up. Nil: not written.
public struct FunctionAttributes: Sendable {
    /// SECURITY DEFINER (true) or SECURITY INVOKER (false).
    public var securityDefiner: Bool?
    /// Where `SECURITY DEFINER|INVOKER` is written.
    public var securityLocation: Int?
    /// `SET search_path …` (true: `TO …` or `FROM CURRENT`), `RESET search_path` or `RESET ALL` (false).
    public var setsSearchPath: Bool?
}

public struct AlterFunction: Sendable {
    public var kind: ObjectKind
    public var name: [String]
    /// Nil when written without an argument list (`ALTER FUNCTION f SET …`, which PostgreSQL allows for a unique name).
    public var argumentTypes: [TypeSyntax]?
    public var attributes: FunctionAttributes
}

public struct CreatePolicy: Sendable {
    public var name: String
    public var table: RelationName
}

public struct CreateView: Sendable {
    public var relation: RelationName
    public var orReplace: Bool
    /// `WITH (security_invoker = …)`; nil when not written.
    public var securityInvoker: Bool?
    /// The tables and views its query reads (FROM, JOIN, subqueries, CTEs), without the names of its own CTEs.
    public var reads: [RelationName]
}

/// GRANT or REVOKE of privileges on objects (not of role membership).
public struct Grant: Sendable {
    public enum Target: Sendable, Equatable {
        /// The objects named.
        case objects
        /// `ALL TABLES|SEQUENCES|FUNCTIONS… IN SCHEMA`: `objects` holds the schema names.
        case allInSchema
    }
    public var isGrant: Bool
    public var objectKind: ObjectKind
    public var target: Target
    /// Each object's name parts (tables and sequences `[schema,] name`; functions without their arguments).
    public var objects: [[String]]
    /// Privilege names in lower case; empty for ALL [PRIVILEGES].
    public var privileges: [String]
    /// Where `PUBLIC` is written among the grantees; nil when it is not one.
    public var publicLocation: Int?
}

public struct CreateDomain: Sendable {
    public var name: [String]
    public var type: TypeSyntax
    public var constraints: [ConstraintDefinition]
}

public struct AlterDomain: Sendable {
    /// PostgreSQL's code: `C` add constraint, `O` SET NOT NULL, `N` DROP NOT NULL, …
    public var subtype: UInt8
    public var name: [String]
    public var constraint: ConstraintDefinition?
}

public struct SequenceStatement: Sendable {
    public var sequence: RelationName
    /// `OWNED BY [schema.]table.column` name parts; an empty array for OWNED BY NONE, nil when not written.
    public var ownedBy: [String]?
    public var ifNotExists: Bool
}

public struct CreateTrigger: Sendable {
    public enum Timing: Sendable { case before, after, insteadOf }
    public var name: String
    public var relation: RelationName
    public var function: [String]
    public var forEachRow: Bool
    public var timing: Timing
    public var onInsert: Bool, onUpdate: Bool, onDelete: Bool, onTruncate: Bool
}

public struct Truncate: Sendable {
    public var relations: [RelationName]
    public var restartIdentity: Bool
    public var behavior: DropBehavior
}

public struct Vacuum: Sendable {
    /// VACUUM rather than ANALYZE.
    public var isVacuum: Bool
    /// FULL, written bare (`VACUUM FULL`) or as an option (`(FULL)`, `(FULL true)`), and not turned off (`FULL false`).
    public var full: Bool
    public var relations: [RelationName]
}

public struct Reindex: Sendable {
    public enum Kind: Sendable { case index, table, schema, system, database }
    public var kind: Kind
    public var relation: RelationName?
    /// The schema or database named.
    public var name: String
    public var concurrently: Bool
}

public enum TransactionKind: Sendable {
    case begin, commit, rollback, prepare, commitPrepared, rollbackPrepared, savepoint, release, rollbackTo, other

    /// COMMIT, ROLLBACK and PREPARE TRANSACTION end the transaction block.
    public var endsTransaction: Bool {
        switch self {
        case .commit, .rollback, .prepare, .commitPrepared, .rollbackPrepared: true
        default: false
        }
    }
}

public struct VariableSet: Sendable {
    public enum Kind: Sendable { case value, `default`, current, reset, resetAll, other }
    public var kind: Kind
    /// The setting, lower case.
    public var name: String
    public var values: [Expression]
    public var isLocal: Bool
}

extension StatementSyntax {
    /// The table (or view, or index) a statement acts on, for anchoring findings at `ALTER TABLE name` and the like.
    public var actedOnRelation: RelationName? {
        switch self {
        case .alterTable(let s): s.relation
        case .createIndex(let s): s.relation
        case .createTable(let s): s.relation
        case .rename(let s): s.relation
        case .createTrigger(let s): s.relation
        case .refreshMaterializedView(let relation, _, _): relation
        case .cluster(let relation): relation
        case .reindex(let s): s.relation
        case .dataChange(let relation): relation
        case .truncate(let s): s.relations.first
        default: nil
        }
    }
}
