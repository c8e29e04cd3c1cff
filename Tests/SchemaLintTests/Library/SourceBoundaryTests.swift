import Foundation
import Testing

/// The boundaries the design rests on, checked on the sources: only the front end reads PostgreSQL's C tree, and
/// the shipped code uses FoundationEssentials (full Foundation links ICU's 34 MB of data into the static binary).
@Suite("Source boundaries")
struct SourceBoundaryTests {
    static func sources() throws -> [(path: String, text: String)] {
        let root = TestPaths.repoRoot.appendingPathComponent("Sources")
        let paths = FileManager.default.subpaths(atPath: root.path) ?? []
        return try paths.filter { $0.hasSuffix(".swift") }.sorted().map { path in
            (path, try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8))
        }
    }

    static func imports(_ text: String) -> [String] {
        text.split(separator: "\n").compactMap { line in
            let words = line.split(separator: " ")
            guard let i = words.firstIndex(of: "import"), i + 1 < words.count,
                  words[..<i].allSatisfy({ ["internal", "public", "private", "@_implementationOnly"].contains($0) })
            else { return nil }
            return String(words[i + 1])
        }
    }

    @Test("Only the front end imports the C module")
    func cModule() throws {
        let sources = try Self.sources()
        #expect(sources.count > 100)
        let offenders = sources.filter { file in
            Self.imports(file.text).contains { $0.hasPrefix("CPgQuery") } && !file.path.hasPrefix("SchemaLint/FrontEnd/")
        }.map(\.path)
        #expect(offenders.isEmpty, "import CPgQuery outside Sources/SchemaLint/FrontEnd: \(offenders)")
    }

    @Test("Shipped code imports FoundationEssentials, never Foundation")
    func foundationEssentials() throws {
        let offenders = try Self.sources().filter { Self.imports($0.text).contains("Foundation") }.map(\.path)
        #expect(offenders.isEmpty, "import Foundation (use FoundationEssentials): \(offenders)")
    }
}
