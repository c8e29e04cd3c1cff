public enum Severity: String, Codable, Sendable, CaseIterable, Comparable {
    case info, warning, error

    private var rank: Int { Self.allCases.firstIndex(of: self)! }
    public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
}

public enum RuleCategory: String, Codable, Sendable, CaseIterable {
    case design, safety, naming, security, syntax
}

/// When a rule runs: on each statement as it is replayed, or once on the final model.
public enum RuleScope: String, Sendable {
    case statement
    case schema = "whole schema"
}

/// Whether `--fix` applies a rule's fix without `--unsafe-fixes`.
public enum FixSafety: String, Sendable {
    /// Changes only how the statement locks or re-runs (CONCURRENTLY, IF NOT EXISTS, NOT VALID + VALIDATE, a
    /// lock_timeout), never what the schema ends up as.
    case safe
    /// Changes what the schema ends up as (a type, NOT NULL, a name, an index, a view): someone must decide.
    case unsafe
}

/// Where a rule's suggestion goes in the file.
public enum FixPlacement: String, Sendable {
    /// The suggestion is the flagged statement rewritten (its `;` stays).
    case replacesStatement = "replaces the statement"
    /// The suggestion is SQL of its own, added after the statement (at the end of the file for a finding about no
    /// statement).
    case addsAfterStatement = "adds SQL after the statement"
}

/// A rule's fix, declared once in its metadata: what `--fix`, SARIF `fixes`, the language server's quick fixes and
/// the docs say about it.
public struct RuleFix: Sendable, Equatable {
    public var safety: FixSafety
    public var placement: FixPlacement

    public init(_ safety: FixSafety, _ placement: FixPlacement) {
        self.safety = safety
        self.placement = placement
    }

    /// The flagged statement rewritten so it locks less or re-runs; the schema it leaves is the same.
    public static let safeRewrite = RuleFix(.safe, .replacesStatement)
    /// The flagged statement rewritten into one that leaves a different schema.
    public static let unsafeRewrite = RuleFix(.unsafe, .replacesStatement)
    /// SQL added after the statement that changes the schema.
    public static let unsafeAddition = RuleFix(.unsafe, .addsAfterStatement)
}

/// Everything about a rule except its check: the single source of its id, its docs and its tests.
public struct RuleMetadata: Sendable {
    /// Kebab-case, naming the pattern flagged. Used verbatim in output, config and suppression comments.
    public var id: String
    public var summary: String
    public var rationale: String
    public var category: RuleCategory
    public var defaultSeverity: Severity
    public var enabledByDefault: Bool
    public var scope: RuleScope
    /// The fix its suggestions make; nil for a rule that never suggests (a test checks both ways).
    public var fix: RuleFix?
    /// With `--database-url`, the finding's severity follows the size of its table (`[database]` thresholds): true
    /// for safety rules whose harm grows with the table (a lock held through a scan or a rewrite), false for those
    /// that fail or break code whatever the size.
    public var weighedByTableSize: Bool
    /// SQL that must be flagged; `«…»` marks exactly where each finding lands.
    public var bad: [RuleExample]
    /// SQL that must not be flagged.
    public var good: [RuleExample]

    /// The source file that declares the rule (filled in by the compiler): a test keeps each rule in its category's
    /// folder.
    public let definedIn: String

    public init(id: String, summary: String, rationale: String, category: RuleCategory, defaultSeverity: Severity,
                enabledByDefault: Bool = true, scope: RuleScope, fix: RuleFix? = nil, bad: [RuleExample], good: [RuleExample],
                weighedByTableSize: Bool? = nil, definedIn: String = #filePath) {
        self.definedIn = definedIn
        self.id = id
        self.summary = summary
        self.rationale = rationale
        self.category = category
        self.defaultSeverity = defaultSeverity
        self.enabledByDefault = enabledByDefault
        self.scope = scope
        self.fix = fix
        self.bad = bad
        self.good = good
        // Rules whose default is error fail whatever the size (CONCURRENTLY in a transaction, ADD VALUE before 12).
        self.weighedByTableSize = weighedByTableSize ?? (category == .safety && defaultSeverity != .error)
    }
}

/// A bad or good example. `before` is an earlier file of the same run (its findings are not checked);
/// `options` is the rule's options as JSON, for examples that show an option at work.
public struct RuleExample: Sendable {
    public var sql: String
    public var before: String?
    public var options: String?
    public var note: String?
    /// Other rules enabled alongside the rule under test (for rules about other rules' findings).
    public var alsoSelect: [String]
    /// The `--pg-version` the example runs with (nil: the default).
    public var pgVersion: Int?
    /// Runs the example with `--assume-in-transaction`.
    public var assumeInTransaction: Bool
    /// The database the migration runs against, for the test that applies suggestions on PostgreSQL: run there
    /// before `before` and the example, never linted (its tables are not the run's, as in production), and not
    /// in the docs. Holds rows, so that a suggestion is tried on a table with data.
    public var existing: String?

    public init(_ sql: String, before: String? = nil, options: String? = nil, note: String? = nil,
                alsoSelect: [String] = [], pgVersion: Int? = nil, assumeInTransaction: Bool = false, existing: String? = nil) {
        self.sql = sql
        self.before = before
        self.options = options
        self.note = note
        self.alsoSelect = alsoSelect
        self.pgVersion = pgVersion
        self.assumeInTransaction = assumeInTransaction
        self.existing = existing
    }

    /// The settings the example runs with.
    public var settings: LintSettings {
        var settings = LintSettings(assumeInTransaction: assumeInTransaction)
        if let pgVersion { settings.pgVersion = pgVersion }
        return settings
    }
}
