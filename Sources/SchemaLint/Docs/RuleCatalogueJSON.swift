import Foundation

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
            default: (try? JSONSerialization.jsonObject(with: Data(option.value.utf8), options: [.fragmentsAllowed]))
                .map(jsonValue) ?? .string(option.value)
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
            ("summary", .string(m.summary)),
            ("options", .array(options)),
        ])
    }

    /// A Foundation JSON value as a `JSONValue` (numbers that are not integers become their text).
    static func jsonValue(_ any: Any) -> JSONValue {
        switch any {
        case let s as String: return .string(s)
        case let n as NSNumber:
            if n.doubleValue == n.doubleValue.rounded(), let i = Int(exactly: n.doubleValue) { return .int(i) }
            return .string(n.stringValue)
        case let a as [Any]: return .array(a.map(jsonValue))
        case let d as [String: Any]: return .object(d.keys.sorted().map { ($0, jsonValue(d[$0]!)) })
        default: return .null
        }
    }
}
