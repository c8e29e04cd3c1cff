import Foundation
import Testing
import SchemaLint

/// The committed `rules/` folder is exactly what `schemalint generate-docs` writes.
@Suite("Rule documentation")
struct RuleDocsTests {
    static let rulesFolder = TestPaths.repoRoot.appendingPathComponent("rules")

    struct Page: CustomTestStringConvertible, Sendable {
        var name: String
        var content: String
        var testDescription: String { "rules/\(name)" }
    }

    static let pages = RuleDocumentation.allPages().map { Page(name: $0.name, content: $0.content) }

    @Test("The README's rule table lists every rule as the catalogue describes it")
    func readmeTableIsCurrent() throws {
        let url = TestPaths.repoRoot.appendingPathComponent("README.md")
        let readme = String(decoding: try #require(FileManager.default.contents(atPath: url.path)), as: UTF8.self)
        let updated = try #require(RuleDocumentation.updatingReadme(readme), "README.md lost its rule-table markers")
        #expect(updated == readme, "README.md's rule table is stale: run `swift run schemalint generate-docs`")
        for rule in RuleRegistry.all {
            #expect(readme.contains("(rules/\(rule.metadata.id).md)"), "README does not list \(rule.metadata.id)")
        }
    }

    @Test("Committed rule page is up to date", arguments: pages)
    func pageIsCurrent(_ page: Page) throws {
        let url = Self.rulesFolder.appendingPathComponent(page.name)
        guard let data = FileManager.default.contents(atPath: url.path) else {
            Issue.record("rules/\(page.name) is missing: run `swift run schemalint generate-docs`")
            return
        }
        let committed = String(decoding: data, as: UTF8.self)
        #expect(committed == page.content, """
            rules/\(page.name) is stale (first difference at line \(Self.firstDifferingLine(committed, page.content))): \
            run `swift run schemalint generate-docs`
            """)
    }

    @Test("No stray pages in rules/ for rules that do not exist")
    func noStrayPages() throws {
        let expected = Set(Self.pages.map(\.name))
        let present = try FileManager.default.contentsOfDirectory(atPath: Self.rulesFolder.path)
            .filter { $0.hasSuffix(".md") }
        let stray = Set(present).subtracting(expected).sorted()
        #expect(stray.isEmpty, "rules/ has pages for no known rule: \(stray) (delete them, then run `swift run schemalint generate-docs`)")
    }

    @Test("The index links every rule page")
    func indexLinksEveryRule() {
        let index = RuleDocumentation.index()
        for rule in RuleRegistry.all {
            #expect(index.contains("(\(rule.metadata.id).md)"), "rules/README.md does not link \(rule.metadata.id).md")
        }
        #expect(Self.pages.count == RuleRegistry.all.count + 1)
    }

    static func firstDifferingLine(_ a: String, _ b: String) -> Int {
        let x = a.split(separator: "\n", omittingEmptySubsequences: false)
        let y = b.split(separator: "\n", omittingEmptySubsequences: false)
        for i in 0..<max(x.count, y.count) where i >= x.count || i >= y.count || x[i] != y[i] { return i + 1 }
        return 0
    }
}
