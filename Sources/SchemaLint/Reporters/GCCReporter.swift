/// One line per finding, `file:line:col: severity: message [rule]`, for editors and grep.
public struct GCCReporter: Reporter {
    public init() {}

    public func render(_ report: Report) -> String {
        report.diagnostics.map {
            "\($0.file):\($0.start.line):\($0.start.column): \($0.severity.rawValue): \($0.message) [\($0.rule)]\n"
        }.joined()
    }
}
