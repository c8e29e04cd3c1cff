import FoundationEssentials

/// Which configuration a run uses: `--isolated` none, `--config PATH` that file, otherwise the nearest
/// `.schemalint.toml` in the working directory or a folder above it.
public enum ConfigDiscovery {
    /// The nearest `.schemalint.toml` at or above `directory`, or nil.
    public static func find(from directory: String = FileManager.default.currentDirectoryPath) -> String? {
        var dir = Paths.absolute(directory)
        while true {
            let candidate = Paths.join(dir, Configuration.fileName)
            var isDirectory = false
            if FileManager.default.fileExists(atPath: candidate, isDirectory: &isDirectory), !isDirectory {
                return candidate
            }
            let parent = Paths.folder(dir)
            if parent == dir || parent.isEmpty { return nil }
            dir = parent
        }
    }

    /// How messages name a discovered config: `.schemalint.toml`, `../../.schemalint.toml` (it is always in the
    /// working directory or a folder above it), absolute when that would be long.
    static func shown(_ path: String, from workingDirectory: String) -> String {
        let folder = Paths.folder(path)
        let cwd = Paths.absolute(workingDirectory)
        guard cwd == folder || cwd.hasPrefix(folder == "/" ? "/" : folder + "/") else { return path }
        let depth = cwd == folder ? 0 : cwd.dropFirst(folder.count).split(separator: "/").count
        return depth > 3 ? path : String(repeating: "../", count: depth) + Configuration.fileName
    }

    /// The configuration for a run. Throws `ConfigError` for a file that cannot be read or is invalid.
    public static func configuration(explicitPath: String?, isolated: Bool,
                                     workingDirectory: String = FileManager.default.currentDirectoryPath) throws -> Configuration {
        if isolated { return .defaults(directory: workingDirectory) }
        if let explicitPath { return try ConfigLoader.load(path: explicitPath) }
        guard let found = find(from: workingDirectory) else { return .defaults(directory: workingDirectory) }
        // Report the path relative to the working directory when it is below it (`.schemalint.toml`), else absolute.
        return try ConfigLoader.load(path: found, shownAs: shown(found, from: workingDirectory))
    }
}
