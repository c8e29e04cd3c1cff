/// Which rules run: the `recommended` preset, or `--select` (rule ids, categories, or the presets
/// `recommended`, `strict` = recommended + naming, `all`), minus `--ignore`.
public struct RuleSelection: Sendable {
    public var select: [String]
    public var ignore: [String]

    public init(select: [String] = [], ignore: [String] = []) {
        self.select = select
        self.ignore = ignore
    }

    public struct UnknownSelector: Error, CustomStringConvertible {
        public var selector: String
        public var description: String {
            "unknown rule or category '\(selector)' (see `schemalint rules`; categories: "
                + RuleCategory.allCases.map(\.rawValue).joined(separator: ", ") + "; presets: recommended, strict, all)"
        }
    }

    /// The rule types this selection enables, in registry order.
    public func resolve(from catalogue: [any Rule.Type] = RuleRegistry.all) throws -> [any Rule.Type] {
        let ids = catalogue.map { $0.metadata.id }
        let recommended = Set(catalogue.filter { $0.metadata.enabledByDefault }.map { $0.metadata.id })
        func matching(_ selector: String) throws -> Set<String> {
            switch selector {
            case "all": return Set(ids)
            case "recommended": return recommended
            case "strict":
                return recommended.union(catalogue.filter { $0.metadata.category == .naming }.map { $0.metadata.id })
            default: break
            }
            if let category = RuleCategory(rawValue: selector) {
                return Set(catalogue.filter { $0.metadata.category == category }.map { $0.metadata.id })
            }
            guard ids.contains(selector) else { throw UnknownSelector(selector: selector) }
            return [selector]
        }
        var enabled = recommended
        if !select.isEmpty {
            enabled = try select.reduce(into: Set<String>()) { $0.formUnion(try matching($1)) }
        }
        for selector in ignore { enabled.subtract(try matching(selector)) }
        return catalogue.filter { enabled.contains($0.metadata.id) }
    }
}
