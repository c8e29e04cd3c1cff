import Testing
@testable import SchemaLint

/// Files are cut at top-level semicolons and parsed chunk by chunk: the statements must be those of the whole file's
/// parse, whatever quotes, comments and bodies hold.
@Suite("Chunked parsing")
struct ChunkedParseTests {
    static func cuts(_ sql: String, every: Int = 1) -> [Int] {
        Array(sql.utf8).withUnsafeBufferPointer { StatementCuts.cuts($0, every: every) }
    }

    @Test("Cuts fall only after a semicolon outside strings, names, comments, dollar quotes and brackets")
    func cutsSkipQuotedSemicolons() {
        let statements = [
            "SELECT E'it\\';s';",
            "SELECT 'a;''b';",
            "SELECT \"x;\"\"y\" FROM t;",
            "SELECT 1 -- ; not here\n;",
            "/* outer /* inner ; */ still ; */ SELECT 2;",
            "SELECT $$ ; $$;",
            "SELECT $fn$ $$ ; $x$ ; $fn$;",
            "SELECT (1; 2);",
            "SELECT a$b, $1 FROM t;",
            "SELECT ARRAY[';'];",
        ]
        let sql = statements.joined(separator: "\n")
        var expected: [Int] = []
        var offset = 0
        for statement in statements.dropLast() {
            offset += statement.utf8.count
            expected.append(offset)
            offset += 1
        }
        // `(1; 2)` is one statement to this scan: the cut after it is the one that counts.
        #expect(Self.cuts(sql) == expected)
    }

    @Test("A word ending in e before a quote is not an E'' string; a lone or unterminated quote runs to the end")
    func edgeQuotes() {
        #expect(Self.cuts("SELECT 1 LIKE'\\';SELECT 2;SELECT 3;") == [17, 26])
        #expect(Self.cuts("SELECT 1;SELECT 'open; SELECT 3;") == [9])
        #expect(Self.cuts("SELECT $tag$ never closed; SELECT 1;") == [])
    }

    /// A file of `copies` rounds of five statements that tempt a cut.
    static func trickyFile(copies: Int) -> String {
        let round = """
            CREATE TABLE walk (id bigint PRIMARY KEY, note text DEFAULT E'a;\\'b', "odd;name" int);
            /* a comment with ; and /* nested ; */ */
            CREATE FUNCTION walk_note() RETURNS text LANGUAGE plpgsql AS $body$ BEGIN RETURN ';'; END $body$;
            CREATE INDEX walk_note_idx ON walk ((note || ';'));
            ALTER TABLE walk ADD COLUMN at timestamptz, ALTER COLUMN note SET DEFAULT $$;$$;
            -- a line comment ;
            DROP TABLE walk;

            """
        return String(repeating: round, count: copies)
    }

    /// Each statement's range and kind, from PostgreSQL's parse of the whole text.
    static func whole(_ bytes: [UInt8]) -> [String]? {
        guard case .success(let statements) = LibPgQuery.parse(bytes[...], base: 0) else { return nil }
        return statements.map { "\($0.range) \($0.syntax.kind)" }
    }

    @Test("A file parsed in chunks gives the statements of its whole parse")
    func chunkedEqualsWhole() throws {
        for copies in [400, 3_000] {  // ~180 KB, ~1.35 MB
            let bytes = Array(Self.trickyFile(copies: copies).utf8)
            #expect(bytes.count > ChunkedParse.chunkedAbove)
            let cuts = bytes.withUnsafeBufferPointer { StatementCuts.cuts($0, every: ChunkedParse.chunkBytes) }
            #expect(cuts.count >= bytes.count / ChunkedParse.chunkBytes - 1)
            let whole = try #require(Self.whole(bytes))
            #expect(whole.count == copies * 5)
            let chunked = try #require(ChunkedParse.parse(bytes))
            #expect(chunked.map { "\($0.range) \($0.syntax.kind)" } == whole)
        }
    }

    @Test("A cut inside a BEGIN ATOMIC body leaves a chunk that does not parse: the file is parsed whole")
    func beginAtomicFallsBack() throws {
        let body = (1...200).map { "SELECT \($0);" }.joined(separator: " ")
        let function = "CREATE FUNCTION walk_count() RETURNS int LANGUAGE sql BEGIN ATOMIC \(body) END;\n"
        let file = SourceFile(path: "atomic.sql", text: String(repeating: Self.trickyFile(copies: 1) + function, count: 100))
        // Most of the file is function bodies: the cuts land in one.
        #expect(ChunkedParse.parse(file.bytes) == nil)
        let whole = try #require(Self.whole(file.bytes))
        let parsed = SQLParser.parse(file).items.map { item -> String in
            guard case .statement(let s) = item, s.enclosure == nil else { return "" }
            return "\(s.range) \(s.syntax.kind)"
        }.filter { !$0.isEmpty }
        #expect(parsed == whole)
        #expect(whole.filter { $0.hasSuffix("createFunction") }.count == 200)
    }

    @Test("A syntax error in one chunk is reported, and the statements around it are linted")
    func syntaxErrorInAChunk() throws {
        let before = Self.trickyFile(copies: 200)
        let text = before + "CREATE TABLE broken (id int,;\n" + Self.trickyFile(copies: 200)
        let file = SourceFile(path: "broken.sql", text: text)
        let items = SQLParser.parse(file).items
        let errors = items.compactMap { if case .syntaxError(let e) = $0 { e } else { nil } }
        try #require(errors.count == 1)
        #expect(file.position(ofByte: errors[0].range.lowerBound).line == before.split(separator: "\n", omittingEmptySubsequences: false).count)
        let statements = items.filter { if case .statement(let s) = $0, s.enclosure == nil { true } else { false } }
        #expect(statements.count == 400 * 5)
    }
}
