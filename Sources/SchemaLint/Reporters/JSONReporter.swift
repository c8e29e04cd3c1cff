/// The stable machine-readable format. Fields may be added, never renamed.
public struct JSONReporter: Reporter {
    public init() {}

    public func render(_ report: Report) -> String { String(decoding: renderUTF8(report), as: UTF8.self) }

    /// The document's bytes, each finding written straight out (no `JSONValue` per finding): the same bytes as
    /// `document(report).renderedLineUTF8()`, which a test checks.
    public func renderUTF8(_ report: Report) -> [UInt8] {
        ByteWriter.collect(capacity: 1024 + report.diagnostics.count * 700) { Self.write(report, into: &$0) }
    }

    public func writeUTF8(_ report: Report, to write: @escaping (UnsafeBufferPointer<UInt8>) -> Void) {
        var out = ByteWriter(capacity: 1 << 20, spill: write)
        Self.write(report, into: &out)
        out.finish()
    }

    private static func write(_ report: Report, into out: inout ByteWriter) {
        JSONObjectStream.object(into: &out, indent: 0) { document(report, into: &$0) }
        out.append(UInt8(ascii: "\n"))
    }

    /// The whole report as a tree (the MCP server's structured result).
    public static func document(_ report: Report) -> JSONValue {
        var members = JSONMemberList()
        document(report, into: &members)
        return .object(members.members)
    }

    /// The report's members: the tool, the findings and the summary.
    static func document(_ report: Report, into out: inout some JSONObjectWriter) {
        out.member("tool", tool)
        out.objects("diagnostics", report.diagnostics) { d, finding in Self.finding(d, in: report, into: &finding) }
        out.member("summary", summary(report))
    }

    static let tool = JSONValue.object([("name", .string("schemalint")), ("version", .string(SchemaLintVersion.current))])

    /// One finding as the report lists it.
    public static func finding(_ d: Diagnostic, in report: Report) -> JSONValue {
        var members = JSONMemberList()
        finding(d, in: report, into: &members)
        return .object(members.members)
    }

    /// A finding's members, in order: the one place they are listed.
    static func finding(_ d: Diagnostic, in report: Report, into out: inout some JSONObjectWriter) {
        // A live database's finding has no file position: `file` is the URL (no password), lines are null,
        // `database` is true and `ddl` holds the statement pg_dump wrote for the object.
        let live = report.isLive(d)
        func position(_ n: Int) -> JSONValue { live ? .null : .int(n) }
        out.member("rule", .string(d.rule))
        out.member("severity", .string(d.severity.rawValue))
        out.member("message", .string(d.message))
        out.member("help", d.help.json)
        out.member("suggestion", d.suggestion.json)
        out.member("file", .string(d.file))
        out.member("line", position(d.start.line))
        out.member("column", position(d.start.column))
        out.member("endLine", position(d.end.line))
        out.member("endColumn", position(d.end.column))
        out.member("object", d.object.json)
        // Only --include-suppressed reports silenced findings: then {"reason": string or null}.
        out.member("suppression", d.suppression.map { .object([("reason", $0.reason.json)]) } ?? .null)
        // Only on live findings, so a file's report is unchanged.
        if live {
            out.member("database", .bool(true))
            out.member("ddl", report.definition(of: d).map { .string($0.lines.joined(separator: "\n")) } ?? .null)
        }
    }

    static func summary(_ report: Report) -> JSONValue {
        .object([
            ("files", .int(report.files)), ("statements", .int(report.statements)), ("unparsed", .int(report.unparsed)),
            ("diagnostics", .int(report.diagnostics.count)),
            ("errors", .int(report.count(.error))), ("warnings", .int(report.count(.warning))),
            ("layout", .string(report.layout)), ("setAside", .int(report.setAside.total)),
            // Code inside DO blocks and function bodies; dynamicSQL counts the EXECUTEs not analysed.
            ("embedded", .object([
                ("doBlocks", .int(report.embedded.doBlocks)), ("functionBodies", .int(report.embedded.functionBodies)),
                ("statements", .int(report.embedded.statements)), ("dynamicSQL", .int(report.embedded.dynamicSQL)),
                ("unparsable", .int(report.embedded.unparsable)), ("notLinted", .int(report.embedded.unplaced)),
                ("notChecked", .int(report.embedded.unchecked)),
            ])),
        ])
    }
}
