import Foundation
import Testing

/// `schemalint server` driven by a real LSP client: `scripts/test-lsp` installs pytest-lsp into a throwaway venv
/// and runs Tests/lsp (position encodings, context from earlier migrations, edits, quick fixes, hover, lifecycle,
/// malformed input, re-lint time) against the built binary. Without python3, venv or PyPI it fails: it is never
/// skipped.
@Suite("language server")
struct LanguageServerTests {
    @Test("pytest-lsp drives schemalint server: every test in Tests/lsp passes", .timeLimit(.minutes(10)))
    func pytestLSP() throws { try Shell.expectDriverPasses("test-lsp", pytest: true) }
}
