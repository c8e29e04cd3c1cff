/// Lints a run under a configuration: files whose settings differ (`[[overrides]]`) are linted in separate
/// passes, each replaying every file of the run in order (so the schema model is the same) but keeping only the
/// findings in its own files. With no overrides that match, that is one pass, exactly `Linter.lint`.
/// `ignore-objects` then drops findings about ignored objects.
public struct ProjectLinter {
    public var configuration: Configuration
    public var commandLine: CommandLineSettings

    public init(configuration: Configuration, commandLine: CommandLineSettings = CommandLineSettings()) {
        self.configuration = configuration
        self.commandLine = commandLine
    }

    /// `loadContext` reads the context paths of a pass (absolute paths of files or folders).
    public func lint(_ files: [SourceFile], loadContext: ([String]) -> [SourceFile] = { _ in [] }) throws -> LintResult {
        try lint(MigrationRun(plainFiles: files), loadContext: loadContext)
    }

    /// Lints the forward units of a run (replay-only ones replayed in place, unreported); then, if the run
    /// carries rollback units, each of them on its own against the model as its migration left it.
    public func lint(_ run: MigrationRun, loadContext: ([String]) -> [SourceFile] = { _ in [] }) throws -> LintResult {
        let forward = run.units.filter { $0.role == .forward }
        let files = forward.map(\.file)
        let replayOnly = Set(forward.filter(\.replayOnly).map { ObjectIdentifier($0.file) })
        // Group files by their settings, in run order.
        var groups: [(settings: FileSettings, paths: Set<String>)] = []
        for file in files where !replayOnly.contains(ObjectIdentifier(file)) {
            let settings = try configuration.settings(for: file.path, commandLine: commandLine)
            if let i = groups.firstIndex(where: { $0.settings == settings }) {
                groups[i].paths.insert(file.path)
            } else {
                groups.append((settings, [file.path]))
            }
        }
        if groups.isEmpty { groups.append((try configuration.settings(for: ".", commandLine: commandLine), [])) }

        var contexts: [[String]: [SourceFile]] = [:]
        var active: [Diagnostic] = [], suppressed: [Diagnostic] = []
        var statements = 0
        for group in groups {
            let context: [SourceFile]
            if let cached = contexts[group.settings.context] { context = cached } else {
                context = loadContext(group.settings.context)
                contexts[group.settings.context] = context
            }
            var settings = group.settings.lintSettings
            if let threads = commandLine.threads { settings.threads = threads }
            let linter = Linter(rules: try group.settings.configuredRules(), settings: settings)
            let result = linter.lint(files, context: context, replayOnly: replayOnly)
            statements = result.statements
            if groups.count == 1 {
                active = result.diagnostics
                suppressed = result.suppressed
            } else {
                active += result.diagnostics.filter { group.paths.contains($0.file) }
                suppressed += result.suppressed.filter { group.paths.contains($0.file) }
            }
        }

        let rollbacks = try lintRollbacks(of: run, loadContext: loadContext)
        active += rollbacks.diagnostics
        suppressed += rollbacks.suppressed
        statements += rollbacks.statements

        var filters: [String: ObjectFilter] = [:]
        func ignored(_ d: Diagnostic) -> Bool {
            if filters[d.file] == nil { filters[d.file] = configuration.objectFilter(for: d.file) }
            return filters[d.file]!.ignores(d)
        }
        active.removeAll(where: ignored)
        suppressed.removeAll(where: ignored)

        let fileOrder = Dictionary(files.enumerated().map { ($1.path, $0) }, uniquingKeysWith: { first, _ in first })
        let order = Diagnostic.ordered(byFileOrder: fileOrder)
        if groups.count > 1 || !rollbacks.diagnostics.isEmpty || !rollbacks.suppressed.isEmpty {
            active.sort(by: order)
            suppressed.sort(by: order)
        }
        return LintResult(diagnostics: active, suppressed: suppressed, all: (active + suppressed).sorted(by: order),
                          files: run.lintedFileCount, statements: statements)
    }

    /// Each rollback unit (not replay-only) linted alone, after replaying the context and every forward unit
    /// before it. Each has its own pass, so one rollback never changes the model another is checked against.
    private func lintRollbacks(of run: MigrationRun, loadContext: ([String]) -> [SourceFile]) throws -> LintResult {
        var result = LintResult(diagnostics: [], files: 0, statements: 0)
        var before: [SourceFile] = []
        var contexts: [[String]: [SourceFile]] = [:]
        for unit in run.units {
            if unit.role == .forward { before.append(unit.file); continue }
            if unit.replayOnly { continue }
            let settings = try configuration.settings(for: unit.file.path, commandLine: commandLine)
            var lintSettings = settings.lintSettings
            if let threads = commandLine.threads { lintSettings.threads = threads }
            let linter = Linter(rules: try settings.configuredRules(), settings: lintSettings)
            // Everything before it is context, so only the rollback's own code can be reported.
            if contexts[settings.context] == nil { contexts[settings.context] = loadContext(settings.context) }
            let pass = linter.lint([unit.file], context: contexts[settings.context]! + before)
            result.diagnostics += pass.diagnostics
            result.suppressed += pass.suppressed
            result.statements += pass.statements
        }
        return result
    }
}
