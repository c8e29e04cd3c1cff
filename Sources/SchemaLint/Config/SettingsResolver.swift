/// Which `[[overrides]]` match a path, with the globs compiled and the config folder made absolute once.
struct OverrideMatcher {
    private let directory: String
    private let globs: [[Glob]]

    init(_ configuration: Configuration) {
        directory = Paths.absolute(configuration.directory)
        globs = configuration.overrides.map { $0.files.map { Glob($0) } }
    }

    /// Indices of the matching overrides, in file order.
    func matching(_ path: String) -> [Int] {
        guard !globs.isEmpty else { return [] }
        let full = Paths.absolute(path)
        let prefix = directory.hasSuffix("/") ? directory : directory + "/"
        let relative = full == directory ? "." : full.hasPrefix(prefix) ? String(full.dropFirst(prefix.count)) : full
        return globs.indices.filter { i in globs[i].contains { $0.matches(relative) } }
    }
}

/// Each file's settings and object filter, resolved once per distinct set of matching overrides: a folder of 500
/// migrations under one configuration selects rules and decodes options once, not 500 times.
final class SettingsResolver {
    let configuration: Configuration
    let commandLine: CommandLineSettings
    private let matcher: OverrideMatcher
    private var settings: [[Int]: FileSettings] = [:]
    private var filters: [[Int]: ObjectFilter] = [:]
    private var matches: [String: [Int]] = [:]

    init(_ configuration: Configuration, commandLine: CommandLineSettings) {
        self.configuration = configuration
        self.commandLine = commandLine
        matcher = OverrideMatcher(configuration)
    }

    private func overrides(for path: String) -> [Int] {
        if let known = matches[path] { return known }
        let found = matcher.matching(path)
        matches[path] = found
        return found
    }

    func settings(for path: String) throws -> FileSettings {
        let key = overrides(for: path)
        if let known = settings[key] { return known }
        let resolved = try configuration.settings(overrides: key, commandLine: commandLine)
        settings[key] = resolved
        return resolved
    }

    func objectFilter(for path: String) -> ObjectFilter {
        let key = overrides(for: path)
        if let known = filters[key] { return known }
        let filter = configuration.objectFilter(overrides: key)
        filters[key] = filter
        return filter
    }
}
