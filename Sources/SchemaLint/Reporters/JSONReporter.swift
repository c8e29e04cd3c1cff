import Foundation

/// The stable machine-readable format. Fields may be added, never renamed.
public struct JSONReporter: Reporter {
    public init() {}

    struct Document: Encodable {
        struct Tool: Encodable { var name: String; var version: String }
        struct Item: Encodable {
            var rule: String, severity: Severity, message: String, help: String?, file: String
            var line: Int, column: Int, endLine: Int, endColumn: Int
        }
        struct Summary: Encodable { var files: Int, statements: Int, diagnostics: Int, errors: Int, warnings: Int }
        var tool: Tool
        var diagnostics: [Item]
        var summary: Summary
    }

    public func render(_ report: Report) -> String {
        let document = Document(
            tool: .init(name: "schemalint", version: SchemaLintVersion.current),
            diagnostics: report.diagnostics.map {
                .init(rule: $0.rule, severity: $0.severity, message: $0.message, help: $0.help, file: $0.file,
                      line: $0.start.line, column: $0.start.column, endLine: $0.end.line, endColumn: $0.end.column)
            },
            summary: .init(files: report.files, statements: report.statements, diagnostics: report.diagnostics.count,
                           errors: report.count(.error), warnings: report.count(.warning)))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .withoutEscapingSlashes]
        // Encoding plain structs of strings and integers cannot fail.
        let data = (try? encoder.encode(document)) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
