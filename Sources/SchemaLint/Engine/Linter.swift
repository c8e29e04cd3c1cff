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
    /// Statements of the linted files that did not parse (syntax errors): nothing about them was analysed.
    public var unparsed: Int = 0
    /// DO blocks and function bodies read, the statements inside them, and the EXECUTEs left unanalysed.
    public var embedded = EmbeddedCode()
}

/// What the linted files hold inside DO blocks and function bodies.
public struct EmbeddedCode: Sendable, Equatable {
    public var doBlocks = 0
    public var functionBodies = 0
    /// Statements found inside them (DO-block ones are linted and replayed; function-body ones only parsed).
    public var statements = 0
    /// EXECUTE and other dynamic SQL: not analysed.
    public var dynamicSQL = 0
    /// Bodies PostgreSQL would reject (each a syntax-error finding).
    public var unparsable = 0
    /// Static statements not found verbatim in the file (an INTO clause taken out): parsed but not linted.
    public var unplaced = 0
    /// PL/pgSQL bodies whose compilation needs the types of their variables (cursors, composite fields), which a
    /// schema linter without a catalog does not have: neither accepted nor reported.
    public var unchecked = 0

    public init() {}

    mutating func add(_ other: EmbeddedCode) {
        doBlocks += other.doBlocks; functionBodies += other.functionBodies; statements += other.statements
        dynamicSQL += other.dynamicSQL; unparsable += other.unparsable; unplaced += other.unplaced
        unchecked += other.unchecked
    }

    mutating func add(_ counts: EmbeddedStatements.Counts) {
        doBlocks += counts.doBlocks; functionBodies += counts.functionBodies; statements += counts.statements
        dynamicSQL += counts.dynamic; unparsable += counts.unparsable; unplaced += counts.unplaced
        unchecked += counts.unchecked
    }
}

/// The rules and settings a set of files is linted with: one per distinct `[[overrides]]` outcome.
public struct LintGroup: Sendable {
    public var rules: [ConfiguredRule]
    public var settings: LintSettings

    public init(rules: [ConfiguredRule], settings: LintSettings = LintSettings()) {
        self.rules = rules
        self.settings = settings
    }
}

/// Runs rules over the files of one run: each statement is parsed, replayed once into the shared model and shown to
/// the statement rules that read it; the whole-schema rules then judge the final model. Files may be linted with
/// different rules (groups): the replay is still one.
public struct Linter: Sendable {
    public var groups: [LintGroup]

    public init(rules: [ConfiguredRule], settings: LintSettings = LintSettings()) {
        groups = [LintGroup(rules: rules, settings: settings)]
    }

    public init(groups: [LintGroup]) {
        precondition(!groups.isEmpty, "a lint needs at least one group")
        self.groups = groups
    }

    public var rules: [ConfiguredRule] { groups[0].rules }
    public var settings: LintSettings { groups[0].settings }

    /// Lints `files` as one run. `context` files are replayed into the model first (a migration history, say)
    /// and nothing in them is reported. `group` says which group each linted file belongs to; a file of none is
    /// replayed in its place but not linted (another pass lints it).
    /// `replayOnly` files are replayed in their place among `files`, unreported.
    public func lint(_ files: [SourceFile], context: [SourceFile] = [], replayOnly: Set<ObjectIdentifier> = [],
                     group: (SourceFile) -> Int? = { _ in 0 }) -> LintResult {
        let collector = DiagnosticCollector()
        collector.silenced = Set(context.map(ObjectIdentifier.init)).union(replayOnly)
        let model = SchemaModel()
        let fileGroups = files.map { replayOnly.contains(ObjectIdentifier($0)) ? nil : group($0) }
        let runs = groups.indices.map { g in
            // With several groups, a group's findings stand only in its own files (its whole-schema rules see them all).
            let own = groups.count == 1 && !fileGroups.contains(nil) ? nil
                : Set(files.indices.filter { fileGroups[$0] == g }.map { ObjectIdentifier(files[$0]) })
            return GroupRun(groups[g], collector: collector, files: own)
        }
        var statements = 0, unparsed = 0
        var embedded = EmbeddedCode()

        // Context files first (replayed, never reported), then the linted files, parsed ahead on workers. One file is
        // parsed here: a worker would only hand it over, and its own malloc arena took a third more memory (a 2.5 MB
        // dump: 104.6 MB against 72.3 MB) and more time (1.41 s against 1.13 s).
        let all = context + files
        let threads = settings.threads
        let parser = threads > 1 && all.count > 1 ? ParallelParser(files: all, workers: threads) : nil
        var directives: [(directive: SuppressionDirective, group: Int)] = []
        for (f, file) in all.enumerated() {
            var parsed = parser?.parsed(f) ?? SQLParser.parse(file)
            let g = f < context.count ? nil : fileGroups[f - context.count]
            guard let g else {
                if f >= context.count {
                    statements += parsed.statementCount
                    unparsed += parsed.items.reduce(0) { if case .syntaxError = $1 { $0 + 1 } else { $0 } }
                    embedded.add(parsed.embedded)
                }
                for item in parsed.items {
                    switch item {
                    // A function body runs when the function is called, not during the migration: it is not replayed.
                    case .statement(let statement) where statement.enclosure == .functionBody: continue
                    case .statement(let statement): _ = model.apply(statement)
                    // A CREATE TABLE the grammar rejects still creates a table, in context files too.
                    case .syntaxError(let error): model.noteUnparsed(file, piece: error.piece)
                    }
                }
                continue
            }
            let run = runs[g]
            let pieces = PieceIndex(parsed.pieces)
            directives += SuppressionDirective.find(in: file, pieces: pieces).map { ($0, g) }
            collector.notePieces(pieces, of: file)
            run.startFile()
            var session = Session(assumeInTransaction: run.settings.assumeInTransaction && !Session.optsOutOfTransaction(file))
            embedded.add(parsed.embedded)
            // Each statement is let go once linted (popped from a queue, not held by the file's array), so memory
            // follows what the model and the rules keep, not the size of the file.
            var queue = Array(parsed.items.reversed())
            parsed.items = []
            while let item = queue.popLast() {
                switch item {
                // Function-body statements are parsed (a body that does not parse is a syntax error) but neither
                // replayed nor linted: they run when the function is called, not during the migration.
                case .statement(let statement) where statement.enclosure == .functionBody: continue
                case .statement(let statement):
                    // The summary's count is of the file's own statements; those inside DO blocks are counted apart.
                    if statement.enclosure == nil { statements += 1 }
                    let locks = LockAnalysis.locks(of: statement, model: model)
                    let changes = model.apply(statement)
                    let facts = StatementFacts()
                    run.dispatch.rules(for: statement.syntax.kind, changes: changes).forEach { r in
                        let runner = run.runners[r]
                        runner.check(statement: StatementContext(
                            statement: statement, changes: changes, model: model, locks: locks, session: session,
                            settings: run.settings, sink: runner.sink, facts: facts))
                    }
                    session.advance(past: statement)
                case .syntaxError(let error):
                    unparsed += 1
                    model.noteUnparsed(file, piece: error.piece)
                    let finding = SyntaxErrorRule.finding(message: error.message, token: file.text(error.range),
                                                          pgVersion: run.settings.pgVersion)
                    run.syntaxErrors?.report(SourceAnchor(file: file, range: error.range), finding.message,
                                             help: finding.help, suggestion: nil)
                }
            }
        }
        for run in runs {
            for runner in run.runners { runner.check(schema: SchemaContext(model: model, settings: run.settings, sink: runner.sink)) }
        }
        collector.resolveDeferred(on: model)
        ExitTeardown.keep(model, runs, collector)
        var (active, suppressed) = applySuppressions(directives, to: collector, runs: runs)
        let fileOrder = Dictionary(files.enumerated().map { ($1.path, $0) }, uniquingKeysWith: { first, _ in first })
        Diagnostic.sort(&active, byFileOrder: fileOrder)
        Diagnostic.sort(&suppressed, byFileOrder: fileOrder)
        return LintResult(diagnostics: active, suppressed: suppressed,
                          all: Diagnostic.all(active, suppressed, byFileOrder: fileOrder), files: files.count,
                          statements: statements, unparsed: unparsed, embedded: embedded)
    }

    /// Splits findings into active and suppressed, and reports suppressions that name unknown rules
    /// (`invalid-suppression`) or silenced nothing of an enabled rule (`unused-suppression`).
    private func applySuppressions(_ directives: [(directive: SuppressionDirective, group: Int)],
                                   to collector: DiagnosticCollector, runs: [GroupRun]) -> ([Diagnostic], [Diagnostic]) {
        var findings = collector.takeDiagnostics()
        findings.removeAll(where: BookkeepingTables.exempts)
        // Without a suppression comment the findings are the active ones as they are, not copied one by one.
        guard !directives.isEmpty else { return (findings, []) }
        var active: [Diagnostic] = []
        var suppressed: [Diagnostic] = []
        var used = Set<String>()  // "directive index/rule"
        for var diagnostic in findings {
            if let (i, directive) = directives.enumerated().first(where: { $0.element.directive.covers(diagnostic) })
                .map({ ($0.offset, $0.element.directive) }) {
                diagnostic.suppression = Suppression(reason: directive.reason)
                used.insert("\(i)/\(diagnostic.rule)")
                suppressed.append(diagnostic)
            } else {
                active.append(diagnostic)
            }
        }
        let problems = DiagnosticCollector()
        for (i, (directive, g)) in directives.enumerated() {
            let rules = runs[g].group.rules
            let enabled = Set(rules.map(\.id))
            func sink(_ id: String) -> FindingSink? {
                rules.first { $0.id == id }.map { FindingSink(rule: $0.id, severity: $0.severity, collector: problems) }
            }
            let invalid = sink(InvalidSuppression.id), unused = sink(UnusedSuppression.id)
            let anchor = SourceAnchor(file: directive.file, range: directive.comment)
            if directive.rules.isEmpty {
                let finding = InvalidSuppression.namesNoRule
                invalid?.report(anchor, finding.message, help: finding.help, suggestion: nil)
            }
            for rule in directive.rules {
                if RuleRegistry.rule(id: rule) == nil {
                    let finding = InvalidSuppression.unknownRule(rule)
                    invalid?.report(anchor, finding.message, help: finding.help, suggestion: nil)
                } else if enabled.contains(rule), !used.contains("\(i)/\(rule)") {
                    let finding = UnusedSuppression.silencedNothing(rule)
                    unused?.report(anchor, finding.message, help: finding.help, suggestion: nil)
                }
            }
        }
        return (active + problems.diagnostics, suppressed)
    }
}

/// One group during a lint: a runner per rule, which rules read what, and where syntax errors go.
private final class GroupRun {
    let group: LintGroup
    let runners: [RuleRunner]
    /// The runners whose rule keeps state from one statement of a file to the next: a handful of the 57, and only
    /// they are reset at each file (500 files reset 26,000 runners, each through generic code).
    private let statefulRunners: [RuleRunner]
    let dispatch: RuleDispatch
    let syntaxErrors: FindingSink?
    var settings: LintSettings { group.settings }

    init(_ group: LintGroup, collector: DiagnosticCollector, files: Set<ObjectIdentifier>?) {
        self.group = group
        runners = group.rules.map { configured in
            configured.rule.runner(sink: FindingSink(
                rule: configured.id, severity: configured.severity, collector: collector, files: files,
                fix: type(of: configured.rule).metadata.fix))
        }
        statefulRunners = runners.filter(\.keepsFileState)
        dispatch = RuleDispatch(runners.map(\.triggers))
        syntaxErrors = group.rules.first { $0.id == SyntaxErrorRule.id }
            .map { FindingSink(rule: $0.id, severity: $0.severity, collector: collector, files: files) }
    }

    func startFile() { statefulRunners.forEach { $0.startFile() } }
}
