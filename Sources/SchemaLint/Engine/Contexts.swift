/// Settings every rule can read.
public struct LintSettings: Sendable {
    /// The PostgreSQL major version the schema runs on (decides version-dependent advice).
    public var pgVersion: Int

    public init(pgVersion: Int = 15) { self.pgVersion = pgVersion }
}

/// Who is reporting: the engine sets this per rule so a rule never spells its own id again.
struct FindingSink {
    let rule: String
    let severity: Severity
    let collector: DiagnosticCollector

    func report(_ anchor: SourceAnchor, _ message: String, help: String?) {
        collector.add(rule: rule, severity: severity, anchor: anchor, message: message, help: help)
    }
}

/// What a statement rule sees: the statement, what it changed, and the model after it.
public struct StatementContext {
    public let statement: Statement
    public let changes: [SchemaChange]
    public let model: SchemaModel
    public let settings: LintSettings
    let reporter: FindingSink

    /// Reports a finding at a byte range of this statement's file.
    public func report(_ range: Range<Int>, _ message: String, help: String) {
        reporter.report(SourceAnchor(file: statement.file, range: range), message, help: help)
    }

    public func report(at anchor: SourceAnchor, _ message: String, help: String) {
        reporter.report(anchor, message, help: help)
    }
}

/// What a whole-schema rule sees: the final model.
public struct SchemaContext {
    public let model: SchemaModel
    public let settings: LintSettings
    let reporter: FindingSink

    public func report(at anchor: SourceAnchor, _ message: String, help: String) {
        reporter.report(anchor, message, help: help)
    }
}
