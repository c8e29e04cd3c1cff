import FoundationEssentials

/// Path arithmetic on `/`-separated text, shared by input, config (globs relative to its folder) and the baseline
/// (paths relative to it). It is NSString's arithmetic, written out because FoundationEssentials has no NSString
/// (and full Foundation would link ICU's 34 MB of data into the binary).
public enum Paths {
    /// An absolute, standardised path (`.` and `..` resolved, no symlinks followed).
    public static func absolute(_ path: String, from base: String = FileManager.default.currentDirectoryPath) -> String {
        standardized(path.hasPrefix("/") ? path : join(base, path))
    }

    /// `path` relative to the folder `directory` when it is inside it, else absolute; `/`-separated.
    public static func relative(_ path: String, to directory: String) -> String {
        let full = absolute(path)
        let dir = absolute(directory)
        if full == dir { return "." }
        let prefix = dir.hasSuffix("/") ? dir : dir + "/"
        return full.hasPrefix(prefix) ? String(full.dropFirst(prefix.count)) : full
    }

    /// The last component: `c.sql` of `/a/b/c.sql`, `b` of `a/b/`; `/` of `/`.
    public static func lastComponent(_ path: String) -> String {
        // Most paths have no trailing or doubled slash: the bytes after the last slash, without splitting.
        if let tail = simpleTail(path) { return String(path[tail...]) }
        let parts = path.split(separator: "/")
        guard let last = parts.last else { return path.hasPrefix("/") ? "/" : "" }
        return String(last)
    }

    /// The folder a path is in: `/a/b` of `/a/b/c.sql`, `/` of `/a`, the empty string of `c.sql`.
    public static func folder(_ path: String) -> String {
        if let tail = simpleTail(path) {
            let slash = path.utf8.index(before: tail)
            guard slash != path.startIndex else { return "/" }
            return String(path[..<slash])
        }
        if !path.isEmpty, !path.utf8.contains(UInt8(ascii: "/")) { return "" }
        let absolute = path.hasPrefix("/")
        let parts = path.split(separator: "/").dropLast()
        let joined = parts.joined(separator: "/")
        return absolute ? "/" + joined : joined
    }

    /// Where the last component starts, when the path has a slash before it, none doubled and none at the end.
    private static func simpleTail(_ path: String) -> String.Index? {
        let bytes = path.utf8
        guard let last = bytes.last, last != UInt8(ascii: "/"), let slash = bytes.lastIndex(of: UInt8(ascii: "/")) else {
            return nil
        }
        var previous: UInt8 = 0
        for byte in bytes {
            if byte == UInt8(ascii: "/"), previous == UInt8(ascii: "/") { return nil }
            previous = byte
        }
        return bytes.index(after: slash)
    }

    /// `a/b` of `a` and `b`, without doubled slashes.
    public static func join(_ base: String, _ component: String) -> String {
        if base.isEmpty { return component }
        if component.isEmpty { return base }
        let trimmed = base.hasSuffix("/") ? String(base.dropLast(base.reversed().prefix { $0 == "/" }.count)) : base
        let rest = component.drop { $0 == "/" }
        return (trimmed.isEmpty ? "/" : trimmed + "/") + rest
    }

    /// `.` and `..` resolved, doubled and trailing slashes removed; a relative path keeps its leading `..`s.
    public static func standardized(_ path: String) -> String {
        let isAbsolute = path.hasPrefix("/")
        var parts: [Substring] = []
        for part in path.split(separator: "/") where part != "." {
            if part == "..", let last = parts.last, last != ".." { parts.removeLast() }
            else if part == "..", isAbsolute { continue }
            else { parts.append(part) }
        }
        let joined = parts.joined(separator: "/")
        return isAbsolute ? "/" + joined : (joined.isEmpty ? "." : joined)
    }

    /// Whether a folder exists at `path` (false for a file or nothing).
    public static func isFolder(_ path: String) -> Bool {
        var isDirectory = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory
    }
}
