import Foundation
import Testing

/// Input a linter meets in the wild, or that an attacker could craft: every case ends with a clear message
/// (with file:line:col where there is a position), a documented exit code, no crash and no hang, and the
/// other statements and files still linted.
@Suite("Hostile input")
struct HostileInputTests {
    /// A scratch folder with the given files (bytes), removed after the test.
    static func folder(_ files: [String: [UInt8]]) throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("schemalint-hostile-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        for (name, bytes) in files {
            let url = dir.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(bytes).write(to: url)
        }
        return dir
    }

    static func bytes(_ s: String) -> [UInt8] { Array(s.utf8) }

    /// A statement with a known finding, to show linting went on around the hostile part.
    static let marker = "CREATE TABLE walk (id bigint PRIMARY KEY, at timestamp NOT NULL);\n"

    static func lint(_ files: [String: [UInt8]], args: [String] = ["."]) throws -> RunResult {
        let dir = try folder(files)
        defer { try? FileManager.default.removeItem(at: dir) }
        return try CLI.run(["--format", "gcc"] + args, in: dir, timeout: 300)
    }

    static func expectNoCrash(_ run: RunResult, exit codes: Set<Int32> = [0, 1]) {
        #expect(!run.signalled && !run.timedOut, "\(run)")
        #expect(codes.contains(run.exitCode), "\(run)")
        #expect(!run.stderr.contains("Fatal error") && !run.stderr.contains("Stack dump"), "\(run)")
    }

    @Test("An empty file, and one of only blanks and comments, are clean")
    func emptyAndCommentsOnly() throws {
        let run = try Self.lint(["empty.sql": [], "blank.sql": Self.bytes("  \n\n-- nothing\n/* at /* all */ */\n")])
        Self.expectNoCrash(run, exit: [0])
        #expect(run.stdout.isEmpty, "\(run)")
    }

    @Test("Queries PostgreSQL's tree walker does not know (CREATE TABLE … AS EXECUTE) do not end the process")
    func queriesTheWalkerDoesNotKnow() throws {
        let sql = """
            PREPARE walk_ids AS SELECT 1 AS id;
            CREATE TABLE walk_copy AS EXECUTE walk_ids;
            CREATE MATERIALIZED VIEW walk_stats AS SELECT count(*) AS n FROM (VALUES (1)) AS v (x);
            CREATE VIEW walk_view AS SELECT * FROM json_table_like AS j, LATERAL (SELECT 1) AS l;

            """
        let run = try Self.lint(["q.sql": Self.bytes(sql + Self.marker)], args: ["--select", "all", "."])
        Self.expectNoCrash(run)
        #expect(!run.stdout.contains("FATAL") && !run.stderr.contains("FATAL"), "\(run)")
        #expect(run.stdout.contains("q.sql:5:"), "the statement after them is linted: \(run)")
    }

    @Test("An unbalanced parenthesis: the broken statement is a syntax error and the statements after it are linted")
    func unbalancedParenthesis() throws {
        // PostgreSQL's scanner split stops at `(id int,;` and returns nothing after it, without an error.
        let sql = "CREATE TABLE dog (id bigint PRIMARY KEY);\nCREATE TABLE broken (id int,;\n" + Self.marker
            + "DO $$\nBEGIN\n  SELEC 1;\nEND $$;\n"
        let run = try Self.lint(["paren.sql": Self.bytes(sql)])
        Self.expectNoCrash(run)
        #expect(run.stdout.contains("paren.sql:2:29: error: syntax error at end of input"), "\(run)")
        #expect(run.stdout.contains("paren.sql:3:43: warning: Column \"walk.at\""), "\(run)")
        #expect(run.stdout.contains("paren.sql:6:3: error: syntax error at or near \"SELEC\""), "\(run)")
    }

    @Test("A syntax error in the middle of a real dump, which is parsed in chunks: reported where it is, every other finding still reported")
    func syntaxErrorInAChunkedDump() throws {
        let path = TestPaths.corpus.appendingPathComponent("lago-structure/db/structure.sql")
        let text = try String(contentsOf: path, encoding: .utf8)
        var lines = text.components(separatedBy: "\n")
        // Before the CREATE INDEX nearest the middle: a statement's start, outside any body.
        let middle = try #require((lines.count / 2..<lines.count).first { lines[$0].hasPrefix("CREATE INDEX ") })
        let clean = try Self.lint(["dump.sql": Self.bytes(text)])
        lines.insert("CREATE TABLE broken (id int,;", at: middle)
        let broken = try Self.lint(["dump.sql": Self.bytes(lines.joined(separator: "\n"))])
        Self.expectNoCrash(clean)
        Self.expectNoCrash(broken)
        #expect(text.utf8.count > 256 * 1024, "the dump is parsed in chunks")
        #expect(broken.stdout.contains("./dump.sql:\(middle + 1):29: error: syntax error"), "\(broken.stdout.prefix(2000))")
        // The clean run's findings, those below the inserted line moved down one.
        let reported = Set(broken.stdoutLines)
        let cleanLines = clean.stdoutLines
        #expect(cleanLines.count > 900)
        let missing = cleanLines.filter { line in
            let parts = line.split(separator: ":", maxSplits: 2)
            guard parts.count == 3, let number = Int(parts[1]) else { return true }
            return !reported.contains("\(parts[0]):\(number > middle ? number + 1 : number):\(parts[2])")
        }
        #expect(missing.isEmpty, "findings lost around the syntax error: \(missing.prefix(5))")

        // And an unterminated string at the end, which the scanner cannot read past: the statement it starts is
        // reported, and the broken one in the middle and every finding between them still are.
        let tail = "CREATE TABLE tail (note text DEFAULT 'unterminated"
        let both = try Self.lint(["dump.sql": Self.bytes(lines.joined(separator: "\n") + "\n" + tail + "\n")])
        Self.expectNoCrash(both)
        #expect(both.stdout.contains("./dump.sql:\(middle + 1):29: error: syntax error"), "\(both.stdout.suffix(2000))")
        #expect(both.stdout.contains("./dump.sql:\(lines.count + 1):38: error: unterminated quoted string"),
                "\(both.stdout.suffix(2000))")
        let findings = { (run: [String]) in Set(run.filter { $0.hasPrefix("./dump.sql:") && !$0.contains("unterminated quoted") }) }
        let lostOrAdded = findings(both.stdoutLines).symmetricDifference(findings(broken.stdoutLines))
        #expect(lostOrAdded.count == 0, "findings lost or added by a second syntax error: \(lostOrAdded.sorted().prefix(5))")
    }

    @Test("NUL bytes: reported at their position, the rest linted")
    func nulBytes() throws {
        let run = try Self.lint(["bin.sql": Self.bytes("SELECT 1;\n") + [0, 0, 0xFF] + Self.bytes(";\n" + Self.marker)])
        Self.expectNoCrash(run)
        #expect(run.stdout.contains("bin.sql:2:1: error: NUL byte in input"), "\(run)")
        #expect(run.stdout.contains("bin.sql:2:3: error: invalid UTF-8"), "\(run)")
        #expect(run.stdout.contains("bin.sql:3:43: warning: Column \"walk.at\""), "\(run)")
    }

    @Test("Invalid UTF-8: reported at the first bad byte, the statement still linted")
    func invalidUTF8() throws {
        let run = try Self.lint(["latin1.sql": Self.bytes("CREATE TABLE walk (note text DEFAULT 'caf") + [0xE9]
                                    + Self.bytes("', at timestamp);\n")])
        Self.expectNoCrash(run)
        #expect(run.stdout.contains("latin1.sql:1:42: error: invalid UTF-8 byte sequence"), "\(run)")
        #expect(run.stdout.contains("latin1.sql:1:46: warning: Column \"walk.at\""), "\(run)")
    }

    @Test("A UTF-8 byte order mark is not a syntax error and does not shift columns")
    func byteOrderMark() throws {
        let run = try Self.lint(["bom.sql": [0xEF, 0xBB, 0xBF] + Self.bytes(Self.marker)])
        Self.expectNoCrash(run)
        #expect(!run.stdout.contains("syntax-error"), "\(run)")
        #expect(run.stdout.contains("bom.sql:1:43: warning: Column \"walk.at\""), "\(run)")
    }

    @Test("CRLF line endings: lines and columns as an editor shows them")
    func crlf() throws {
        let run = try Self.lint(["crlf.sql": Self.bytes("-- é\r\nCREATE TABLE walk (\r\n  id bigint,\r\n  at timestamp\r\n);\r\n")])
        Self.expectNoCrash(run)
        #expect(run.stdout.contains("crlf.sql:4:3: warning: Column \"walk.at\""), "\(run)")
    }

    @Test("Unterminated string, comment, quoted name and dollar quote: one error there, earlier statements linted",
          arguments: [
            ("SELECT 'never closed;\n", "unterminated quoted string"),
            ("/* never closed\n", "unterminated /* comment"),
            ("CREATE TABLE \"never (id int);\n", "unterminated quoted identifier"),
            ("CREATE FUNCTION f() RETURNS int AS $body$ SELECT 1;\n", "unterminated dollar-quoted string"),
          ])
    func unterminated(_ tail: String, _ message: String) throws {
        let run = try Self.lint(["u.sql": Self.bytes(Self.marker + tail)])
        Self.expectNoCrash(run)
        #expect(run.stdout.contains("u.sql:1:43: warning: Column \"walk.at\""), "\(run)")
        #expect(run.stdout.contains("u.sql:2:") && run.stdout.contains(message), "\(run)")
        #expect(run.stdout.split(separator: "\n").allSatisfy { !$0.contains("\n") }, "one line per finding")
    }

    @Test("psql meta-commands, COPY data and :variables are psql's, not syntax errors")
    func psqlScript() throws {
        let script = """
            \\set ON_ERROR_STOP 1
            \\connect app
            CREATE TABLE walk (id bigint PRIMARY KEY, at timestamp NOT NULL);
            COPY walk (id, at) FROM stdin;
            1\t2024-01-01 10:00
            \\.
            \\i other.sql
            SELECT :max_rows, :'name', :"column", '10:30'::time, (ARRAY[1,2,3])[1:2];
            CREATE TABLE dog (id bigint PRIMARY KEY, born timestamp);

            """
        let run = try Self.lint(["m.sql": Self.bytes(script)])
        Self.expectNoCrash(run)
        #expect(!run.stdout.contains("syntax-error"), "\(run)")
        #expect(run.stdout.contains("m.sql:3:43: warning: Column \"walk.at\""), "\(run)")
        #expect(run.stdout.contains("m.sql:9:42: warning: Column \"dog.born\""), "\(run)")
    }

    @Test("An expression nested 10,000 deep: a clear error, no stack overflow")
    func deepNesting() throws {
        let deep = "SELECT " + String(repeating: "(", count: 10_000) + "1" + String(repeating: ")", count: 10_000) + ";\n"
        let run = try Self.lint(["deep.sql": Self.bytes(deep + Self.marker)])
        Self.expectNoCrash(run)
        #expect(run.stdout.contains("deep.sql:1:") && run.stdout.contains("error:"), "\(run)")
        #expect(run.stdout.contains("deep.sql:2:43: warning: Column \"walk.at\""), "\(run)")
    }

    @Test("A 1 MB single statement and a 50 MB file lint to the end")
    func largeInputs() throws {
        let columns = (0..<90_000).map { "c\($0) text" }.joined(separator: ", ")
        let wide = "CREATE TABLE wide (" + columns + ", at timestamp);\n"
        #expect(wide.utf8.count > 1_000_000)
        var big = ""
        big.reserveCapacity(52_000_000)
        var i = 0
        while big.utf8.count < 50_000_000 {
            big += "CREATE TABLE t\(i) (id bigint PRIMARY KEY, name text NOT NULL, note text, total numeric(12,2));\n"
            big += "INSERT INTO t\(i) (id, name) VALUES " + (0..<40).map { "(\($0), 'name \($0)')" }.joined(separator: ", ") + ";\n"
            i += 1
        }
        big += Self.marker
        let run = try Self.lint(["wide.sql": Self.bytes(wide), "big.sql": Self.bytes(big)], args: ["--format", "json", "."])
        Self.expectNoCrash(run)
        let summary = try #require(run.json?["summary"] as? [String: Any], "\(run.stderr)")
        #expect(summary["statements"] as? Int == 2 * i + 2)
        #expect(run.stdout.contains("Column \\\"wide.at\\\""))
        #expect(run.stdout.contains("Column \\\"walk.at\\\""))
    }

    @Test("A folder with a dangling link, a symlink loop, and a missing path: reported, the rest linted, exit 2")
    func unreadableAndLoops() throws {
        let other = "CREATE TABLE dog (id bigint PRIMARY KEY, at timestamp NOT NULL);\n"
        let dir = try Self.folder(["a.sql": Self.bytes(Self.marker), "sub/b.sql": Self.bytes(other)])
        defer { try? FileManager.default.removeItem(at: dir) }
        let fm = FileManager.default
        try fm.createSymbolicLink(atPath: dir.appendingPathComponent("sub/loop").path, withDestinationPath: dir.path)
        try fm.createSymbolicLink(atPath: dir.appendingPathComponent("gone.sql").path, withDestinationPath: "/nonexistent/x.sql")
        let run = try CLI.run(["--format", "gcc", ".", "missing.sql"], in: dir, timeout: 60)
        Self.expectNoCrash(run, exit: [2])
        #expect(run.stdout.contains("./a.sql:1:43: warning"), "\(run)")
        #expect(run.stdout.contains("./sub/b.sql:1:42: warning: Column \"dog.at\""), "\(run)")
        #expect(run.stderrLines.contains { $0.hasPrefix("schemalint: error: ./gone.sql:") }, "\(run)")
        #expect(run.stderrLines.contains { $0.hasPrefix("schemalint: error: missing.sql: no such file") }, "\(run)")
        #expect(run.stderrLines.count == 2, "\(run)")
    }
}

/// Files are parsed on worker threads (a run of one file on the calling thread, in chunks); the output must not depend
/// on how many threads.
@Suite("Parallel parsing")
struct ParallelParsingTests {
    @Test("Output with 1, 2 and 4 parsing threads is byte-for-byte the same", arguments: ["lemmy/migrations", "pg-regress-15", "lago-structure/db/structure.sql"])
    func threadsDoNotChangeOutput(_ corpus: String) throws {
        let path = TestPaths.corpus.appendingPathComponent(corpus).path
        try #require(FileManager.default.fileExists(atPath: path), "corpus missing: \(path)")
        let runs = try ["1", "2", "4"].map { try CLI.run(["--format", "json", "--threads", $0, path], timeout: 300) }
        for run in runs { #expect(!run.signalled && (run.exitCode == 0 || run.exitCode == 1), "\(run)") }
        #expect(runs[0].stdoutData.count > 1000)
        #expect(runs[0].stdoutData == runs[1].stdoutData)
        #expect(runs[0].stdoutData == runs[2].stdoutData)
    }
}
