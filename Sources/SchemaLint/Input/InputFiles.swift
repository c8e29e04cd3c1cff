import FoundationEssentials
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

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
            var isDirectory = false
            guard fm.fileExists(atPath: path, isDirectory: &isDirectory) else {
                problems.append(Problem(path: path, reason: "no such file or directory"))
                continue
            }
            if !isDirectory { files.append(path); continue }
            var found: [String] = []
            var visited = Set<DirectoryEntries.Identity>()
            collect(directory: path, into: &found, visited: &visited, problems: &problems)
            files += naturallySorted(found)
        }
        return (files, problems)
    }

    private static func collect(directory: String, into found: inout [String],
                                visited: inout Set<DirectoryEntries.Identity>, problems: inout [Problem]) {
        // A folder reached twice (a link back up the tree) is walked once, not forever.
        if let identity = DirectoryEntries.identity(of: directory), !visited.insert(identity).inserted { return }
        guard let entries = DirectoryEntries.of(directory) else {
            problems.append(Problem(path: directory, reason: "cannot read directory"))
            return
        }
        for entry in entries where !entry.name.hasPrefix(".") {
            let path = directory.hasSuffix("/") ? directory + entry.name : directory + "/" + entry.name
            switch entry.kind {
            case .directory: collect(directory: path, into: &found, visited: &visited, problems: &problems)
            // A dangling link named *.sql is a file the user expects linted: report it, don't skip it.
            case .file, .missing: if isSQL(entry.name) { found.append(path) }
            }
        }
    }

    /// `*.sql`, in any case.
    private static func isSQL(_ name: String) -> Bool {
        let suffix = Array(name.utf8.suffix(4))
        guard suffix.count == 4, suffix[0] == UInt8(ascii: ".") else { return false }
        return zip(suffix.dropFirst(), "sql".utf8).allSatisfy { $0 | 0x20 == $1 }
    }

    /// Compares paths with runs of digits by value: `2` < `10`, `a/2/x` < `a/10/x`.
    public static func naturalLess(_ a: String, _ b: String) -> Bool {
        NaturalKey(a) < NaturalKey(b)
    }

    /// Sorts paths naturally, computing each key once.
    public static func naturallySorted(_ paths: [String]) -> [String] {
        paths.map { (NaturalKey($0), $0) }.sorted { $0.0 < $1.0 }.map(\.1)
    }

    /// A path cut into runs of digits and of other bytes. Digit runs compare by value (length without
    /// leading zeros, then digits, then the number of leading zeros), other runs bytewise; a digit run sorts before
    /// text. The runs are written into one byte string that compares bytewise in that order, so that sorting 500
    /// migration files compares two buffers (a list of runs compared run by run cost 1,600 instructions a comparison):
    /// a digit run is 0x01, its length and leading zeros in four bytes each, then its digits; a text run is 0x02, its
    /// bytes, then 0x00 (below any byte of a path), so that a run that is a prefix of another sorts first.
    struct NaturalKey: Comparable {
        let bytes: [UInt8]

        init(_ s: String) {
            let path = Array(s.utf8)
            var key: [UInt8] = []
            key.reserveCapacity(path.count + 16)
            var i = 0
            while i < path.count {
                let start = i
                let digits = Self.isDigit(path[i])
                while i < path.count, Self.isDigit(path[i]) == digits { i += 1 }
                if digits {
                    var first = start
                    while first < i - 1, path[first] == UInt8(ascii: "0") { first += 1 }
                    key.append(0x01)
                    Self.append(UInt32(i - first), to: &key)
                    key += path[first..<i]
                    Self.append(UInt32(first - start), to: &key)
                } else {
                    key.append(0x02)
                    key += path[start..<i]
                    key.append(0x00)
                }
            }
            bytes = key
        }

        private static func append(_ n: UInt32, to key: inout [UInt8]) {
            for shift in stride(from: 24, through: 0, by: -8) { key.append(UInt8(truncatingIfNeeded: n >> UInt32(shift))) }
        }

        static func isDigit(_ b: UInt8) -> Bool { b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") }

        static func < (x: NaturalKey, y: NaturalKey) -> Bool {
            let common = min(x.bytes.count, y.bytes.count)
            let order = x.bytes.withUnsafeBufferPointer { a in
                y.bytes.withUnsafeBufferPointer { b in common == 0 ? 0 : memcmp(a.baseAddress!, b.baseAddress!, common) }
            }
            return order != 0 ? order < 0 : x.bytes.count < y.bytes.count
        }
    }

    /// Reads a file; a failure comes back as a problem for stderr.
    public static func read(_ path: String) -> Result<[UInt8], Problem> {
        guard let data = FileManager.default.contents(atPath: path) else {
            return .failure(Problem(path: path, reason: "cannot read file"))
        }
        return .success(Array(data))
    }
}
