/// `--fix` over a run: lint, make every applicable edit that does not overlap another, lint the result again, and
/// repeat until no applicable fix is left (or `maxRounds`, for fixes that keep offering new edits). A finding whose
/// edit was made once is not made again, so a fix that does not take its finding away cannot grow the file.
public struct FixRounds {
    public var fixer: Fixer
    public var maxRounds: Int

    public init(fixer: Fixer, maxRounds: Int = 10) {
        self.fixer = fixer
        self.maxRounds = maxRounds
    }

    /// What the rounds did.
    public struct Outcome {
        /// The new bytes of every file an edit changed, by the path its findings carry.
        public var fixedFiles: [String: [UInt8]]
        /// The findings whose edit was made and that the last lint no longer reports.
        public var fixed: [Diagnostic]
        /// The last lint: what remains after the fixes.
        public var remaining: LintResult
        /// Findings that remain with an unsafe fix `--unsafe-fixes` would apply.
        public var unsafeLeft: Int
        public var rounds: Int
    }

    /// `original(path)` gives a file's bytes as read; `lint(overlay)` lints the run with the files in `overlay`
    /// replacing those on disk. Only files `canFix` accepts are edited (not those of `--context` or unchanged ones).
    public func run(original: (String) -> [UInt8]?, canFix: (String) -> Bool = { _ in true },
                    lint: ([String: [UInt8]]) throws -> LintResult) rethrows -> Outcome {
        var overlay: [String: [UInt8]] = [:], made: [Diagnostic] = [], madeKeys = Set<String>()
        var result = try lint(overlay), rounds = 0
        while rounds < maxRounds {
            let pending = result.diagnostics.filter { fixer.applies($0) && canFix($0.file) && !madeKeys.contains(Self.key($0)) }
            guard !pending.isEmpty else { break }
            rounds += 1
            var progressed = false
            for (file, findings) in Dictionary(grouping: pending, by: \.file) {
                guard let bytes = overlay[file] ?? original(file) else { continue }
                let (fixed, applied) = Fixer.apply(findings, to: bytes)
                guard !applied.isEmpty else { continue }
                overlay[file] = fixed
                made += applied
                madeKeys.formUnion(applied.map(Self.key))
                progressed = true
            }
            guard progressed else { break }
            result = try lint(overlay)
        }
        let left = Set(result.diagnostics.map(Self.key))
        let unsafeLeft = fixer.unsafeFixes ? 0 : result.diagnostics.filter {
            Fixer(unsafeFixes: true).applies($0) && canFix($0.file)
        }.count
        let changed = overlay.filter { path, bytes in original(path) != bytes }
        return Outcome(fixedFiles: changed, fixed: made.filter { !left.contains(Self.key($0)) }, remaining: result,
                       unsafeLeft: unsafeLeft, rounds: rounds)
    }

    /// A finding across rounds, where its line moves: rule, file, object and message.
    static func key(_ d: Diagnostic) -> String { [d.rule, d.file, d.object ?? "", d.message].joined(separator: "\u{1F}") }
}
