import ArgumentParser
#if canImport(Glibc)
import Glibc
#endif
import SchemaLint
#if MCP
import Dispatch
import MCP
#endif

/// `schemalint mcp`: the Model Context Protocol server on standard input and output, for coding agents, on the
/// official Swift SDK. The tools themselves (`AgentToolbox`) are the library's; this file only speaks the protocol.
/// It exists in builds with the MCP trait (`swift build -c release --traits MCP`); see Package.swift for why.
struct MCPServer: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mcp",
        abstract: "Run an MCP server over standard input and output, for coding agents: tools lint_sql, fix_sql, explain_rule and list_rules.")

    @Flag(name: .customLong("allow-outside-cwd"),
          help: "Let the tools read files and folders outside the working directory (refused by default).")
    var allowOutsideCwd = false

    func run() throws {
        #if MCP
        // A client that goes away must end the server through the end of input, not a signal.
        signal(SIGPIPE, SIG_IGN)
        let workspace = AgentWorkspace(allowsOutsidePaths: allowOutsideCwd)
        let done = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var failure: Error?
        Task {
            do { try await Self.serve(workspace) } catch { failure = error }
            done.signal()
        }
        done.wait()
        if let failure { throw ValidationError("the MCP server stopped: \(failure)") }
        #else
        throw ValidationError("this schemalint was built without the MCP server: build it with `swift build -c release --traits MCP`")
        #endif
    }

    #if MCP
    static func serve(_ workspace: AgentWorkspace) async throws {
        let server = MCP.Server(name: "schemalint", version: SchemaLintVersion.current,
                            capabilities: .init(tools: .init(listChanged: false)))
        await server.withMethodHandler(ListTools.self) { _ in
            ListTools.Result(tools: AgentToolbox.tools.map { tool in
                Tool(name: tool.name, description: tool.summary, inputSchema: Value(tool.inputSchema),
                     annotations: .init(readOnlyHint: tool.readOnly, openWorldHint: false))
            })
        }
        await server.withMethodHandler(CallTool.self) { call in
            let arguments = call.arguments.map { members in
                JSONValue.object(members.sorted { $0.key < $1.key }.map { ($0.key, JSONValue($0.value)) })
            }
            let result = AgentToolbox.call(call.name, arguments: arguments, in: workspace)
            return CallTool.Result(content: [.text(text: result.text, annotations: nil, _meta: nil)],
                                   structuredContent: result.structured.map(Value.init), isError: result.isError)
        }
        try await server.start(transport: StdioTransport())
        await server.waitUntilCompleted()
    }
    #endif
}

#if MCP
extension Value {
    init(_ json: JSONValue) {
        switch json {
        case .string(let s): self = .string(s)
        case .int(let n): self = .int(n)
        case .double(let d): self = .double(d)
        case .bool(let b): self = .bool(b)
        case .null: self = .null
        case .array(let items): self = .array(items.map(Value.init))
        // MCP's objects are dictionaries: the key order of the library's JSON is not kept.
        case .object(let members): self = .object(Dictionary(members.map { ($0.0, Value($0.1)) }, uniquingKeysWith: { first, _ in first }))
        }
    }
}

extension JSONValue {
    init(_ value: Value) {
        switch value {
        case .string(let s): self = .string(s)
        case .int(let n): self = .int(n)
        case .double(let d): self = .double(d)
        case .bool(let b): self = .bool(b)
        case .null: self = .null
        // A data URL, as the SDK reads one from a string: no tool takes binary data, so it is passed on as text.
        case .data: self = .string(value.description)
        case .array(let items): self = .array(items.map(JSONValue.init))
        case .object(let members): self = .object(members.sorted { $0.key < $1.key }.map { ($0.key, JSONValue($0.value)) })
        }
    }
}
#endif
