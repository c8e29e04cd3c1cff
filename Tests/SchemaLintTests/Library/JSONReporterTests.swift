import Foundation
import Testing
@testable import SchemaLint

/// `--format json` writes each finding straight into bytes; `JSONReporter.document` (the MCP server's structured result)
/// builds the same document as a tree. Both come from one list of members: this checks they give the same bytes.
@Suite("JSON report")
struct JSONReporterTests {
    static func report(_ files: [SourceFile], includeSuppressed: Bool = false, live: [String] = []) throws -> Report {
        let result = try ProjectLinter(configuration: Configuration(directory: ".")).lint(files)
        var report = Report(result: result, sources: files, includeSuppressed: includeSuppressed)
        report.liveSchemas = Set(live)
        return report
    }

    static func expectSameBytes(_ report: Report) {
        let streamed = JSONReporter().renderUTF8(report)
        let tree = JSONReporter.document(report).renderedLineUTF8()
        #expect(streamed == tree, "streamed:\n\(String(decoding: streamed, as: UTF8.self).prefix(2000))")
    }

    @Test("The streamed report equals the tree's on lago's structure.sql (967 findings)")
    func lago() throws {
        let url = TestPaths.corpus.appendingPathComponent("lago-structure/db/structure.sql")
        let file = SourceFile(path: url.path, bytes: Array(try Data(contentsOf: url)))
        let report = try Self.report([file])
        #expect(report.diagnostics.count > 900)
        Self.expectSameBytes(report)
    }

    /// Standard output gets the report in pieces of at most 1 MB, written as they fill.
    @Test("The report written in pieces is the rendered report, over several pieces")
    func pieces() throws {
        let url = TestPaths.corpus.appendingPathComponent("pg-regress-15")
        let files = try FileManager.default.subpathsOfDirectory(atPath: url.path).filter { $0.hasSuffix(".sql") }.sorted()
            .map { SourceFile(path: $0, bytes: Array(try Data(contentsOf: url.appendingPathComponent($0)))) }
        let report = try Self.report(files)
        let whole = JSONReporter().renderUTF8(report)
        var pieces: [Int] = []
        var joined: [UInt8] = []
        JSONReporter().writeUTF8(report) { pieces.append($0.count); joined += $0 }
        #expect(whole.count > 1 << 20, "pg-regress's report: \(whole.count) bytes")
        #expect(pieces.count >= 2 && pieces.allSatisfy { $0 <= 1 << 20 }, "\(pieces)")
        #expect(joined == whole)
    }

    @Test("Escapes, suppressed findings, live findings and an empty report")
    func edges() throws {
        let sql = """
        -- schemalint-ignore nullable-boolean, table-without-primary-key -- "quoted" reason\twith a tab
        CREATE TABLE "Wälk""x" (id int, done boolean, note text);
        CREATE TABLE tab\u{1}le (id int);
        CREATE INDEX ON "Wälk""x" (note);
        """
        let file = SourceFile(path: "dir/with \"quote\".sql", text: sql)
        let suppressed = try Self.report([file], includeSuppressed: true)
        #expect(suppressed.diagnostics.contains { $0.suppression != nil })
        Self.expectSameBytes(suppressed)
        Self.expectSameBytes(try Self.report([file], live: [file.path]))
        Self.expectSameBytes(try Self.report([SourceFile(path: "empty.sql", text: "")]))
    }
}
