import Foundation

/// Turns command-line paths into the files of one run: a file as given, a folder as every `*.sql`
/// below it in natural order (`2_x.sql` before `10_x.sql`), several paths in the order given.
public enum InputFiles {
    public struct Problem: Error, CustomStringConvertible {
        public var path: String
        public var reason: String
        public var description: String { "\(path): \(reason)" }
    }

    /// Expands paths to file paths; problems (missing, unreadable) are returned, not thrown, so the rest
    /// of the run still happens.
    public static func expand(_ paths: [String]) -> (files: [String], problems: [Problem]) {
        var files: [String] = []
        var problems: [Problem] = []
        let fm = FileManager.default
        for path in paths {
            var isDirectory: ObjCBool = false
            guard fm.fileExists(atPath: path, isDirectory: &isDirectory) else {
                problems.append(Problem(path: path, reason: "no such file or directory"))
                continue
            }
            if !isDirectory.boolValue { files.append(path); continue }
            var found: [String] = []
            var visited = Set<String>()
            collect(directory: path, into: &found, visited: &visited, problems: &problems)
            files += found.sorted { naturalLess($0, $1) }
        }
        return (files, problems)
    }

    private static func collect(directory: String, into found: inout [String], visited: inout Set<String>,
                                problems: inout [Problem]) {
        let fm = FileManager.default
        // Resolve symlinks so a link back up the tree is visited once, not forever.
        let real = URL(fileURLWithPath: directory).resolvingSymlinksInPath().path
        guard visited.insert(real).inserted else { return }
        guard let entries = try? fm.contentsOfDirectory(atPath: directory) else {
            problems.append(Problem(path: directory, reason: "cannot read directory"))
            return
        }
        for entry in entries where !entry.hasPrefix(".") {
            let path = directory.hasSuffix("/") ? directory + entry : directory + "/" + entry
            var isDirectory: ObjCBool = false
            guard fm.fileExists(atPath: path, isDirectory: &isDirectory) else { continue }
            if isDirectory.boolValue {
                collect(directory: path, into: &found, visited: &visited, problems: &problems)
            } else if entry.lowercased().hasSuffix(".sql") {
                found.append(path)
            }
        }
    }

    /// Compares paths component by component, runs of digits by value: `2` < `10`, `a/2/x` < `a/10/x`.
    public static func naturalLess(_ a: String, _ b: String) -> Bool {
        let x = chunks(a), y = chunks(b)
        for (p, q) in zip(x, y) where p != q {
            switch (p, q) {
            case (.number(let m, let ms), .number(let n, let ns)): return m != n ? m < n : ms < ns
            case (.text(let s), .text(let t)): return s < t
            case (.number, .text): return true
            case (.text, .number): return false
            }
        }
        return x.count < y.count
    }

    private enum Chunk: Equatable {
        case text(String)
        case number(Decimal, String)
    }

    private static func chunks(_ s: String) -> [Chunk] {
        var result: [Chunk] = []
        var current = ""
        var inDigits = false
        func flush() {
            guard !current.isEmpty else { return }
            result.append(inDigits ? .number(Decimal(string: current) ?? 0, current) : .text(current))
            current = ""
        }
        for ch in s {
            let digit = ch.isASCII && ch.isNumber
            if digit != inDigits { flush(); inDigits = digit }
            current.append(ch)
        }
        flush()
        return result
    }

    /// Reads a file; a failure comes back as a problem for stderr.
    public static func read(_ path: String) -> Result<[UInt8], Problem> {
        guard let data = FileManager.default.contents(atPath: path) else {
            return .failure(Problem(path: path, reason: "cannot read file"))
        }
        return .success(Array(data))
    }
}
