import FoundationEssentials

/// Typed options of a rule. Keys are the coding keys (kebab-case); `documentation` describes each one,
/// and the defaults are whatever `init()` sets.
public protocol RuleOptions: Codable, Sendable, Equatable {
    init()
    static var documentation: [String: String] { get }
}

public struct NoOptions: RuleOptions {
    public init() {}
    public static let documentation: [String: String] = [:]
}

/// A lint rule: metadata, typed options and a check. Statement rules declare what they read (`triggers`) and
/// implement `check(statement:)`, or `check(statement:state:)` when they keep bookkeeping across the statements of a
/// file; whole-schema rules implement `check(schema:)`.
public protocol Rule: Sendable {
    associatedtype Options: RuleOptions
    /// What the rule remembers from one statement of a file to the next; fresh at each file.
    associatedtype FileState: RuleFileState = NoFileState
    static var metadata: RuleMetadata { get }
    /// The statements and schema changes `check(statement:)` is called for.
    static var triggers: RuleTriggers { get }
    init(options: Options)

    /// Called after a statement it reads has been applied to the model, with what it changed.
    func check(statement: StatementContext)
    /// The same, for rules with per-file state.
    func check(statement: StatementContext, state: inout FileState)
    /// Called once on the final model of the run.
    func check(schema: SchemaContext)
}

extension Rule {
    public static var triggers: RuleTriggers { .none }
    public func check(statement: StatementContext) {}
    public func check(statement: StatementContext, state: inout FileState) { check(statement: statement) }
    public func check(schema: SchemaContext) {}

    public static var id: String { metadata.id }

    /// The rule with options decoded from JSON (an empty string or nil means the defaults).
    public static func make(optionsJSON: String? = nil) throws -> any Rule {
        guard let json = optionsJSON, !json.isEmpty else { return Self(options: Options()) }
        return Self(options: try JSONDecoder().decode(Options.self, from: Data(json.utf8)))
    }

    /// Default option values, as JSON-like text per key, for docs.
    public static var defaultOptionValues: [(key: String, value: String)] {
        guard let data = try? JSONEncoder.sorted.encode(Options()),
              case .object(let members) = JSONValue.parse(data) else { return [] }
        return members.sorted { $0.0 < $1.0 }.map { ($0.0, $0.1.compact) }
    }
}

extension JSONEncoder {
    static var sorted: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }
}
