/// A rule with the severity it reports at in this run.
public struct ConfiguredRule: Sendable {
    public var rule: any Rule
    public var severity: Severity

    public init(_ rule: any Rule, severity: Severity? = nil) {
        self.rule = rule
        self.severity = severity ?? type(of: rule).metadata.defaultSeverity
    }

    var id: String { type(of: rule).metadata.id }
}

public struct LintResult: Sendable {
    public var diagnostics: [Diagnostic]
    public var files: Int
    public var statements: Int
}

/// Runs a set of rules over the files of one run: each statement is parsed, replayed into the shared
/// model and shown to the statement rules; the whole-schema rules then judge the final model.
public struct Linter: Sendable {
    public var rules: [ConfiguredRule]
    public var settings: LintSettings

    public init(rules: [ConfiguredRule], settings: LintSettings = LintSettings()) {
        self.rules = rules
        self.settings = settings
    }

    /// Lints `files` as one run. `context` files are replayed into the model first (a migration history, say)
    /// and nothing in them is reported.
    public func lint(_ files: [SourceFile], context: [SourceFile] = []) -> LintResult {
        let collector = DiagnosticCollector()
        collector.silenced = Set(context.map(ObjectIdentifier.init))
        let model = SchemaModel()
        let reporters = rules.map { FindingSink(rule: $0.id, severity: $0.severity, collector: collector) }
        let syntaxErrors = rules.first { $0.id == SyntaxErrorRule.id }
            .map { FindingSink(rule: $0.id, severity: $0.severity, collector: collector) }
        var statements = 0

        for file in context {
            for case .statement(let statement) in SQLParser.parse(file).items { _ = model.apply(statement) }
        }
        for file in files {
            var session = Session(assumeInTransaction: settings.assumeInTransaction)
            for item in SQLParser.parse(file).items {
                switch item {
                case .statement(let statement):
                    statements += 1
                    let locks = LockAnalysis.locks(of: statement, model: model)
                    let changes = model.apply(statement)
                    for (configured, reporter) in zip(rules, reporters) {
                        configured.rule.check(statement: StatementContext(
                            statement: statement, changes: changes, model: model, locks: locks, session: session,
                            settings: settings, reporter: reporter))
                    }
                    session.advance(past: statement, locks: locks)
                case .syntaxError(let error):
                    syntaxErrors?.report(SourceAnchor(file: file, range: error.range), error.message,
                                         help: SyntaxErrorRule.help, suggestion: nil)
                }
            }
        }
        for (configured, reporter) in zip(rules, reporters) {
            configured.rule.check(schema: SchemaContext(model: model, settings: settings, reporter: reporter))
        }
        let fileOrder = Dictionary(files.enumerated().map { ($1.path, $0) }, uniquingKeysWith: { first, _ in first })
        return LintResult(diagnostics: collector.diagnostics.sorted(by: Diagnostic.ordered(byFileOrder: fileOrder)),
                          files: files.count, statements: statements)
    }
}
