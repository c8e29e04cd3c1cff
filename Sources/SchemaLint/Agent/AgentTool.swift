/// A tool a coding agent calls (the MCP server's tools): its name, what it does, the parameters it takes, declared
/// once, and the call. The protocol the agent speaks is not the library's concern: arguments come in and results go
/// out as `JSONValue`s.
public protocol AgentTool {
    static var name: String { get }
    static var summary: String { get }
    static var parameters: [ToolParameter] { get }
    /// Whether the tool only reads (every tool here does: fix_sql returns the fixed SQL and writes nothing).
    static var readOnly: Bool { get }
    static func call(_ arguments: ToolArguments, in workspace: AgentWorkspace) throws -> ToolResult
}

extension AgentTool {
    public static var readOnly: Bool { true }

    /// The JSON Schema of the arguments, written from `parameters`, which also validate a call.
    public static var inputSchema: JSONValue {
        .object([
            ("type", .string("object")),
            ("properties", .object(parameters.map { ($0.name, $0.schema) })),
            ("required", .array(parameters.filter(\.required).map { .string($0.name) })),
            ("additionalProperties", .bool(false)),
        ])
    }
}

/// One parameter of a tool: its JSON type and what it means.
public struct ToolParameter: Sendable {
    public enum Kind: Sendable {
        case string
        case strings
        case boolean
        case integer(ClosedRange<Int>)
    }

    public var name: String
    public var kind: Kind
    public var description: String
    public var required = false

    public init(_ name: String, _ kind: Kind, _ description: String, required: Bool = false) {
        self.name = name
        self.kind = kind
        self.description = description
        self.required = required
    }

    var schema: JSONValue {
        var members: [(String, JSONValue)]
        switch kind {
        case .string: members = [("type", .string("string"))]
        case .strings: members = [("type", .string("array")), ("items", .object([("type", .string("string"))]))]
        case .boolean: members = [("type", .string("boolean"))]
        case .integer(let range):
            members = [("type", .string("integer")), ("minimum", .int(range.lowerBound)), ("maximum", .int(range.upperBound))]
        }
        return .object(members + [("description", .string(description))])
    }
}

/// What a tool call gives back: a short text for people, the structured result for programs, and whether the call
/// failed (a tool error, which the agent reads and can correct, not a protocol error).
public struct ToolResult: Sendable {
    public var text: String
    public var structured: JSONValue?
    public var isError: Bool

    public init(text: String, structured: JSONValue? = nil, isError: Bool = false) {
        self.text = text
        self.structured = structured
        self.isError = isError
    }
}

/// A call the tool cannot make as asked: a bad argument, a path it may not read, a rule it does not know.
public struct ToolError: Error, CustomStringConvertible, Sendable {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// The tools, and calls dispatched by name.
public enum AgentToolbox {
    public static let tools: [any AgentTool.Type] = [LintSQLTool.self, FixSQLTool.self, ExplainRuleTool.self, ListRulesTool.self]

    /// Calls the tool `name` with `arguments` (a JSON object, or nil for none). Unknown tools, bad arguments and
    /// unreadable inputs come back as tool errors that say what is wrong.
    public static func call(_ name: String, arguments: JSONValue?, in workspace: AgentWorkspace) -> ToolResult {
        guard let tool = tools.first(where: { $0.name == name }) else {
            return ToolResult(text: "unknown tool `\(name)` (tools: \(tools.map { $0.name }.joined(separator: ", ")))", isError: true)
        }
        do {
            let validated = try ToolArguments(arguments, for: tool.parameters)
            // Deeply nested SQL recurses deeply: the lint runs on a thread with a large stack, as the command's does.
            let outcome = LargeStack.run { () -> Result<ToolResult, Error> in
                Result { try tool.call(validated, in: workspace) }
            }
            return try outcome.get()
        } catch let error as ToolError {
            return ToolResult(text: "\(name): \(error.description)", isError: true)
        } catch {
            return ToolResult(text: "\(name): \(error)", isError: true)
        }
    }
}
