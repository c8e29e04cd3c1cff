/// `explain_rule`: a rule's page (what it flags and why, its options, flagged and accepted examples).
public enum ExplainRuleTool: AgentTool {
    public static let name = "explain_rule"
    public static let summary = "Explain a schemalint rule: what it flags and why, its options, and SQL it flags and accepts."
    static let rule = ToolParameter("rule", .string, "A rule id, as findings and list_rules give it (e.g. fk-without-index).", required: true)
    public static let parameters = [rule]

    public static func call(_ arguments: ToolArguments, in workspace: AgentWorkspace) throws -> ToolResult {
        let id = arguments.string(rule.name) ?? ""
        guard let type = RuleRegistry.rule(id: id) else {
            throw ToolError("unknown rule `\(id)`" + (nearest(id).map { " (did you mean \($0)?)" } ?? "")
                            + "; list_rules gives every id")
        }
        let page = RuleDocumentation.page(for: type)
        guard case .object(let members) = RuleCatalogueJSON.rule(type) else { return ToolResult(text: page) }
        return ToolResult(text: page, structured: .object(members + [("url", .string(RuleDocumentation.pageURL(for: id))),
                                                                     ("page", .string(page))]))
    }

    /// The ids (up to three) that share the most words with the one asked for: `fk-index` gives fk-without-index.
    static func nearest(_ id: String) -> String? {
        let words = Set(id.lowercased().split { !$0.isLetter && !$0.isNumber }.map(String.init))
        guard !words.isEmpty else { return nil }
        let scored = RuleRegistry.all.map { $0.metadata.id }.map { candidate in
            (candidate, words.intersection(candidate.split(separator: "-").map(String.init)).count)
        }.filter { $0.1 > 0 }
        let best = scored.map(\.1).max() ?? 0
        let near = scored.filter { $0.1 == best }.map(\.0).prefix(3)
        return near.isEmpty ? nil : near.joined(separator: ", ")
    }
}
