/// `list_rules`: the rule catalogue, as `schemalint rules --format json` gives it.
public enum ListRulesTool: AgentTool {
    public static let name = "list_rules"
    public static let summary = "List schemalint's rules: id, category, default severity, on by default, fix safety and summary."
    static let category = ToolParameter(
        "category", .string,
        "Only this category's rules: \(RuleCategory.allCases.map(\.rawValue).joined(separator: ", ")).")
    public static let parameters = [category]

    public static func call(_ arguments: ToolArguments, in workspace: AgentWorkspace) throws -> ToolResult {
        var rules = RuleRegistry.all
        if let name = arguments.string(category.name) {
            guard let wanted = RuleCategory(rawValue: name) else {
                throw ToolError("unknown category `\(name)` (expected one of: \(RuleCategory.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            rules = rules.filter { $0.metadata.category == wanted }
        }
        let text = rules.map { type -> String in
            let m = type.metadata
            return "\(m.id) (\(m.category.rawValue), \(m.defaultSeverity.rawValue), \(m.enabledByDefault ? "on" : "off") by default"
                + (m.fix.map { ", \($0.safety.rawValue) fix" } ?? "") + "): \(m.summary)"
        }.joined(separator: "\n")
        return ToolResult(text: text, structured: .object([("rules", .array(rules.map(RuleCatalogueJSON.rule)))]))
    }
}
