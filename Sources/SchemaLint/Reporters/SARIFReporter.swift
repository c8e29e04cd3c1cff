/// SARIF 2.1.0 for GitHub code scanning and other SARIF viewers: one run, the whole rule catalogue, one
/// result per finding with a line-independent fingerprint.
public struct SARIFReporter: Reporter {
    public static let informationURI = "https://github.com/schemalint/schemalint"

    public init() {}

    public func render(_ report: Report) -> String { reportDocument(report).renderedLine() }
    public func renderUTF8(_ report: Report) -> [UInt8] { reportDocument(report).renderedLineUTF8() }

    private func reportDocument(_ report: Report) -> JSONValue {
        let catalogue = report.catalogue
        let ruleIndex = Dictionary(catalogue.enumerated().map { ($1.metadata.id, $0) }, uniquingKeysWith: { a, _ in a })
        let rules = catalogue.map { rule -> JSONValue in
            let m = rule.metadata
            return .object([
                ("id", .string(m.id)),
                ("name", .string(Self.pascalCase(m.id))),
                ("shortDescription", .object([("text", .string(m.summary))])),
                ("fullDescription", .object([("text", .string(Self.limited(m.rationale, to: 1024)))])),
                ("helpUri", .string(RuleDocumentation.pageURL(for: m.id))),
                ("help", .object([("text", .string(m.rationale)), ("markdown", .string(RuleDocumentation.page(for: rule)))])),
                ("defaultConfiguration", .object([("level", .string(Self.level(m.defaultSeverity)))])),
                ("properties", .object([("tags", .array([.string(m.category.rawValue)]))])),
            ])
        }
        let results = report.diagnostics.map { d -> JSONValue in
            var members: [(String, JSONValue)] = [("ruleId", .string(d.rule))]
            if let index = ruleIndex[d.rule] { members.append(("ruleIndex", .int(index))) }
            members += [
                ("level", .string(Self.level(d.severity))),
                ("message", .object([("text", .string(d.message + (d.help.map { " " + $0 } ?? "")))])),
                ("locations", .array([.object(location(d, live: report.isLive(d)))])),
                ("partialFingerprints", .object([("schemalint/v1", .string(d.fingerprint))])),
            ]
            if report.isLive(d) { members.append(("properties", .object([("database", .string(d.file))]))) }
            if let edit = d.suggestionEdit, !report.isLive(d) {
                let region: JSONValue = .object([
                    ("startLine", .int(edit.start.line)), ("startColumn", .int(edit.start.column)),
                    ("endLine", .int(edit.end.line)), ("endColumn", .int(edit.end.column)),
                ])
                let description = (edit.replacesStatement ? "Replace the statement with: " : "Add after the statement: ")
                    + (d.suggestion ?? edit.text)
                members.append(("fixes", .array([.object([
                    ("description", .object([("text", .string(description))])),
                    ("artifactChanges", .array([.object([
                        ("artifactLocation", .object([("uri", .string(Self.uri(d.file)))])),
                        ("replacements", .array([.object([
                            ("deletedRegion", region),
                            ("insertedContent", .object([("text", .string(edit.text))])),
                        ])])),
                    ])])),
                ])])))
            }
            if report.includeSuppressed {
                members.append(("suppressions", .array(d.suppression.map { s in
                    [.object([("kind", .string("inSource")), ("justification", .string(s.reason ?? ""))])]
                } ?? [])))
            }
            return .object(members)
        }
        let document = JSONValue.object([
            ("$schema", .string("https://json.schemastore.org/sarif-2.1.0.json")),
            ("version", .string("2.1.0")),
            ("runs", .array([.object([
                ("tool", .object([("driver", .object([
                    ("name", .string("schemalint")), ("version", .string(SchemaLintVersion.current)),
                    ("semanticVersion", .string(SchemaLintVersion.current)),
                    ("informationUri", .string(Self.informationURI)), ("rules", .array(rules)),
                ]))])),
                ("invocations", .array([.object(invocation(report))])),
                ("columnKind", .string("unicodeCodePoints")),
                ("results", .array(results)),
            ])])),
        ])
        return document
    }

    /// A file's finding: its physical location, and the object as a logical one. A live database's finding has no
    /// file to point into: only the logical location (the object, or the database when it names none).
    private func location(_ d: Diagnostic, live: Bool) -> [(String, JSONValue)] {
        if live {
            return [("logicalLocations", .array([.object([
                ("fullyQualifiedName", .string(d.object ?? d.file)), ("kind", .string("resource")),
            ])]))]
        }
        return [("physicalLocation", .object([
            ("artifactLocation", .object([("uri", .string(Self.uri(d.file)))])),
            ("region", Self.region(d.start, d.end)),
        ]))] + (d.object.map { [("logicalLocations", .array([.object([("fullyQualifiedName", .string($0))])]))] } ?? [])
    }

    /// The run succeeded; statements it could not parse are a notification, and counted in the property bag.
    private func invocation(_ report: Report) -> [(String, JSONValue)] {
        var members: [(String, JSONValue)] = [("executionSuccessful", .bool(true))]
        if let note = report.unparsedNote {
            members.append(("toolExecutionNotifications", .array([.object([
                ("level", .string("warning")), ("message", .object([("text", .string(note))])),
            ])])))
        }
        members.append(("properties", .object([("unparsedStatements", .int(report.unparsed))])))
        return members
    }

    static func level(_ severity: Severity) -> String {
        switch severity { case .error: "error"; case .warning: "warning"; case .info: "note" }
    }

    static func region(_ start: SourcePosition, _ end: SourcePosition) -> JSONValue {
        // An empty span still needs a valid region: make it one character wide.
        let endColumn = (end.line == start.line && end.column <= start.column) ? start.column + 1 : end.column
        return .object([("startLine", .int(start.line)), ("startColumn", .int(start.column)),
                        ("endLine", .int(max(end.line, start.line))), ("endColumn", .int(endColumn))])
    }

    /// A repository-relative URI: the path as given, without `./`, with URI escaping of spaces and `%`.
    static func uri(_ path: String) -> String {
        var p = path
        while p.hasPrefix("./") { p.removeFirst(2) }
        return p.replacing("%", with: "%25").replacing(" ", with: "%20")
    }

    /// GitHub code scanning documents a 1,024-character limit for `fullDescription`; the whole rationale stays in
    /// `help`. Cut at a word boundary, with an ellipsis.
    static func limited(_ text: String, to limit: Int) -> String {
        guard text.count > limit else { return text }
        let head = text.prefix(limit - 1)
        let cut = head.lastIndex(of: " ").map { head[..<$0] } ?? head
        return cut + "…"
    }

    static func pascalCase(_ id: String) -> String {
        id.split(separator: "-").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }
}
