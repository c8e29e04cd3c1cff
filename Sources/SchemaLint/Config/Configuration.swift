import FoundationEssentials

/// A rule's severity as a config file sets it: a level, or `off` (the rule does not run).
public enum ConfiguredSeverity: Sendable, Equatable {
    case off
    case level(Severity)

    public init?(_ text: String) {
        if text == "off" { self = .off } else if let level = Severity(rawValue: text) { self = .level(level) } else { return nil }
    }
}

/// `[rules.<id>]`: severity, objects to leave alone, and the rule's typed options (still as TOML values,
/// validated against the rule's `Options` when the file is read).
public struct RuleConfig: Sendable, Equatable {
    public var severity: ConfiguredSeverity?
    public var ignoreObjects: [String] = []
    public var options: [String: ConfigValue] = [:]

    public init(severity: ConfiguredSeverity? = nil, ignoreObjects: [String] = [], options: [String: ConfigValue] = [:]) {
        self.severity = severity
        self.ignoreObjects = ignoreObjects
        self.options = options
    }
}

/// The keys a config file may set at the top level and again in each `[[overrides]]` table.
public struct ConfigLayer: Sendable, Equatable {
    /// Replaces the default rule set (`recommended`); nil when not set.
    public var select: [String]?
    public var extendSelect: [String] = []
    public var ignore: [String] = []
    public var pgVersion: Int?
    public var assumeInTransaction: Bool?
    /// Files or folders replayed before the linted files, as absolute paths (written relative to the config file).
    public var context: [String]?
    /// Globs on `schema.table[.column]`: findings about matching objects are dropped, whatever the rule.
    public var ignoreObjects: [String] = []
    public var rules: [String: RuleConfig] = [:]

    public init() {}
}

/// `[[overrides]]`: keys that apply only to the files matching `files`.
public struct ConfigOverride: Sendable, Equatable {
    public var files: [String]
    public var layer: ConfigLayer

    public init(files: [String], layer: ConfigLayer) {
        self.files = files
        self.layer = layer
    }
}

/// A `.schemalint.toml`, read and validated: every key known, every rule id real, every option value decodable.
public struct Configuration: Sendable, Equatable {
    public static let fileName = ".schemalint.toml"

    /// The file it was read from; nil for the built-in defaults (no file, or `--isolated`).
    public var path: String?
    /// The folder that `exclude`, `files` and `context` paths are relative to: the config file's folder
    /// (the working directory when there is no file).
    public var directory: String
    public var base = ConfigLayer()
    /// Path globs: matching files are not read at all.
    public var exclude: [String] = []
    /// `layout`: the migration layout of every linted folder and file; nil to recognise it.
    public var layout: MigrationLayout?
    /// `replay-first`: absolute files or folders replayed before the other linted files, in this order.
    public var replayFirst: [String] = []
    /// `lint-down`: lint down, undo and revert code on its own; nil when not set.
    public var lintDown: Bool?
    /// `[database]`: how table size weighs safety findings with `--database-url`.
    public var database = DatabaseSettings()
    public var overrides: [ConfigOverride] = []

    public init(path: String? = nil, directory: String) {
        self.path = path
        self.directory = directory
    }

    /// No file: the defaults, with paths relative to `directory`.
    public static func defaults(directory: String = FileManager.default.currentDirectoryPath) -> Configuration {
        Configuration(directory: Paths.absolute(directory))
    }

    /// Whether `path` (as given on the command line, relative to the working directory) matches `exclude`.
    public func isExcluded(_ path: String) -> Bool {
        guard !exclude.isEmpty else { return false }
        let relative = Paths.relative(path, to: directory)
        return exclude.contains { Glob($0).matches(relative) }
    }

    /// The overrides whose `files` match `path`, in file order.
    func overrides(for path: String) -> [ConfigOverride] {
        OverrideMatcher(self).matching(path).map { overrides[$0] }
    }
}
