extension TableConstraint {
    /// The name PostgreSQL gives it: as written, or generated (`walk_dog_id_fkey`, `walk_pkey`, …).
    public func effectiveName(on table: QualifiedName) -> String {
        if let name { return name }
        if let generatedName { return generatedName }
        let suffix: String
        switch kind {
        case .primaryKey: return GeneratedName.make(table.name, nil, label: "pkey")
        case .unique: suffix = "key"
        case .foreignKey: suffix = "fkey"
        case .check: suffix = "check"
        case .exclusion: suffix = "excl"
        }
        let named = kind == .check && columns.count != 1 ? [] : columns
        return GeneratedName.make(table.name, named.isEmpty ? nil : named.joined(separator: "_"), label: suffix)
    }
}

extension QualifiedName {
    /// `"walk.scheduled_at"`: how messages name a column.
    public func column(_ column: String) -> String { "\"\(description).\(column)\"" }
    public var quoted: String { "\"\(description)\"" }
}

/// Splits an identifier into its snake_case words: `total_price_cents` → [total, price, cents].
func words(of identifier: String) -> [String] {
    identifier.lowercased().split(separator: "_").map(String.init)
}
