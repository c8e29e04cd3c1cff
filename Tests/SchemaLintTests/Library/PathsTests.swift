import Testing
@testable import SchemaLint

@Suite("Path components")
struct PathsTests {
    /// Paths as a folder walk, the command line and the language server give them: plain ones take the fast path,
    /// doubled and trailing slashes the splitting one; both must agree with these.
    static let cases: [(path: String, folder: String, last: String)] = [
        ("/a/b/c.sql", "/a/b", "c.sql"), ("a/b/c.sql", "a/b", "c.sql"), ("./x/y.sql", "./x", "y.sql"),
        ("/a", "/", "a"), ("c.sql", "", "c.sql"), ("/", "/", "/"), ("", "", ""),
        ("a/b/", "a", "b"), ("/a//b/c.sql", "/a/b", "c.sql"), ("a//c.sql", "a", "c.sql"), ("//x", "/", "x"),
        ("migrations/2024-01-01_init/up.sql", "migrations/2024-01-01_init", "up.sql"), ("é/ü.sql", "é", "ü.sql"),
    ]

    @Test("folder and last component", arguments: cases)
    func components(_ example: (path: String, folder: String, last: String)) {
        #expect(Paths.folder(example.path) == example.folder)
        #expect(Paths.lastComponent(example.path) == example.last)
    }
}
