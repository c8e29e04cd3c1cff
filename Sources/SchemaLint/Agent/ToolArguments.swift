/// A tool call's arguments, checked against the tool's parameters before the tool sees them: unknown names, missing
/// required ones and values of the wrong type are refused with a message that names the argument.
public struct ToolArguments: Sendable {
    private var values: [String: JSONValue]

    public init(_ arguments: JSONValue?, for parameters: [ToolParameter]) throws {
        let members: [(String, JSONValue)]
        switch arguments {
        case nil, .null?: members = []
        case .object(let given)?: members = given
        case let other?: throw ToolError("arguments must be an object, not \(Self.describe(other))")
        }
        let known = Dictionary(parameters.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        var values: [String: JSONValue] = [:]
        for (name, value) in members {
            guard let parameter = known[name] else {
                throw ToolError("unknown argument `\(name)` (expected: \(parameters.map(\.name).joined(separator: ", ")))")
            }
            // An agent that means "not given" often sends null.
            if value == .null { continue }
            try Self.check(value, against: parameter)
            values[name] = value
        }
        for parameter in parameters where parameter.required && values[parameter.name] == nil {
            throw ToolError("missing required argument `\(parameter.name)`: \(parameter.description)")
        }
        self.values = values
    }

    public func string(_ name: String) -> String? { values[name]?.string }
    public func strings(_ name: String) -> [String]? { values[name]?.array?.compactMap(\.string) }
    public func int(_ name: String) -> Int? { values[name].flatMap { $0.int ?? $0.wholeDouble } }
    public func bool(_ name: String) -> Bool? {
        if case .bool(let b)? = values[name] { b } else { nil }
    }
    public func has(_ name: String) -> Bool { values[name] != nil }

    private static func check(_ value: JSONValue, against parameter: ToolParameter) throws {
        let name = parameter.name
        switch parameter.kind {
        case .string:
            guard value.string != nil else { throw ToolError("`\(name)` must be a string, not \(describe(value))") }
        case .strings:
            guard let items = value.array, items.allSatisfy({ $0.string != nil }) else {
                throw ToolError("`\(name)` must be an array of strings, not \(describe(value))")
            }
        case .boolean:
            guard case .bool = value else { throw ToolError("`\(name)` must be true or false, not \(describe(value))") }
        case .integer(let range):
            guard let n = value.int ?? value.wholeDouble else { throw ToolError("`\(name)` must be an integer, not \(describe(value))") }
            guard range.contains(n) else {
                throw ToolError("`\(name)` must be between \(range.lowerBound) and \(range.upperBound), not \(n)")
            }
        }
    }

    static func describe(_ value: JSONValue) -> String {
        switch value {
        case .string(let s): "the string \(JSONValue.string(s).compact)"
        case .int(let n): "the number \(n)"
        case .double(let d): "the number \(d)"
        case .bool(let b): "\(b)"
        case .null: "null"
        case .array: "an array"
        case .object: "an object"
        }
    }
}

extension JSONValue {
    /// A JSON number without a fraction that a decoder read as a double (`15.0`).
    var wholeDouble: Int? {
        guard case .double(let d) = self, d.rounded() == d, abs(d) < 1e15 else { return nil }
        return Int(d)
    }
}
