import FoundationEssentials
import SchemaLintTOML

/// A TOML value as the config reader sees it.
public indirect enum ConfigValue: Sendable, Equatable {
    case string(String)
    case integer(Int)
    case float(Double)
    case bool(Bool)
    /// A date, time or date-time, as TOML writes it (no key of schemalint takes one).
    case datetime(String)
    case array([ConfigValue])
    case table([String: ConfigValue])

    /// The TOML name of the value's type, for error messages.
    public var typeName: String {
        switch self {
        case .string: "a string"
        case .integer: "an integer"
        case .float: "a float"
        case .bool: "a boolean"
        case .datetime: "a date-time"
        case .array: "an array"
        case .table: "a table"
        }
    }

    /// The value as JSON (for decoding rule options with their `Codable` types).
    var json: JSONValue {
        switch self {
        case .string(let s), .datetime(let s): .string(s)
        case .integer(let i): .int(i)
        case .float(let d): .double(d)
        case .bool(let b): .bool(b)
        case .array(let items): .array(items.map(\.json))
        case .table(let members): .object(members.keys.sorted().map { ($0, members[$0]!.json) })
        }
    }

    init(_ node: TOMLNode) {
        switch node {
        case .string(let s): self = .string(s)
        case .integer(let i): self = .integer(i)
        case .float(let d): self = .float(d)
        case .bool(let b): self = .bool(b)
        case .datetime(let s): self = .datetime(s)
        case .array(let items): self = .array(items.map(ConfigValue.init))
        case .table(let members): self = .table(members.mapValues(ConfigValue.init))
        }
    }
}

/// Reads TOML text (TOMLKit, through the SchemaLintTOML target).
enum TOMLDocument {
    struct SyntaxError: Error {
        var line: Int?
        var message: String
    }

    static func parse(_ text: String) throws -> [String: ConfigValue] {
        do {
            return try TOMLReader.parse(text).mapValues(ConfigValue.init)
        } catch let error as TOMLSyntaxError {
            throw SyntaxError(line: error.line, message: "invalid TOML: \(error.message)")
        }
    }
}
