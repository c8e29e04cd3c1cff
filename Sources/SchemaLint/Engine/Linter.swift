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

    public func lint(_ files: [SourceFile]) -> LintResult {
        let collector = DiagnosticCollector()
        let model = SchemaModel()
        let reporters = rules.map { FindingSink(rule: $0.id, severity: $0.severity, collector: collector) }
        let syntaxErrors = rules.first { $0.id == SyntaxErrorRule.id }
            .map { FindingSink(rule: $0.id, severity: $0.severity, collector: collector) }
        var statements = 0

        for file in files {
            let parsed = SQLParser.parse(file)
            for item in parsed.items {
                switch item {
                case .statement(let statement):
                    statements += 1
                    let changes = model.apply(statement)
                    for (configured, reporter) in zip(rules, reporters) {
                        configured.rule.check(statement: StatementContext(
                            statement: statement, changes: changes, model: model, settings: settings, reporter: reporter))
                    }
                case .syntaxError(let error):
                    syntaxErrors?.report(SourceAnchor(file: file, range: error.range), error.message,
                                         help: SyntaxErrorRule.help)
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
