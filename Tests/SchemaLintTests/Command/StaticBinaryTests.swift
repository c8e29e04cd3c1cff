import Foundation
import Testing

/// The release binary needs nothing but the C and C++ runtime: `scripts/test-static-binary` builds it with the plain
/// release command, checks `ldd`, and runs it in a root holding only the binary, those libraries and /proc.
@Suite("Static binary")
struct StaticBinaryTests {
    @Test("The release binary runs in a root with only libc, libm, libstdc++ and libgcc_s")
    func selfContained() throws {
        let result = try Shell.run(TestPaths.repoRoot.appendingPathComponent("scripts/test-static-binary").path, [],
                                   in: TestPaths.repoRoot)
        #expect(result.status == 0, "\(result)")
        #expect(result.output.contains("test-static-binary: OK"), "\(result)")
    }
}
