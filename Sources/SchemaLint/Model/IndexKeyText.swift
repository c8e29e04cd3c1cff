extension Statement {
    /// One index key as text for comparing indexes: the column (or the expression as written), then collation,
    /// operator class and any non-default order, so `a ASC NULLS LAST` and `a` compare equal.
    func indexKeyText(_ elem: IndexElement, range: Range<Int>) -> String {
        guard let column = elem.column, !column.isEmpty else {
            // An expression: its text as written, normalised (order words included).
            return range == contentRange ? "expr" : normalizedText(range)
        }
        var text = column
        if !elem.collation.isEmpty { text += " collate " + elem.collation.joined(separator: ".") }
        if !elem.operatorClass.isEmpty { text += " " + elem.operatorClass.joined(separator: ".").lowercased() }
        let descending = elem.ordering == .descending
        if descending { text += " desc" }
        switch elem.nullsOrdering {
        case .first where !descending: text += " nulls first"
        case .last where descending: text += " nulls last"
        default: break
        }
        return text
    }
}
