import Foundation
import Testing
import SchemaLint

/// Engine-level behaviour found while writing the suite: each test pins one bug, fixed or known.
@Suite("Regressions")
struct RegressionTests {
    static func lint(_ files: [(String, String)], rules: [any Rule.Type]) throws -> [Diagnostic] {
        let configured = try rules.map { ConfiguredRule(try $0.make()) }
        return Linter(rules: configured).lint(files.map { SourceFile(path: $0.0, text: $0.1) }).diagnostics
    }

    /// Fixed: diagnostics were sorted by path string, so `10_b.sql` was reported before `2_a.sql` although the run
    /// (a folder's natural order) linted `2_a.sql` first.
    @Test("Diagnostics come out in the order the files were linted, then by position")
    func diagnosticsFollowRunOrder() throws {
        let found = try Self.lint([
            ("m/2_a.sql", "CREATE TABLE dogs (id int);\nCREATE TABLE cats (id int);\n"),
            ("m/10_b.sql", "CREATE TABLE birds (id int);\n"),
            ("a.sql", "CREATE TABLE fish_tanks (id int);\n"),
        ], rules: [TableNameInflection.self])
        #expect(found.map { "\($0.file):\($0.start.line)" } == ["m/2_a.sql:1", "m/2_a.sql:2", "m/10_b.sql:1", "a.sql:1"])
    }

    /// Fixed: PostgreSQL names an unnamed CHECK `<table>_<column>_check` when its expression references exactly one
    /// column and `<table>_check` otherwise, wherever it is written (heap.c, AddRelationNewConstraints).
    @Test("unnamed-constraint predicts PostgreSQL's name for CHECK constraints")
    func checkConstraintGeneratedName() throws {
        let found = try Self.lint([("x.sql", """
            CREATE TABLE invoice (id bigint PRIMARY KEY, total numeric NOT NULL, CHECK (total >= 0));
            CREATE TABLE t (a int, b int CHECK (a < b));
            CREATE TABLE u (a int CHECK (a > 0));
            """)], rules: [UnnamedConstraint.self])
        #expect(found.count == 3)
        // Written on its one column: both agree.
        #expect(found.last?.message.contains("\"u_a_check\"") == true, "\(found.map(\.message))")
        #expect(found.first?.message.contains("\"invoice_total_check\"") == true, "\(found.map(\.message))")
        #expect(found.dropFirst().first?.message.contains("\"t_check\"") == true, "\(found.map(\.message))")
    }
}
