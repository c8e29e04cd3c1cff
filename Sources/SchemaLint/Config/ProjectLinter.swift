/// Lints a run under a configuration. Files whose settings differ (`[[overrides]]`) form groups, each linted with its
/// own rules in one replay of the whole run; only groups with different `context` need a replay of their own.
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
        let resolver = SettingsResolver(configuration, commandLine: commandLine)
        // Files by their settings, in run order.
        var groups: [FileSettings] = []
        var groupIndex: [FileSettings: Int] = [:]
        var groupOfFile: [ObjectIdentifier: Int] = [:]
        // Most files share the previous file's settings: comparing with them (the resolver hands out copies of one
        // value, so its arrays compare by identity) skips hashing every rule's settings once per file.
        var previous: (settings: FileSettings, group: Int)?
        for file in files where !replayOnly.contains(ObjectIdentifier(file)) {
            let settings = try resolver.settings(for: file.path)
            let g = previous.flatMap { $0.settings == settings ? $0.group : nil } ?? groupIndex[settings] ?? {
                groups.append(settings)
                groupIndex[settings] = groups.count - 1
                return groups.count - 1
            }()
            previous = (settings, g)
            groupOfFile[ObjectIdentifier(file)] = g
        }
        if groups.isEmpty { groups.append(try resolver.settings(for: ".")) }
        let lintGroups = try groups.map { settings in
            var lintSettings = settings.lintSettings
            if let threads = commandLine.threads { lintSettings.threads = threads }
            return LintGroup(rules: try settings.configuredRules(), settings: lintSettings)
        }

        // One replay per distinct context; files of the other groups are replayed in it, not linted.
        var passes: [(context: [String], groups: [Int])] = []
        for (g, settings) in groups.enumerated() {
            if let p = passes.firstIndex(where: { $0.context == settings.context }) { passes[p].groups.append(g) }
            else { passes.append((settings.context, [g])) }
        }
        var active: [Diagnostic] = [], suppressed: [Diagnostic] = []
        var statements = 0, unparsed = 0
        var embedded = EmbeddedCode()
        for pass in passes {
            let linter = Linter(groups: pass.groups.map { lintGroups[$0] })
            let result = linter.lint(files, context: loadContext(pass.context), replayOnly: replayOnly) { file in
                groupOfFile[ObjectIdentifier(file)].flatMap { pass.groups.firstIndex(of: $0) }
            }
            statements = result.statements
            unparsed = result.unparsed
            embedded = result.embedded
            // The first pass's findings are taken as they are, not copied one by one into an empty array.
            if active.isEmpty { active = result.diagnostics } else { active += result.diagnostics }
            if suppressed.isEmpty { suppressed = result.suppressed } else { suppressed += result.suppressed }
        }

        let rollbacks = try lintRollbacks(of: run, loadContext: loadContext)
        active += rollbacks.diagnostics
        suppressed += rollbacks.suppressed
        statements += rollbacks.statements
        unparsed += rollbacks.unparsed
        embedded.add(rollbacks.embedded)

        func ignored(_ d: Diagnostic) -> Bool { resolver.objectFilter(for: d.file).ignores(d) }
        active.removeAll(where: ignored)
        suppressed.removeAll(where: ignored)

        let fileOrder = Dictionary(files.enumerated().map { ($1.path, $0) }, uniquingKeysWith: { first, _ in first })
        if passes.count > 1 || !rollbacks.diagnostics.isEmpty || !rollbacks.suppressed.isEmpty {
            Diagnostic.sort(&active, byFileOrder: fileOrder)
            Diagnostic.sort(&suppressed, byFileOrder: fileOrder)
        }
        return LintResult(diagnostics: active, suppressed: suppressed,
                          all: Diagnostic.all(active, suppressed, byFileOrder: fileOrder), files: run.lintedFileCount,
                          statements: statements, unparsed: unparsed, embedded: embedded)
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
            result.unparsed += pass.unparsed
            result.embedded.add(pass.embedded)
        }
        return result
    }
}
