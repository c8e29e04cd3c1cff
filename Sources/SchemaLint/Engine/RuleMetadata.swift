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
    /// SQL that must be flagged; `«…»` marks exactly where each finding lands.
    public var bad: [RuleExample]
    /// SQL that must not be flagged.
    public var good: [RuleExample]

    public init(id: String, summary: String, rationale: String, category: RuleCategory, defaultSeverity: Severity,
                enabledByDefault: Bool = true, scope: RuleScope, bad: [RuleExample], good: [RuleExample]) {
        self.id = id
        self.summary = summary
        self.rationale = rationale
        self.category = category
        self.defaultSeverity = defaultSeverity
        self.enabledByDefault = enabledByDefault
        self.scope = scope
        self.bad = bad
        self.good = good
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

    public init(_ sql: String, before: String? = nil, options: String? = nil, note: String? = nil,
                alsoSelect: [String] = [], pgVersion: Int? = nil, assumeInTransaction: Bool = false) {
        self.sql = sql
        self.before = before
        self.options = options
        self.note = note
        self.alsoSelect = alsoSelect
        self.pgVersion = pgVersion
        self.assumeInTransaction = assumeInTransaction
    }

    /// The settings the example runs with.
    public var settings: LintSettings {
        var settings = LintSettings(assumeInTransaction: assumeInTransaction)
        if let pgVersion { settings.pgVersion = pgVersion }
        return settings
    }
}

/// `«` and `»` in example SQL mark where findings land; they are stripped before parsing and in docs.
public struct MarkedSQL: Sendable {
    public var text: String
    /// Byte ranges in `text` of the marked spans, in order.
    public var marks: [Range<Int>]

    public init(_ marked: String) {
        var bytes: [UInt8] = []
        var marks: [Range<Int>] = []
        var open: [Int] = []
        for scalar in marked.unicodeScalars {
            switch scalar {
            case "«": open.append(bytes.count)
            case "»": if let start = open.popLast() { marks.append(start..<bytes.count) }
            default: bytes.append(contentsOf: Array(String(scalar).utf8))
            }
        }
        text = String(decoding: bytes, as: UTF8.self)
        self.marks = marks.sorted { $0.lowerBound < $1.lowerBound }
    }
}
