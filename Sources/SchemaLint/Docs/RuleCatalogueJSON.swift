import FoundationEssentials

/// `schemalint rules --format json`: the catalogue for tools. Fields may be added, never renamed.
public enum RuleCatalogueJSON {
    public static func render(_ rules: [any Rule.Type] = RuleRegistry.all) -> String {
        JSONValue.object([
            ("tool", .object([("name", .string("schemalint")), ("version", .string(SchemaLintVersion.current))])),
            ("rules", .array(rules.map(rule))),
        ]).rendered() + "\n"
    }

    static func rule(_ type: any Rule.Type) -> JSONValue {
        let m = type.metadata
        let documentation = type.optionDocumentation
        let options = type.defaultOptionValues.map { option -> JSONValue in
            let value: JSONValue = switch option.value {
            case "true": .bool(true)
            case "false": .bool(false)
            default: JSONValue.parse(option.value.utf8).map(catalogueValue) ?? .string(option.value)
            }
            return .object([("name", .string(option.key)), ("default", value),
                            ("description", .string(documentation[option.key] ?? ""))])
        }
        return .object([
            ("id", .string(m.id)),
            ("category", .string(m.category.rawValue)),
            ("defaultSeverity", .string(m.defaultSeverity.rawValue)),
            ("enabledByDefault", .bool(m.enabledByDefault)),
            ("scope", .string(m.scope == .schema ? "schema" : "statement")),
            ("fix", m.fix.map { fix in
                .object([("safety", .string(fix.safety.rawValue)),
                         ("placement", .string(fix.placement == .replacesStatement ? "replace" : "after"))])
            } ?? .null),
            ("summary", .string(m.summary)),
            ("options", .array(options)),
        ])
    }

    /// An option's default as the catalogue shows it: numbers that are not integers become their text.
    static func catalogueValue(_ value: JSONValue) -> JSONValue {
        switch value {
        case .double(let d): Int(exactly: d).map(JSONValue.int) ?? .string(value.compact)
        case .array(let items): .array(items.map(catalogueValue))
        case .object(let members): .object(members.sorted { $0.0 < $1.0 }.map { ($0.0, catalogueValue($0.1)) })
        default: value
        }
    }
}
