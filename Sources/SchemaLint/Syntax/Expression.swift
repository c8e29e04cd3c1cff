/// An expression as PostgreSQL's raw parse tree has it (defaults, CHECK conditions, SET values, index predicates),
/// reduced to what schemalint reads: constants, column references, calls, casts, operators. Any other node keeps
/// the expressions inside it, so searches (`functionCalls`, `referencedColumns`) still see everything.
public indirect enum Expression: Sendable {
    case constant(Constant, location: Int?)
    /// `a`, `t.a`, `t.*` (the star as `"*"`).
    case column([String], location: Int?)
    case function(FunctionCall)
    case cast(Expression, to: TypeSyntax)
    /// `a = b`, `x IN (…)`, `a = ANY (…)`: PostgreSQL's `A_Expr`.
    case operation(Operation)
    case and([Expression]), or([Expression]), not(Expression)
    /// `x IS [NOT] NULL`.
    case nullTest(Expression, isNull: Bool)
    /// `ARRAY[…]`.
    case array([Expression])
    /// A parenthesised list (the right side of `IN`).
    case list([Expression])
    /// Any other node, with the expressions it contains.
    case other([Expression])

    public enum Constant: Sendable, Equatable {
        case null
        case integer(Int)
        /// Numbers that do not fit an integer, as written.
        case numeric(String)
        case string(String)
        case boolean(Bool)
        case bitString(String)
    }

    public struct FunctionCall: Sendable {
        /// Name parts as written, folded (`["pg_catalog", "now"]`).
        public var name: [String]
        public var arguments: [Expression]
        public var location: Int?

        /// The unqualified name, lower case.
        public var baseName: String { name.last?.lowercased() ?? "" }
    }

    public struct Operation: Sendable {
        public enum Kind: Sendable { case op, any, all, distinct, notDistinct, nullIf, `in`, like, iLike, similar, between, other }
        public var kind: Kind
        /// The operator (`=`, `<>`, `~~`).
        public var name: String
        public var left: Expression?
        public var right: Expression?
    }
}

extension Expression {
    /// The expressions directly inside this one.
    public var children: [Expression] {
        switch self {
        case .constant, .column: []
        case .function(let call): call.arguments
        case .cast(let inner, _), .not(let inner), .nullTest(let inner, _): [inner]
        case .operation(let op): [op.left, op.right].compactMap { $0 }
        case .and(let items), .or(let items), .array(let items), .list(let items), .other(let items): items
        }
    }

    /// Calls `visit` on this expression and every one inside it, depth first.
    public func forEach(_ visit: (Expression) -> Void) {
        visit(self)
        for child in children { child.forEach(visit) }
    }

    /// Every function call in the expression, outermost first.
    public var functionCalls: [FunctionCall] {
        var calls: [FunctionCall] = []
        forEach { if case .function(let call) = $0 { calls.append(call) } }
        return calls
    }

    /// Names of the columns the expression refers to (`a`, `t.a` → `a`), distinct, in order of appearance.
    public var referencedColumns: [String] {
        var seen = Set<String>()
        var names: [String] = []
        forEach { if case .column(let parts, _) = $0, let last = parts.last, seen.insert(last).inserted { names.append(last) } }
        return names
    }

    /// The expression without the casts around it (`'x'::text::varchar` → `'x'`).
    public var uncast: Expression {
        if case .cast(let inner, _) = self { return inner.uncast }
        return self
    }

    /// The text of a string constant (through casts), nil for anything else.
    public var stringConstant: String? {
        if case .constant(.string(let text), _) = uncast { return text }
        return nil
    }
}
