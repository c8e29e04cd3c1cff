/// What a statement rule reads: the kinds of statement and of schema change its `check(statement:)` is called for,
/// as ESLint rules name the node types they handle. The engine calls a rule for a statement when the statement is of
/// one of its kinds or made one of its changes, and never otherwise.
public struct RuleTriggers: Sendable {
    public var statements: Set<StatementKind>
    public var changes: Set<SchemaChange.Kind>

    public init(statements: Set<StatementKind> = [], changes: Set<SchemaChange.Kind> = []) {
        self.statements = statements
        self.changes = changes
    }

    public static func statements(_ kinds: StatementKind...) -> RuleTriggers { RuleTriggers(statements: Set(kinds)) }
    public static func changes(_ kinds: SchemaChange.Kind...) -> RuleTriggers { RuleTriggers(changes: Set(kinds)) }

    /// Rules that keep per-file bookkeeping over every statement (a lock taken earlier, a run of ALTER TABLEs).
    public static let everyStatement = RuleTriggers(statements: Set(StatementKind.allCases))
    /// Whole-schema rules, and the rules the engine reports for (syntax errors, suppressions).
    public static let none = RuleTriggers()

    public var isEmpty: Bool { statements.isEmpty && changes.isEmpty }

    /// These triggers and those of another handler.
    public func and(_ other: RuleTriggers) -> RuleTriggers {
        RuleTriggers(statements: statements.union(other.statements), changes: changes.union(other.changes))
    }
}

/// The state a rule keeps while one file runs (see `Rule.FileState`): made fresh at the start of each file.
public protocol RuleFileState { init() }

/// For the rules that keep nothing between statements.
public struct NoFileState: RuleFileState { public init() {} }
