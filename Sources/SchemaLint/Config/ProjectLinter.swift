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
        let resolver = SettingsResolver(configuration, commandLine: commandLine)
        // Files by their settings, in run order.
        var groups: [FileSettings] = []
        var groupIndex: [FileSettings: Int] = [:]
        var groupOfFile: [ObjectIdentifier: Int] = [:]
        for file in files {
            let settings = try resolver.settings(for: file.path)
            let g = groupIndex[settings] ?? {
                groups.append(settings)
                groupIndex[settings] = groups.count - 1
                return groups.count - 1
            }()
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
        var statements = 0
        for pass in passes {
            let linter = Linter(groups: pass.groups.map { lintGroups[$0] })
            let result = linter.lint(files, context: loadContext(pass.context)) { file in
                groupOfFile[ObjectIdentifier(file)].flatMap { pass.groups.firstIndex(of: $0) }
            }
            statements = result.statements
            active += result.diagnostics
            suppressed += result.suppressed
        }

        func ignored(_ d: Diagnostic) -> Bool { resolver.objectFilter(for: d.file).ignores(d) }
        active.removeAll(where: ignored)
        suppressed.removeAll(where: ignored)

        let fileOrder = Dictionary(files.enumerated().map { ($1.path, $0) }, uniquingKeysWith: { first, _ in first })
        if passes.count > 1 {
            active = Diagnostic.sorted(active, byFileOrder: fileOrder)
            suppressed = Diagnostic.sorted(suppressed, byFileOrder: fileOrder)
        }
        return LintResult(diagnostics: active, suppressed: suppressed,
                          all: Diagnostic.sorted(active + suppressed, byFileOrder: fileOrder), files: files.count,
                          statements: statements)
    }
}
