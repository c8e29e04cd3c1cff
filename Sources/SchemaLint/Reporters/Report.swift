/// What a reporter is given: the findings of a run, its counts, and the files (to quote source lines).
public struct Report: Sendable {
    public var diagnostics: [Diagnostic]
    public var files: Int
    public var statements: Int
    /// Source lines for quoting, by path.
    public var sources: [String: SourceFile]

    public init(result: LintResult, sources: [SourceFile]) {
        diagnostics = result.diagnostics
        files = result.files
        statements = result.statements
        self.sources = Dictionary(sources.map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
    }

    public func count(_ severity: Severity) -> Int { diagnostics.filter { $0.severity == severity }.count }
}

public enum OutputFormat: String, CaseIterable, Sendable {
    case text, json
}

public protocol Reporter {
    func render(_ report: Report) -> String
}

public enum SchemaLintVersion {
    public static let current = "0.1.0"
}
