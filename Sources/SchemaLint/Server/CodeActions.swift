/// Quick fixes for a document's findings: the rule's suggestion applied, and a suppression comment above the
/// statement. Both are `WorkspaceEdit`s on the document.
enum CodeActions {
    /// What the suppression comment says after `--` until the user writes the real reason.
    static let reasonPlaceholder = "TODO: why this is safe here"

    /// The actions for the findings whose range meets `range` (a cursor touching a finding counts).
    static func actions(uri: String, lint: DocumentLint, range: Range<Int>, _ positions: LSPPositions) -> [JSONValue] {
        var actions: [JSONValue] = []
        for d in lint.diagnostics where d.byteRange.lowerBound <= range.upperBound && range.lowerBound <= d.byteRange.upperBound {
            let diagnostic = LSPDiagnostics.diagnostic(d, positions)
            if let edit = d.suggestionEdit {
                actions.append(action("Apply the suggested fix for \(d.rule)", uri: uri, diagnostic: diagnostic, preferred: true,
                                      edit: textEdit(edit.byteRange, edit.text, positions)))
            }
            let (at, text) = suppression(of: d, in: lint.file)
            actions.append(action("Suppress \(d.rule) for this statement", uri: uri, diagnostic: diagnostic, preferred: false,
                                  edit: textEdit(at..<at, text, positions)))
        }
        return actions
    }

    /// Where the `-- schemalint-ignore <rule> -- <reason>` line goes and its text: above the statement's first line,
    /// indented as it is, so the comment belongs to the statement (Suppressions.swift); when the statement starts
    /// after other code on its line, at the statement's start, which the comment then pushes onto a line of its own.
    static func suppression(of d: Diagnostic, in file: SourceFile) -> (at: Int, text: String) {
        let start = min(d.statementRange?.lowerBound ?? d.byteRange.lowerBound, file.bytes.count)
        var lineStart = start
        while lineStart > 0, file.bytes[lineStart - 1] != UInt8(ascii: "\n") { lineStart -= 1 }
        let before = file.bytes[lineStart..<start]
        let comment = "-- \(SuppressionDirective.marker) \(d.rule) -- \(reasonPlaceholder)\n"
        guard before.allSatisfy({ $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }) else { return (start, comment) }
        return (lineStart, String(decoding: before, as: UTF8.self) + comment)
    }

    private static func textEdit(_ range: Range<Int>, _ text: String, _ positions: LSPPositions) -> JSONValue {
        .object([("range", positions.range(range)), ("newText", .string(text))])
    }

    private static func action(_ title: String, uri: String, diagnostic: JSONValue, preferred: Bool, edit: JSONValue) -> JSONValue {
        .object([
            ("title", .string(title)),
            ("kind", .string("quickfix")),
            ("diagnostics", .array([diagnostic])),
            ("isPreferred", .bool(preferred)),
            ("edit", .object([("changes", .object([(uri, .array([edit]))]))])),
        ])
    }
}
