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

    @Test("A glob splits names on an ASCII separator as String.split does",
          arguments: ["public.dog.owner_id", "a..b.", ".x", "", "//db//legacy/001.sql", "schéma.tâble.çol", "plain"])
    func globParts(_ name: String) {
        for separator: Character in [".", "/"] {
            #expect(Glob.parts(of: name, separator: separator) == name.split(separator: separator, omittingEmptySubsequences: true))
        }
    }
}
