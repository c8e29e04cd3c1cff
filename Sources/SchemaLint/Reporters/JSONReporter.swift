/// The stable machine-readable format. Fields may be added, never renamed.
public struct JSONReporter: Reporter {
    public init() {}

    public func render(_ report: Report) -> String {
        let diagnostics = report.diagnostics.map { d -> JSONValue in
            .object([
                ("rule", .string(d.rule)), ("severity", .string(d.severity.rawValue)), ("message", .string(d.message)),
                ("help", d.help.json), ("suggestion", d.suggestion.json), ("file", .string(d.file)),
                ("line", .int(d.start.line)), ("column", .int(d.start.column)),
                ("endLine", .int(d.end.line)), ("endColumn", .int(d.end.column)),
                ("object", d.object.json),
                // Only --include-suppressed reports silenced findings: then {"reason": string or null}.
                ("suppression", d.suppression.map { .object([("reason", $0.reason.json)]) } ?? .null),
            ])
        }
        let document = JSONValue.object([
            ("tool", .object([("name", .string("schemalint")), ("version", .string(SchemaLintVersion.current))])),
            ("diagnostics", .array(diagnostics)),
            ("summary", .object([
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
            ])),
        ])
        return document.rendered() + "\n"
    }
}
