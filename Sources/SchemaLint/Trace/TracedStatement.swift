/// A lock the session held on a relation right after a statement.
public struct ObservedLock: Sendable {
    public var relation: TracedRelation
    /// The strongest mode held on it after the statement (taken by it or earlier in the transaction).
    public var strongestHeld: LockMode
    /// Every mode held on it after the statement.
    public var held: Set<LockMode>
    /// The strongest mode this statement newly acquired on it; nil when it only held what an earlier statement of
    /// the transaction had taken (PostgreSQL does not list a lock twice).
    public var strongestNew: LockMode?
    /// The relation existed before the migration began (a table created earlier in it is new, as for the lint).
    public var onExistingRelation: Bool
}

/// A relation whose relfilenode changed: its data was written anew.
public struct Rewrite: Sendable {
    public var relation: TracedRelation
    public var onExistingRelation: Bool
}

/// One claim of one finding, set beside what PostgreSQL did.
public struct ClaimCheck: Sendable {
    public enum Outcome: String, Sendable { case confirmed, staticOnly = "static only", unobserved }
    public var rule: String
    /// `ACCESS EXCLUSIVE lock on "walk"`, `rewrite of "walk"`, `fails`.
    public var claim: String
    public var outcome: Outcome
    /// What PostgreSQL did instead, for static-only claims (`took SHARE`, `no rewrite`).
    public var observed: String?
}

/// One statement as PostgreSQL ran it, with the lint's findings for it and the verdict.
public struct TracedStatement: Sendable {
    public enum Verdict: String, Sendable {
        /// Every checked claim held.
        case confirmed
        /// A claimed lock or rewrite did not happen (or a different lock did).
        case staticOnly = "static only"
        /// ACCESS EXCLUSIVE on an existing relation, or a rewrite, where no finding spoke.
        case traceOnly = "trace only"
        /// PostgreSQL rejected the statement: the trace stops here.
        case failed
        /// No claim and nothing dangerous.
        case quiet
    }

    public var file: String
    public var position: SourcePosition
    public var byteRange: Range<Int>
    public var sql: String
    /// False when the statement ran outside a transaction block (CONCURRENTLY, VACUUM, transaction control):
    /// its locks were released before they could be read.
    public var locksObserved: Bool
    public var locks: [ObservedLock] = []
    public var rewrites: [Rewrite] = []
    public var duration: Duration = .zero
    public var error: DatabaseError? = nil
    /// Where PostgreSQL located the error (its `position`), else the statement's start.
    public var errorPosition: SourcePosition? = nil
    public var findings: [Diagnostic] = []
    public var checks: [ClaimCheck] = []
    /// Dangers PostgreSQL showed that no finding names: `ACCESS EXCLUSIVE on public.walk`, `rewrote public.walk`.
    public var traceOnly: [String] = []
    public var verdict: Verdict = .quiet
}

/// The outcome of a trace: every statement run, in order, up to the first one PostgreSQL rejected.
public struct TraceResult: Sendable {
    public var statements: [TracedStatement] = []
    /// `PostgreSQL 15.8`.
    public var server = ""
    /// `throwaway cluster` or the scratch copy's name.
    public var database = ""
    public var files = 0

    public var failed: TracedStatement? { statements.last.flatMap { $0.verdict == .failed ? $0 : nil } }

    public func count(_ verdict: TracedStatement.Verdict) -> Int { statements.filter { $0.verdict == verdict }.count }

    /// Trace-only dangers or a rejected statement: the command exits 1.
    public var hasProblems: Bool { failed != nil || count(.traceOnly) > 0 }
}
