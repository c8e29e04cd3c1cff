/// Human output: `file:line:col: severity[rule] message`, the source line with the span underlined,
/// the help line, then a summary.
public struct TextReporter: Reporter {
    public var color: Bool

    public init(color: Bool) { self.color = color }

    public func render(_ report: Report) -> String {
        var out = ""
        for d in report.diagnostics {
            let live = report.isLive(d)
            out += paint(live ? "\(d.file):" : "\(d.file):\(d.start.line):\(d.start.column):", .bold) + " "
                + paint("\(d.severity.rawValue)[\(d.rule)]", style(d.severity)) + " " + d.message + "\n"
            if live {
                out += definition(d, in: report)
            } else if let file = report.sources[d.file] {
                out += excerpt(d, in: file)
            }
            if let help = d.help { out += "  " + paint("help:", .cyan) + " " + help + "\n" }
            if let suggestion = d.suggestion {
                out += "  " + paint("suggestion:", .green) + " "
                    + suggestion.replacing("\n", with: "\n              ") + "\n"
            }
            out += "\n"
        }
        out += summary(report) + (report.unparsedNote.map { " " + $0 } ?? "") + "\n"
        return out
    }

    /// The first line of the span, with carets under it (tabs kept so the carets line up).
    private func excerpt(_ d: Diagnostic, in file: SourceFile) -> String {
        let line = file.lineText(d.start.line)
        let scalars = Array(line.unicodeScalars)
        let startIndex = min(d.start.column - 1, scalars.count)
        let endColumn = d.end.line == d.start.line ? d.end.column : scalars.count + 1
        let width = max(1, min(endColumn - 1, scalars.count) - startIndex)
        let gutter = String(d.start.line)
        let pad = String(repeating: " ", count: gutter.count)
        let lead = String(String.UnicodeScalarView(scalars[..<startIndex].map { $0 == "\t" ? "\t" : " " }))
        return "  \(gutter) | \(line)\n  \(pad) | \(lead)" + paint(String(repeating: "^", count: width), style(d.severity)) + "\n"
    }

    /// A live finding's object and its DDL as pg_dump wrote it: the whole statement up to 12 lines, else its first
    /// line, the lines around the finding, and its last line. `>` marks the line the finding is on.
    private func definition(_ d: Diagnostic, in report: Report) -> String {
        var out = d.object.map { "  in \($0):\n" } ?? ""
        guard let (lines, focus) = report.definition(of: d) else { return out }
        var shown = Array(lines.indices)
        if lines.count > 12 {
            shown = [0] + Array(max(1, focus - 1)...min(lines.count - 2, focus + 1)) + [lines.count - 1]
        }
        var previous = -1
        for i in shown where i > previous {
            if i > previous + 1 { out += "    | …\n" }
            out += (i == focus ? "  > | " : "    | ") + lines[i] + "\n"
            previous = i
        }
        return out
    }

    private func summary(_ report: Report) -> String {
        // A live schema linted alone is no file: `in the database (1200 statements)`.
        let liveOnly = !report.liveSchemas.isEmpty && report.sources.keys.allSatisfy(report.liveSchemas.contains)
        let files = liveOnly ? "the database" : "\(report.files) file\(report.files == 1 ? "" : "s")"
        let statements = "\(report.statements) statement\(report.statements == 1 ? "" : "s")"
        if report.diagnostics.isEmpty {
            return paint("No problems found", .green) + " in \(files) (\(statements))." + layout(report) + embedded(report)
        }
        let n = report.diagnostics.count
        return paint("Found \(n) problem\(n == 1 ? "" : "s")", .bold)
            + " (\(plural(report.count(.error), "error")), \(plural(report.count(.warning), "warning")), \(report.count(.info)) info)"
            + " in \(files) (\(statements))." + layout(report) + embedded(report)
    }

    /// ` Read 2 DO blocks and 3 function bodies: 9 statements inside; 1 EXECUTE not analysed.`; nothing without any.
    private func embedded(_ report: Report) -> String {
        let e = report.embedded
        guard e.doBlocks + e.functionBodies > 0 else { return "" }
        var parts = [e.doBlocks > 0 ? plural(e.doBlocks, "DO block") : nil,
                     e.functionBodies == 1 ? "1 function body" : e.functionBodies > 1 ? "\(e.functionBodies) function bodies" : nil]
            .compactMap { $0 }.joined(separator: " and ")
        parts = " Read \(parts): \(plural(e.statements, "statement")) inside"
        if e.dynamicSQL > 0 { parts += "; \(e.dynamicSQL) EXECUTE not analysed" }
        if e.unplaced > 0 { parts += "; \(e.unplaced) with INTO not linted" }
        if e.unchecked > 0 { parts += "; \(e.unchecked) whose check needs the catalog not checked" }
        return parts + "."
    }

    /// ` Layout: goose; 42 down sections set aside.`; nothing for a plain run that set nothing aside.
    private func layout(_ report: Report) -> String {
        if report.layout == MigrationLayout.plain.rawValue, report.setAside.total == 0 { return "" }
        var text = " Layout: \(report.layout)"
        let linted = report.rollbacksLinted ? report.setAside.description(rollbacks: true) : ""
        let notLinted = report.setAside.description(rollbacks: report.rollbacksLinted ? false : nil)
        if !linted.isEmpty { text += "; \(linted) linted separately" }
        if !notLinted.isEmpty { text += "; \(notLinted) set aside, not linted" }
        return text + "."
    }

    private func plural(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }

    enum Style: String { case bold = "1", red = "31", yellow = "33", blue = "34", cyan = "36", green = "32" }

    private func style(_ severity: Severity) -> Style {
        switch severity { case .error: .red; case .warning: .yellow; case .info: .blue }
    }

    private func paint(_ text: String, _ style: Style) -> String {
        color ? "\u{1B}[\(style.rawValue)m\(text)\u{1B}[0m" : text
    }
}
