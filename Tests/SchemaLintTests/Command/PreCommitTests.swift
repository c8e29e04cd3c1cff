import Foundation
import Testing

/// The pre-commit hooks, proved with pre-commit itself: `scripts/test-pre-commit` installs pre-commit into a
/// throwaway venv and runs `pre-commit try-repo` of this repository's `schemalint-system` hook on a temporary git
/// repository (a bad migration fails, a clean one passes). Needs python3 and PyPI; set
/// SCHEMALINT_SKIP_PRE_COMMIT=1 to skip it where there is no network.
@Suite("pre-commit")
struct PreCommitTests {
    @Test("pre-commit try-repo: the schemalint-system hook fails a bad migration and passes a clean one",
          // Skippable by hand where PyPI is out of reach, never in CI (CI=true), where the skip would hide a broken hook.
          .enabled(if: ProcessInfo.processInfo.environment["SCHEMALINT_SKIP_PRE_COMMIT"] != "1"
                   || ProcessInfo.processInfo.environment["CI"] == "true"),
          .timeLimit(.minutes(5)))
    func tryRepo() throws { try Shell.expectDriverPasses("test-pre-commit", pytest: false) }

    @Test(".pre-commit-hooks.yaml declares both hooks for SQL files")
    func hooksFile() throws {
        let text = try String(contentsOf: TestPaths.repoRoot.appendingPathComponent(".pre-commit-hooks.yaml"), encoding: .utf8)
        let hooks = text.components(separatedBy: "\n- ").dropFirst().map { "- " + $0 }
        #expect(hooks.count == 2, "\(text)")
        let swift = hooks.first { $0.contains("id: schemalint\n") }
        let system = hooks.first { $0.contains("id: schemalint-system\n") }
        #expect(swift?.contains("language: swift") == true && swift?.contains("types: [sql]") == true, "\(text)")
        #expect(system?.contains("language: system") == true && system?.contains("entry: schemalint\n") == true
                    && system?.contains("types: [sql]") == true, "\(text)")
    }
}
