/// What hovering over a finding shows: each rule's summary, rationale, and a flagged and an accepted example.
enum RuleHover {
    static func markdown(rules ids: [String]) -> String {
        var seen = Set<String>()
        return ids.filter { seen.insert($0).inserted }.compactMap(RuleRegistry.rule(id:)).map { markdown(for: $0.metadata) }
            .joined(separator: "\n\n---\n\n")
    }

    static func markdown(for m: RuleMetadata) -> String {
        var text = "**\(m.id)** (\(m.category.rawValue), \(m.defaultSeverity.rawValue)): \(m.summary)\n\n\(m.rationale)\n"
        if let bad = m.bad.first { text += "\nFlagged:\n\n" + sql(bad) }
        if let good = m.good.first { text += "\nNot flagged:\n\n" + sql(good) }
        return text + "\n[\(m.id) rule page](\(RuleDocumentation.pageURL(for: m.id)))"
    }

    private static func sql(_ example: RuleExample) -> String {
        let before = example.before.map { "-- after an earlier migration:\n" + MarkedSQL($0).text + "\n" } ?? ""
        return "```sql\n" + before + MarkedSQL(example.sql).text + "\n```\n"
    }
}
