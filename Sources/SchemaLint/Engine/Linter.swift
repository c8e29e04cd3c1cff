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
    /// Findings not silenced by a suppression comment, in run order.
    public var diagnostics: [Diagnostic]
    /// Findings a `schemalint-ignore` comment silenced (each carries its `suppression`).
    public var suppressed: [Diagnostic] = []
    /// Both, in run order.
    public var all: [Diagnostic] = []
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
    /// and nothing in them is reported; `replayOnly` files are replayed in their place among `files`, unreported.
    public func lint(_ files: [SourceFile], context: [SourceFile] = [], replayOnly: Set<ObjectIdentifier> = []) -> LintResult {
        let collector = DiagnosticCollector()
        collector.silenced = Set(context.map(ObjectIdentifier.init)).union(replayOnly)
        let model = SchemaModel()
        let reporters = rules.map {
            FindingSink(rule: $0.id, severity: $0.severity, collector: collector,
                        suggestionReplacesStatement: type(of: $0.rule).metadata.category == .safety)
        }
        let syntaxErrors = rules.first { $0.id == SyntaxErrorRule.id }
            .map { FindingSink(rule: $0.id, severity: $0.severity, collector: collector) }
        var statements = 0

        // Context files first (replayed, never reported), then the linted files, parsed ahead on workers.
        let all = context + files
        let parser = settings.threads > 1 ? ParallelParser(files: all, workers: settings.threads) : nil
        var directives: [SuppressionDirective] = []
        for (f, file) in all.enumerated() {
            let isContext = f < context.count || replayOnly.contains(ObjectIdentifier(file))
            let split = parser?.fileSplits[f] ?? SQLParser.split(file)
            if !isContext { directives += SuppressionDirective.find(in: file, pieces: split.pieces) }
            var session = Session(assumeInTransaction: settings.assumeInTransaction && !Session.optsOutOfTransaction(file))
            func handle(_ item: ParsedFile.Item) {
                switch item {
                case .statement(let statement):
                    if isContext { _ = model.apply(statement); return }
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
                    // A CREATE TABLE the grammar rejects still creates a table, in context files too.
                    model.noteUnparsed(file, piece: error.piece)
                    if isContext { return }
                    syntaxErrors?.report(SourceAnchor(file: file, range: error.range), error.message,
                                         help: SyntaxErrorRule.help, suggestion: nil)
                }
            }
            split.fileErrors.forEach { handle(.syntaxError($0)) }
            for p in split.pieces.indices {
                let items = parser?.items(ofFile: f, piece: p) ?? SQLParser.parse(piece: split.pieces[p], index: p, of: split)
                items.forEach(handle)
            }
        }
        for (configured, reporter) in zip(rules, reporters) {
            configured.rule.check(schema: SchemaContext(model: model, settings: settings, reporter: reporter))
        }
        collector.resolveDeferred(on: model)
        let (active, suppressed) = applySuppressions(directives, to: collector)
        let fileOrder = Dictionary(files.enumerated().map { ($1.path, $0) }, uniquingKeysWith: { first, _ in first })
        let order = Diagnostic.ordered(byFileOrder: fileOrder)
        return LintResult(diagnostics: active.sorted(by: order), suppressed: suppressed.sorted(by: order),
                          all: (active + suppressed).sorted(by: order), files: files.count, statements: statements)
    }

    /// Splits findings into active and suppressed, and reports suppressions that name unknown rules
    /// (`invalid-suppression`) or silenced nothing of an enabled rule (`unused-suppression`).
    private func applySuppressions(_ directives: [SuppressionDirective],
                                   to collector: DiagnosticCollector) -> ([Diagnostic], [Diagnostic]) {
        var active: [Diagnostic] = []
        var suppressed: [Diagnostic] = []
        var used = Set<String>()  // "directive index/rule"
        for var diagnostic in collector.diagnostics where !BookkeepingTables.exempts(diagnostic) {
            if let (i, directive) = directives.enumerated().first(where: { $0.element.covers(diagnostic) }) {
                diagnostic.suppression = Suppression(reason: directive.reason)
                used.insert("\(i)/\(diagnostic.rule)")
                suppressed.append(diagnostic)
            } else {
                active.append(diagnostic)
            }
        }
        let enabled = Set(rules.map(\.id))
        let problems = DiagnosticCollector()
        func sink(_ id: String) -> FindingSink? {
            rules.first { $0.id == id }.map { FindingSink(rule: $0.id, severity: $0.severity, collector: problems) }
        }
        let invalid = sink(InvalidSuppression.id), unused = sink(UnusedSuppression.id)
        for (i, directive) in directives.enumerated() {
            let anchor = SourceAnchor(file: directive.file, range: directive.comment)
            if directive.rules.isEmpty {
                invalid?.report(anchor, "Suppression comment names no rule",
                                help: "Name the rules it silences: -- schemalint-ignore rule-a, rule-b -- reason",
                                suggestion: nil)
            }
            for rule in directive.rules {
                if RuleRegistry.rule(id: rule) == nil {
                    invalid?.report(anchor, "Suppression names an unknown rule \"\(rule)\"",
                                    help: "Use a rule id from `schemalint rules`.", suggestion: nil)
                } else if enabled.contains(rule), !used.contains("\(i)/\(rule)") {
                    unused?.report(anchor, "Suppression of \(rule) silenced nothing",
                                   help: "Remove \(rule) from the comment: the finding it was written for is gone.",
                                   suggestion: nil)
                }
            }
        }
        return (active + problems.diagnostics, suppressed)
    }
}
