import FoundationEssentials

/// Findings accepted as they are (`--write-baseline`), so that a run with `--baseline` reports only new ones.
///
/// A finding is keyed by its rule, its file (relative to the baseline file's folder), its qualified object (its
/// message when it has none) and the normalised fingerprint of the statement it sits in: no line numbers, so
/// lines inserted above an old finding do not bring it back, while a change to the statement itself (other than
/// whitespace, comments or constants) does. Matching is counted: two identical findings need two entries.
public struct Baseline: Sendable, Equatable {
    public static let formatVersion = 1

    public struct Entry: Sendable, Hashable, Comparable {
        public var rule: String
        public var file: String
        public var object: String?
        public var message: String
        public var statement: String

        public init(rule: String, file: String, object: String?, message: String, statement: String) {
            self.rule = rule
            self.file = file
            self.object = object
            self.message = message
            self.statement = statement
        }

        /// What matching compares.
        var key: [String] { [rule, file, object ?? "message:" + message, statement] }

        public static func < (a: Entry, b: Entry) -> Bool {
            (a.file, a.rule, a.object ?? "", a.message, a.statement) < (b.file, b.rule, b.object ?? "", b.message, b.statement)
        }
    }

    public struct ReadError: Error, CustomStringConvertible {
        public var path: String
        public var reason: String
        public var description: String { "\(path): \(reason)" }
    }

    /// Sorted, so the file is stable under re-recording.
    public private(set) var entries: [Entry]

    public init(entries: [Entry]) { self.entries = entries.sorted() }

    /// The entries for `diagnostics`. `baselinePath` is where the file will live (paths are stored relative to
    /// its folder); `sources` are the run's files by path.
    public static func record(_ diagnostics: [Diagnostic], sources: [String: SourceFile], baselinePath: String) -> Baseline {
        let keyer = Keyer(sources: sources, baselinePath: baselinePath)
        return Baseline(entries: diagnostics.map(keyer.entry))
    }

    /// The findings that are not in the baseline, in their order, and how many were matched.
    public func filter(_ diagnostics: [Diagnostic], sources: [String: SourceFile],
                       baselinePath: String) -> (new: [Diagnostic], matched: Int) {
        var remaining: [[String]: Int] = [:]
        for entry in entries { remaining[entry.key, default: 0] += 1 }
        let keyer = Keyer(sources: sources, baselinePath: baselinePath)
        var new: [Diagnostic] = []
        var matched = 0
        for diagnostic in diagnostics {
            let key = keyer.entry(diagnostic).key
            if let n = remaining[key], n > 0 {
                remaining[key] = n - 1
                matched += 1
            } else {
                new.append(diagnostic)
            }
        }
        return (new, matched)
    }

    /// The file's text: `{"version": 1, "tool": "schemalint", "findings": [...]}`, two-space indented.
    public func rendered() -> String {
        JSONValue.object([
            ("version", .int(Self.formatVersion)),
            ("tool", .string("schemalint")),
            ("findings", .array(entries.map { e in
                .object([("rule", .string(e.rule)), ("file", .string(e.file)), ("object", e.object.json),
                         ("message", .string(e.message)), ("statement", .string(e.statement))])
            })),
        ]).rendered() + "\n"
    }

    public static func read(path: String) throws -> Baseline {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ReadError(path: path, reason: FileManager.default.fileExists(atPath: path)
                ? "cannot read baseline file" : "no such baseline file (create it with --write-baseline)")
        }
        guard let root = JSONValue.parse(data), case .object = root else {
            throw ReadError(path: path, reason: "not a schemalint baseline (expected a JSON object)")
        }
        guard case .int(let version) = root["version"] else {
            throw ReadError(path: path, reason: "not a schemalint baseline (no \"version\")")
        }
        guard version == formatVersion else {
            throw ReadError(path: path, reason: "baseline version \(version) is not supported (this schemalint reads version \(formatVersion))")
        }
        guard case .array(let findings) = root["findings"],
              findings.allSatisfy({ if case .object = $0 { true } else { false } }) else {
            throw ReadError(path: path, reason: "\"findings\" must be an array of objects")
        }
        func string(_ value: JSONValue?) -> String? { if case .string(let s) = value { s } else { nil } }
        var entries: [Entry] = []
        for (i, f) in findings.enumerated() {
            guard let rule = string(f["rule"]), let file = string(f["file"]), let message = string(f["message"]),
                  let statement = string(f["statement"]) else {
                throw ReadError(path: path, reason: "finding \(i + 1) needs string \"rule\", \"file\", \"message\" and \"statement\"")
            }
            entries.append(Entry(rule: rule, file: file, object: string(f["object"]), message: message, statement: statement))
        }
        return Baseline(entries: entries)
    }

    /// Turns diagnostics into entries: relative path and statement fingerprint.
    private struct Keyer {
        var sources: [String: SourceFile]
        var directory: String
        let fingerprinter = StatementFingerprinter()

        init(sources: [String: SourceFile], baselinePath: String) {
            self.sources = sources
            directory = Paths.folder(Paths.absolute(baselinePath))
        }

        func entry(_ d: Diagnostic) -> Entry {
            let statement = sources[d.file].map { fingerprinter.fingerprint(of: d, in: $0) } ?? ""
            return Entry(rule: d.rule, file: Paths.relative(d.file, to: directory), object: d.object, message: d.message,
                         statement: statement)
        }
    }
}

extension LintResult {
    /// The result without the findings the baseline accepts (suppressed findings are kept as they are), and how
    /// many were matched.
    public func removing(_ baseline: Baseline, sources: [String: SourceFile],
                         baselinePath: String) -> (result: LintResult, matched: Int) {
        let active = all.filter { $0.suppression == nil }
        let (new, matched) = baseline.filter(active, sources: sources, baselinePath: baselinePath)
        // `filter` keeps order; walk `all` to drop the matched ones and keep run order.
        var kept = new[...]
        var result = self
        result.all = all.filter { d in
            if d.suppression != nil { return true }
            if let next = kept.first, next == d { kept = kept.dropFirst(); return true }
            return false
        }
        result.diagnostics = result.all.filter { $0.suppression == nil }
        return (result, matched)
    }
}
