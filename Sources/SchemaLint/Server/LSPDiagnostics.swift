/// A finding as an LSP `Diagnostic`: the rule id as its code, the rule's page as its code description.
enum LSPDiagnostics {
    static func diagnostic(_ d: Diagnostic, _ positions: LSPPositions) -> JSONValue {
        .object([
            ("range", positions.range(d.byteRange)),
            ("severity", .int(severity(d.severity))),
            ("code", .string(d.rule)),
            ("codeDescription", .object([("href", .string(RuleDocumentation.pageURL(for: d.rule)))])),
            ("source", .string("schemalint")),
            ("message", .string(d.message + (d.help.map { "\n" + $0 } ?? ""))),
        ])
    }

    /// LSP's DiagnosticSeverity: 1 error, 2 warning, 3 information.
    static func severity(_ severity: Severity) -> Int {
        switch severity {
        case .error: 1
        case .warning: 2
        case .info: 3
        }
    }

    static func publish(uri: String, version: Int?, _ diagnostics: [JSONValue]) -> JSONValue {
        var params: [(String, JSONValue)] = [("uri", .string(uri))]
        if let version { params.append(("version", .int(version))) }
        params.append(("diagnostics", .array(diagnostics)))
        return JSONRPC.notification("textDocument/publishDiagnostics", .object(params))
    }
}
