/// The stable machine-readable format. Fields may be added, never renamed.
public struct JSONReporter: Reporter {
    public init() {}

    public func render(_ report: Report) -> String { Self.document(report).renderedLine() }
    public func renderUTF8(_ report: Report) -> [UInt8] { Self.document(report).renderedLineUTF8() }

    /// The whole report: the tool, the findings and the summary.
    public static func document(_ report: Report) -> JSONValue {
        .object([
            ("tool", .object([("name", .string("schemalint")), ("version", .string(SchemaLintVersion.current))])),
            ("diagnostics", .array(report.diagnostics.map { finding($0, in: report) })),
            ("summary", summary(report)),
        ])
    }

    /// One finding as the report lists it.
    public static func finding(_ d: Diagnostic, in report: Report) -> JSONValue {
        // A live database's finding has no file position: `file` is the URL (no password), lines are null,
        // `database` is true and `ddl` holds the statement pg_dump wrote for the object.
        let live = report.isLive(d)
        func position(_ n: Int) -> JSONValue { live ? .null : .int(n) }
        var members: [(String, JSONValue)] = [
            ("rule", .string(d.rule)), ("severity", .string(d.severity.rawValue)), ("message", .string(d.message)),
            ("help", d.help.json), ("suggestion", d.suggestion.json), ("file", .string(d.file)),
            ("line", position(d.start.line)), ("column", position(d.start.column)),
            ("endLine", position(d.end.line)), ("endColumn", position(d.end.column)),
            ("object", d.object.json),
            // Only --include-suppressed reports silenced findings: then {"reason": string or null}.
            ("suppression", d.suppression.map { .object([("reason", $0.reason.json)]) } ?? .null),
        ]
        // Only on live findings, so a file's report is unchanged.
        if live {
            members += [("database", .bool(true)),
                        ("ddl", report.definition(of: d).map { .string($0.lines.joined(separator: "\n")) } ?? .null)]
        }
        return .object(members)
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
