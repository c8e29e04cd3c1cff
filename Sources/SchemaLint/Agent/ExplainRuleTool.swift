/// `explain_rule`: a rule's page (what it flags and why, its options, flagged and accepted examples).
public enum ExplainRuleTool: AgentTool {
    public static let name = "explain_rule"
    public static let summary = "Explain a schemalint rule: what it flags and why, its options, and SQL it flags and accepts."
    static let rule = ToolParameter("rule", .string, "A rule id, as findings and list_rules give it (e.g. fk-without-index).", required: true)
    public static let parameters = [rule]

    public static func call(_ arguments: ToolArguments, in workspace: AgentWorkspace) throws -> ToolResult {
        let id = arguments.string(rule.name) ?? ""
        guard let type = RuleRegistry.rule(id: id) else {
            let near = RuleRegistry.all.map { $0.metadata.id }.filter { $0.contains(id) || id.contains($0) }
            throw ToolError("unknown rule `\(id)`" + (near.isEmpty ? "" : " (did you mean \(near.prefix(3).joined(separator: ", "))?)")
                            + "; list_rules gives every id")
        }
        let page = RuleDocumentation.page(for: type)
        guard case .object(let members) = RuleCatalogueJSON.rule(type) else { return ToolResult(text: page) }
        return ToolResult(text: page, structured: .object(members + [("url", .string(RuleDocumentation.pageURL(for: id))),
                                                                     ("page", .string(page))]))
    }
}
