#if canImport(Glibc)
import Glibc
#endif

/// Writes a fixed file so that a reader sees the old bytes or the new ones, never half: a temporary file in the same
/// folder (a rename across file systems is not atomic), given the file's mode, synced, then renamed over it. A
/// symbolic link keeps pointing where it did: its target is the file written.
public enum AtomicFile {
    public struct WriteError: Error, CustomStringConvertible {
        public var path: String
        public var reason: String
        public var description: String { "cannot write \(path): \(reason)" }
    }

    public static func write(_ bytes: [UInt8], to path: String) throws {
        var target = path
        if let resolved = realpath(path, nil) {
            target = String(cString: resolved)
            free(resolved)
        }
        var info = stat()
        guard stat(target, &info) == 0 else { throw WriteError(path: path, reason: errorText()) }
        var template = Array((folder(of: target) + "/.schemalint-fix-XXXXXX").utf8CString)
        let fd = mkstemp(&template)
        guard fd >= 0 else { throw WriteError(path: path, reason: errorText()) }
        let temporary = String(cString: template)
        var ok = fchmod(fd, info.st_mode & 0o7777) == 0
        var written = 0
        while ok, written < bytes.count {
            let n = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + written, bytes.count - written) }
            if n <= 0 { ok = false } else { written += n }
        }
        let reason = ok ? "" : errorText()
        ok = ok && fsync(fd) == 0
        close(fd)
        guard ok, rename(temporary, target) == 0 else {
            let why = reason.isEmpty ? errorText() : reason
            unlink(temporary)
            throw WriteError(path: path, reason: why)
        }
    }

    private static func folder(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    private static func errorText() -> String { String(cString: strerror(errno)) }
}
