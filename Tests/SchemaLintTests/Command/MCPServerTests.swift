import Foundation
import Testing

/// `schemalint mcp` driven by the official MCP Python client: `scripts/test-mcp` installs `mcp` into a throwaway venv
/// and runs Tests/mcp (the tools listed, each tool beside the command line on the same input, paths outside the
/// working directory, bad arguments, malformed messages) against the built binary. The binary must be built with the
/// MCP trait, as the README's test command builds it; without it, or without python3, venv or PyPI, this fails: it is
/// never skipped.
@Suite("MCP server")
struct MCPServerTests {
    @Test("The MCP Python client drives schemalint mcp: every test in Tests/mcp passes", .timeLimit(.minutes(10)))
    func pythonClient() throws { try Shell.expectDriverPasses("test-mcp", pytest: true) }
}
