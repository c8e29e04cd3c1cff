import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif

/// Where an agent's tools may read: the server's working directory and below, unless the server was started to
/// allow any path. Paths are checked after symbolic links are resolved, so a link inside cannot lead outside.
public struct AgentWorkspace: Sendable {
    /// The working directory, symbolic links resolved.
    public var root: String
    public var allowsOutsidePaths: Bool

    public init(root: String = FileManager.default.currentDirectoryPath, allowsOutsidePaths: Bool = false) {
        self.root = Self.resolved(root) ?? Paths.absolute(root)
        self.allowsOutsidePaths = allowsOutsidePaths
    }

    /// `path` as given (findings name files as the agent spelled them), once it exists and lies inside the root.
    func checked(_ path: String, argument: String) throws -> String {
        guard !path.isEmpty else { throw ToolError("`\(argument)` holds an empty path") }
        guard let real = Self.resolved(Paths.absolute(path, from: root)) else {
            throw ToolError("`\(argument)`: no such file or folder: \(path)")
        }
        if !allowsOutsidePaths, real != root, !real.hasPrefix(root == "/" ? "/" : root + "/") {
            throw ToolError("`\(argument)`: \(path) is outside the server's working directory (\(root)); "
                            + "start the server with --allow-outside-cwd to read it")
        }
        return path
    }

    static func resolved(_ path: String) -> String? {
        guard let pointer = realpath(path, nil) else { return nil }
        defer { free(pointer) }
        return String(cString: pointer)
    }
}
