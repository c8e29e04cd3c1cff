/// GitHub Actions workflow commands (annotations on the pull request), then the full text report:
/// GitHub shows only 10 annotations per step, so the log must carry everything.
public struct GitHubReporter: Reporter {
    public init() {}

    public func render(_ report: Report) -> String {
        var out = ""
        for d in report.diagnostics {
            let command = switch d.severity { case .error: "error"; case .warning: "warning"; case .info: "notice" }
            // A live database's finding is in no file of the repository: an annotation without a file, naming the object.
            let live = report.isLive(d)
            let properties = (live ? ["title=\(Self.property(d.rule))"] : [
                "file=\(Self.property(d.file))", "line=\(d.start.line)", "col=\(d.start.column)",
                "endLine=\(d.end.line)", "endColumn=\(d.end.column)", "title=\(Self.property(d.rule))",
            ]).joined(separator: ",")
            let message = (live ? "\(d.file) \(d.object ?? ""): " : "") + d.message + (d.help.map { "\n\($0)" } ?? "")
            out += "::\(command) \(properties)::\(Self.data(message))\n"
        }
        return out + TextReporter(color: false).render(report)
    }

    /// Escaping for the message part of a workflow command.
    static func data(_ s: String) -> String {
        s.replacing("%", with: "%25").replacing("\r", with: "%0D")
            .replacing("\n", with: "%0A")
    }

    /// Escaping for a property value (also `:` and `,`, which delimit properties).
    static func property(_ s: String) -> String {
        data(s).replacing(":", with: "%3A").replacing(",", with: "%2C")
    }
}
