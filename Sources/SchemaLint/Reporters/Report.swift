/// What a reporter is given: the findings of a run, its counts, and the files (to quote source lines).
public struct Report: Sendable {
    public var diagnostics: [Diagnostic]
    public var files: Int
    public var statements: Int
    /// Statements that did not parse, so were not analysed (see `LintResult.unparsed`).
    public var unparsed = 0
    /// DO blocks and function bodies read, and what they hold.
    public var embedded = EmbeddedCode()
    /// Source lines for quoting, by path.
    public var sources: [String: SourceFile]
    /// Every rule schemalint knows (SARIF lists them all).
    public var catalogue: [any Rule.Type]
    /// Suppressed findings are included (each with its `suppression`); SARIF then marks every result.
    public var includeSuppressed: Bool
    /// The migration layout recognised (`plain` when none was).
    public var layout = MigrationLayout.plain.rawValue
    /// Down, undo and revert code not replayed forward.
    public var setAside = SetAside()
    /// That code was linted on its own (`--lint-down`).
    public var rollbacksLinted = false
    /// Sources that are a live database's schema (`--database-url`, named by the URL without its password): their
    /// findings have no file position, so reporters name the object and show its DDL from the dump instead.
    public var liveSchemas: Set<String> = []

    /// The finding comes from a live database's schema, not a file.
    public func isLive(_ d: Diagnostic) -> Bool { !liveSchemas.isEmpty && liveSchemas.contains(d.file) }

    /// The lines of the statement a live finding is in, and the index of the line the finding points at.
    public func definition(of d: Diagnostic) -> (lines: [String], focus: Int)? {
        guard let file = sources[d.file] else { return nil }
        let range = d.statementRange ?? d.byteRange
        let startLine = file.position(ofByte: range.lowerBound).line
        let endLine = file.position(ofByte: max(range.lowerBound, range.upperBound - 1)).line
        let lines = (startLine...max(startLine, endLine)).map { file.lineText($0) }
        return (lines, min(max(d.start.line - startLine, 0), lines.count - 1))
    }

    /// A report of a run of migrations: its layout and what it set aside.
    public init(result: LintResult, run: MigrationRun, includeSuppressed: Bool = false) {
        self.init(result: result, sources: run.sources, includeSuppressed: includeSuppressed)
        layout = run.layoutName
        setAside = run.setAside
        rollbacksLinted = run.lintsRollbacks
    }

    public init(result: LintResult, sources: [SourceFile], includeSuppressed: Bool = false,
                catalogue: [any Rule.Type] = RuleRegistry.all) {
        diagnostics = includeSuppressed ? result.all : result.diagnostics
        self.includeSuppressed = includeSuppressed
        self.catalogue = catalogue
        files = result.files
        statements = result.statements
        unparsed = result.unparsed
        embedded = result.embedded
        self.sources = Dictionary(sources.map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// Counted in place, by index: filtering, or a closure over the elements, would copy every finding.
    public func count(_ severity: Severity) -> Int {
        var n = 0
        for i in diagnostics.indices where diagnostics[i].severity == severity { n += 1 }
        return n
    }

    /// What was skipped, in words, when something did not parse: the findings say nothing about it.
    public var unparsedNote: String? {
        guard unparsed > 0 else { return nil }
        return "\(unparsed) statement\(unparsed == 1 ? "" : "s") could not be analysed: "
            + "\(unparsed == 1 ? "it does" : "they do") not parse with the PostgreSQL 15 grammar schemalint uses (see syntax-error)."
    }
}

public enum OutputFormat: String, CaseIterable, Sendable {
    case text, json, sarif, github, gcc

    public func reporter(color: Bool) -> any Reporter {
        switch self {
        case .text: TextReporter(color: color)
        case .json: JSONReporter()
        case .sarif: SARIFReporter()
        case .github: GitHubReporter()
        case .gcc: GCCReporter()
        }
    }
}

public protocol Reporter {
    func render(_ report: Report) -> String
    /// `render` as UTF-8, what is written to standard output; reporters that build bytes skip the String.
    func renderUTF8(_ report: Report) -> [UInt8]
    /// `renderUTF8` handed to `write` in pieces as they are made (a report of 100,000 findings is never whole in
    /// memory); by default in one piece.
    func writeUTF8(_ report: Report, to write: @escaping (UnsafeBufferPointer<UInt8>) -> Void)
}

extension Reporter {
    public func renderUTF8(_ report: Report) -> [UInt8] { Array(render(report).utf8) }
    public func writeUTF8(_ report: Report, to write: @escaping (UnsafeBufferPointer<UInt8>) -> Void) {
        renderUTF8(report).withUnsafeBufferPointer(write)
    }
}
