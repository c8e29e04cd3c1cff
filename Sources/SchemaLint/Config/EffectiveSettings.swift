/// Command-line flags that override the configuration file (nil or empty: not given).
public struct CommandLineSettings: Sendable, Equatable {
    public var select: [String]?
    public var ignore: [String]?
    public var pgVersion: Int?
    public var assumeInTransaction: Bool?
    /// Absolute paths; nil when `--context` was not given.
    public var context: [String]?
    /// Parsing threads (`--threads`); nil: one per core. Not a config key: it never changes the output.
    public var threads: Int?

    public init(select: [String]? = nil, ignore: [String]? = nil, pgVersion: Int? = nil,
                assumeInTransaction: Bool? = nil, context: [String]? = nil, threads: Int? = nil) {
        self.threads = threads
        self.select = select
        self.ignore = ignore
        self.pgVersion = pgVersion
        self.assumeInTransaction = assumeInTransaction
        self.context = context
    }
}

/// Everything that decides how one file is linted. Files with equal settings are linted in one pass.
public struct FileSettings: Sendable, Hashable {
    public struct RuleSetting: Sendable, Hashable {
        public var id: String
        public var severity: Severity
        /// The merged `[rules.<id>]` options as JSON, nil for the defaults.
        public var optionsJSON: String?
    }

    /// In registry order.
    public var rules: [RuleSetting]
    public var pgVersion: Int
    public var assumeInTransaction: Bool
    /// Absolute paths replayed before the run.
    public var context: [String]

    public var lintSettings: LintSettings { LintSettings(pgVersion: pgVersion, assumeInTransaction: assumeInTransaction) }

    /// The rules, built with their options and severities.
    public func configuredRules() throws -> [ConfiguredRule] {
        try rules.compactMap { setting in
            guard let type = RuleRegistry.rule(id: setting.id) else { return nil }
            return ConfiguredRule(try type.make(optionsJSON: setting.optionsJSON), severity: setting.severity)
        }
    }
}

/// Which findings to drop because of `ignore-objects`: globs for every rule, and per rule.
public struct ObjectFilter: Sendable, Equatable {
    public var global: [Glob] = []
    public var perRule: [String: [Glob]] = [:]

    public var isEmpty: Bool { global.isEmpty && perRule.values.allSatisfy(\.isEmpty) }

    /// Whether a finding is about an ignored object. Findings without an object are never ignored this way.
    public func ignores(_ diagnostic: Diagnostic) -> Bool {
        guard let object = diagnostic.object else { return false }
        return global.contains { $0.matches(object) } || (perRule[diagnostic.rule] ?? []).contains { $0.matches(object) }
    }
}

/// Layers a configuration for one file: the top level (the command line replacing `select`, `extend-select`,
/// `ignore`, `pg-version`, `assume-in-transaction` and `context`), then every `[[overrides]]` entry whose `files`
/// match, in file order. An override's `select` replaces the rule set so far, `extend-select` adds to it,
/// `ignore` removes from it; its other keys replace the value so far, except that command-line flags always win.
/// `[rules.<id>]` tables merge key by key; `severity = "off"` turns the rule off.
extension Configuration {
    public func settings(for path: String, commandLine cli: CommandLineSettings = CommandLineSettings(),
                         catalogue: [any Rule.Type] = RuleRegistry.all) throws -> FileSettings {
        try settings(overrides: OverrideMatcher(self).matching(path), commandLine: cli, catalogue: catalogue)
    }

    /// The settings of a file that the overrides at these indices (in file order) match.
    func settings(overrides matching: [Int], commandLine cli: CommandLineSettings,
                  catalogue: [any Rule.Type] = RuleRegistry.all) throws -> FileSettings {
        let layers = [base] + matching.map { overrides[$0].layer }

        // The rule set.
        var enabled: Set<String>
        if let select = cli.select {
            enabled = try Self.ids(select.isEmpty ? ["recommended"] : select, catalogue)
        } else {
            enabled = try Self.ids(base.select ?? ["recommended"], catalogue).union(try Self.ids(base.extendSelect, catalogue))
        }
        enabled.subtract(try Self.ids(cli.ignore ?? base.ignore, catalogue))
        for layer in layers.dropFirst() {
            if let select = layer.select { enabled = try Self.ids(select, catalogue) }
            enabled.formUnion(try Self.ids(layer.extendSelect, catalogue))
            enabled.subtract(try Self.ids(layer.ignore, catalogue))
        }

        // Rule tables, merged.
        var severity: [String: ConfiguredSeverity] = [:]
        var options: [String: [String: ConfigValue]] = [:]
        for layer in layers {
            for (id, rule) in layer.rules {
                if let s = rule.severity { severity[id] = s }
                options[id, default: [:]].merge(rule.options) { _, new in new }
            }
        }

        let rules = catalogue.compactMap { type -> FileSettings.RuleSetting? in
            let id = type.metadata.id
            guard enabled.contains(id) else { return nil }
            let level: Severity
            switch severity[id] {
            case .off: return nil
            case .level(let s): level = s
            case nil: level = type.metadata.defaultSeverity
            }
            let json = options[id].flatMap { $0.isEmpty ? nil : OptionsJSON.encode($0, for: type) }
            return FileSettings.RuleSetting(id: id, severity: level, optionsJSON: json)
        }
        return FileSettings(
            rules: rules,
            pgVersion: cli.pgVersion ?? layers.compactMap(\.pgVersion).last ?? 15,
            assumeInTransaction: cli.assumeInTransaction ?? layers.compactMap(\.assumeInTransaction).last ?? false,
            context: cli.context ?? layers.compactMap(\.context).last ?? [])
    }

    /// The `ignore-objects` globs that apply to a file: the top level's and its overrides', globally and per rule.
    public func objectFilter(for path: String) -> ObjectFilter {
        objectFilter(overrides: OverrideMatcher(self).matching(path))
    }

    func objectFilter(overrides matching: [Int]) -> ObjectFilter {
        var filter = ObjectFilter()
        for layer in [base] + matching.map({ overrides[$0].layer }) {
            filter.global += layer.ignoreObjects.map { Glob($0, separator: ".") }
            for (id, rule) in layer.rules where !rule.ignoreObjects.isEmpty {
                filter.perRule[id, default: []] += rule.ignoreObjects.map { Glob($0, separator: ".") }
            }
        }
        return filter
    }

    private static func ids(_ selectors: [String], _ catalogue: [any Rule.Type]) throws -> Set<String> {
        var ids = Set<String>()
        for selector in selectors {
            ids.formUnion(try RuleSelection(select: [selector]).resolve(from: catalogue).map { $0.metadata.id })
        }
        return ids
    }
}
