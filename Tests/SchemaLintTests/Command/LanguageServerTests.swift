import Foundation
import Testing

/// `schemalint server` driven by a real LSP client: `scripts/test-lsp` installs pytest-lsp into a throwaway venv
/// and runs Tests/lsp (position encodings, context from earlier migrations, edits, quick fixes, hover, lifecycle,
/// malformed input, re-lint time) against the built binary. Without python3, venv or PyPI it fails: it is never
/// skipped.
@Suite("language server")
struct LanguageServerTests {
    @Test("pytest-lsp drives schemalint server: every test in Tests/lsp passes", .timeLimit(.minutes(10)))
    func pytestLSP() throws {
        let binary = try TestPaths.binary.get()
        let script = TestPaths.repoRoot.appendingPathComponent("scripts/test-lsp")
        let result = try Shell.run(script.path, [binary.path], in: TestPaths.repoRoot)
        #expect(result.status == 0, "scripts/test-lsp failed: \(result)")
        #expect(result.output.contains("test-lsp: OK"), "\(result)")
        // The suite ran: a collection that found nothing would also exit 0 with an empty run.
        #expect(result.output.contains(" passed"), "\(result)")
        #expect(!result.output.contains(" failed") && !result.output.contains(" error"), "\(result)")
    }
}
