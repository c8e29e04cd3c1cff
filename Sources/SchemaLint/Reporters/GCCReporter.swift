/// One line per finding, `file:line:col: severity: message [rule]`, for editors and grep.
public struct GCCReporter: Reporter {
    public init() {}

    public func render(_ report: Report) -> String {
        report.diagnostics.map {
            // A live database's finding has no line: the URL, then the object.
            let place = report.isLive($0) ? "\($0.file):\($0.object.map { " \($0):" } ?? "")" : "\($0.file):\($0.start.line):\($0.start.column):"
            return "\(place) \($0.severity.rawValue): \($0.message) [\($0.rule)]\n"
        }.joined()
    }
}
