import FoundationEssentials
// Implementation-only: TOMLKit makes String, Int, Array… conform to its protocols and adds members (`string`,
// `int`, `array`, `table`) to them. A client that loads TOMLKit, even through an `internal import`, sees those
// members in every file, and the type checker then fails on ordinary SchemaLint expressions ("failed to produce
// diagnostic"). `@_implementationOnly` keeps TOMLKit out of this module's interface, so SchemaLint never loads
// it. The compiler warns that this is unsafe without library evolution; that applies only when public types
// expose the hidden module's types, and nothing public here does (plain Swift values only).
@_implementationOnly import TOMLKit

/// A parsed TOML value in plain Swift types: the only thing this module exports.
public indirect enum TOMLNode: Sendable, Equatable {
    case string(String)
    case integer(Int)
    case float(Double)
    case bool(Bool)
    /// A date, time or date-time, as TOML writes it.
    case datetime(String)
    case array([TOMLNode])
    case table([String: TOMLNode])
}

/// A TOML syntax error with its 1-based line (nil when TOMLKit gives none).
public struct TOMLSyntaxError: Error, Sendable {
    public var line: Int?
    public var message: String
}

public enum TOMLReader {
    /// The document's top-level table.
    public static func parse(_ text: String) throws -> [String: TOMLNode] {
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            let line = error.source.begin.line
            throw TOMLSyntaxError(line: line > 0 ? line : nil, message: error.description)
        }
        return convert(table)
    }

    private static func convert(_ table: TOMLTable) -> [String: TOMLNode] {
        var members: [String: TOMLNode] = [:]
        for (key, value) in table { members[key] = convert(value.tomlValue) }
        return members
    }

    private static func convert(_ value: TOMLValue) -> TOMLNode {
        switch value.type {
        case .table: return .table(value.table.map(convert) ?? [:])
        case .array: return .array(value.array.map { $0.map { convert($0.tomlValue) } } ?? [])
        case .string: return .string(value.string ?? "")
        case .int: return .integer(value.int ?? 0)
        case .double: return .float(value.double ?? 0)
        case .bool: return .bool(value.bool ?? false)
        case .date, .time, .dateTime: return .datetime(value.debugDescription)
        }
    }
}
