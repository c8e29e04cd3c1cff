import Foundation
import Testing
@testable import SchemaLint

/// One example of one rule: the unit the parameterised test runs.
struct RuleExampleCase: CustomTestStringConvertible, Sendable {
    enum Kind: String, Sendable { case bad, good }

    var ruleID: String
    var kind: Kind
    var index: Int

    var ruleType: any Rule.Type { RuleRegistry.rule(id: ruleID)! }

    var example: RuleExample {
        let metadata = ruleType.metadata
        return (kind == .bad ? metadata.bad : metadata.good)[index]
    }

    var testDescription: String { "\(ruleID) \(kind.rawValue)[\(index)]" }

    /// Lints the example as its metadata says: `before` as an earlier file, the example's settings and options, and
    /// the syntax-error rule too (so an example that does not parse fails rather than passing because nothing was
    /// seen; for the syntax-error rule it is the rule under test).
    func lint() throws -> (result: LintResult, file: SourceFile, files: [SourceFile]) {
        let example = self.example
        var rules = [ConfiguredRule(try ruleType.make(optionsJSON: example.options))]
        if ruleID != SyntaxErrorRule.id { rules.append(ConfiguredRule(try SyntaxErrorRule.make())) }
        for id in example.alsoSelect {
            let other = try #require(RuleRegistry.rule(id: id), "alsoSelect names an unknown rule \(id)")
            rules.append(ConfiguredRule(try other.make()))
        }
        var files: [SourceFile] = []
        if let before = example.before { files.append(SourceFile(path: "before.sql", text: MarkedSQL(before).text)) }
        let file = SourceFile(path: "example.sql", text: MarkedSQL(example.sql).text)
        files.append(file)
        return (Linter(rules: rules, settings: example.settings).lint(files), file, files)
    }

    /// Every example of every rule in the registry, bad ones first.
    static let all: [RuleExampleCase] = RuleRegistry.all.flatMap { rule -> [RuleExampleCase] in
        let m = rule.metadata
        return m.bad.indices.map { RuleExampleCase(ruleID: m.id, kind: .bad, index: $0) }
            + m.good.indices.map { RuleExampleCase(ruleID: m.id, kind: .good, index: $0) }
    }
}

/// A start/end pair, printable in failure messages as `2:5-2:17`.
struct Span: Hashable, Comparable, CustomStringConvertible {
    var startLine: Int, startColumn: Int, endLine: Int, endColumn: Int

    init(start: SourcePosition, end: SourcePosition) {
        (startLine, startColumn, endLine, endColumn) = (start.line, start.column, end.line, end.column)
    }

    var description: String { "\(startLine):\(startColumn)-\(endLine):\(endColumn)" }

    static func < (a: Span, b: Span) -> Bool {
        (a.startLine, a.startColumn, a.endLine, a.endColumn) < (b.startLine, b.startColumn, b.endLine, b.endColumn)
    }
}

@Suite("Rule examples")
struct RuleExampleTests {
    /// Every `bad` example is flagged exactly where its `«…»` marks say, and every `good` one is not flagged.
    @Test("Rule example", arguments: RuleExampleCase.all)
    func example(_ testCase: RuleExampleCase) throws {
        let example = testCase.example
        if let before = example.before {
            #expect(MarkedSQL(before).marks.isEmpty, "`before` must not contain «» marks: its findings are not checked")
        }
        let (result, file, _) = try testCase.lint()
        let marked = MarkedSQL(example.sql)

        let syntaxErrors = result.diagnostics.filter { $0.rule == SyntaxErrorRule.id }
        if testCase.ruleID != SyntaxErrorRule.id {
            #expect(syntaxErrors.isEmpty, """
                the example does not parse: \(syntaxErrors.map { "\($0.file):\($0.start.line):\($0.start.column) \($0.message)" })
                """)
        } else if example.before != nil {
            #expect(!syntaxErrors.contains { $0.file == "before.sql" }, "the `before` file of a syntax-error example must parse")
        }

        let found = result.diagnostics
            .filter { $0.rule == testCase.ruleID && $0.file == "example.sql" }
            .map { Span(start: $0.start, end: $0.end) }
            .sorted()
        let describeFindings = result.diagnostics.filter { $0.rule == testCase.ruleID }
            .map { "\($0.file):\(Span(start: $0.start, end: $0.end)) \($0.message)" }
            .joined(separator: "\n  ")

        switch testCase.kind {
        case .bad:
            #expect(!marked.marks.isEmpty, "a bad example must mark where its findings land with «…»")
            let expected = marked.marks
                .map { Span(start: file.position(ofByte: $0.lowerBound), end: file.position(ofByte: $0.upperBound)) }
                .sorted()
            // Compared as sorted lists, not sets: a finding reported twice at the same place is a bug too.
            #expect(found == expected, """
                findings do not land on the «…» marks
                  expected: \(expected.map { "\($0) \(excerpt(file, $0))" })
                  found:    \(found.map { "\($0) \(excerpt(file, $0))" })
                  all findings of the rule:
                  \(describeFindings)
                """)
        case .good:
            #expect(marked.marks.isEmpty, "a good example must not contain «» marks")
            #expect(found.isEmpty, "a good example was flagged:\n  \(describeFindings)")
        }
    }

    /// The text of a one-line span, to make failures readable.
    private func excerpt(_ file: SourceFile, _ span: Span) -> String {
        guard span.startLine == span.endLine else { return "(multi-line)" }
        let scalars = Array(file.lineText(span.startLine).unicodeScalars)
        let lo = min(max(span.startColumn - 1, 0), scalars.count), hi = min(max(span.endColumn - 1, lo), scalars.count)
        return "«" + String(String.UnicodeScalarView(scalars[lo..<hi])) + "»"
    }

    @Test("Every rule has a bad and a good example, a unique kebab-case id and documented options")
    func catalogue() throws {
        let kebab = try Regex("^[a-z][a-z0-9]*(-[a-z0-9]+)*$")
        var seen: Set<String> = []
        #expect(!RuleRegistry.all.isEmpty)
        for rule in RuleRegistry.all {
            let m = rule.metadata
            #expect(m.id.wholeMatch(of: kebab) != nil, "rule id '\(m.id)' is not kebab-case")
            #expect(seen.insert(m.id).inserted, "rule id '\(m.id)' is used by more than one rule")
            #expect(!m.bad.isEmpty, "\(m.id) has no bad example")
            #expect(!m.good.isEmpty, "\(m.id) has no good example")
            #expect(RuleRegistry.rule(id: m.id).map(ObjectIdentifier.init) == ObjectIdentifier(rule), "RuleRegistry.rule(id: \"\(m.id)\") finds another rule")
            // One folder per category: Rules/Design, Rules/Safety, Rules/Naming, Rules/Syntax, ….
            let folder = "/Sources/SchemaLint/Rules/" + m.category.rawValue.prefix(1).uppercased() + m.category.rawValue.dropFirst() + "/"
            #expect(m.definedIn.contains(folder), "\(m.id) is a \(m.category.rawValue) rule but is defined in \(m.definedIn), not under \(folder)")
            // The engine calls a statement rule only for what it declares it reads; the syntax rules are the engine's own.
            if m.scope == .statement, m.category != .syntax {
                #expect(!rule.triggers.isEmpty, "\(m.id) is a statement rule but declares no triggers, so it is never called")
            } else {
                #expect(rule.triggers.isEmpty, "\(m.id) is not a statement rule but declares triggers")
            }

            let optionKeys = Set(rule.defaultOptionValues.map(\.key))
            let documented = Set(rule.optionDocumentation.keys)
            #expect(optionKeys == documented, """
                \(m.id): options and their documentation disagree; undocumented: \(optionKeys.subtracting(documented).sorted()), \
                documented but not an option: \(documented.subtracting(optionKeys).sorted())
                """)
            for key in documented {
                #expect(!(rule.optionDocumentation[key] ?? "").trimmingCharacters(in: .whitespaces).isEmpty,
                        "\(m.id): option '\(key)' has an empty description")
            }
            // Every example's options must decode (a typo in an example would otherwise fall back silently).
            for example in m.bad + m.good {
                if let options = example.options {
                    #expect(throws: Never.self, "\(m.id): example options \(options) do not decode") {
                        _ = try rule.make(optionsJSON: options)
                    }
                }
            }
        }
    }

    @Test("Markers are stripped and their byte ranges recorded")
    func markedSQL() {
        let marked = MarkedSQL("-- é\nSELECT «a», «日本»;")
        #expect(marked.text == "-- é\nSELECT a, 日本;")
        let bytes = Array(marked.text.utf8)
        #expect(marked.marks.count == 2)
        #expect(marked.marks.map { String(decoding: bytes[$0], as: UTF8.self) } == ["a", "日本"])
        let file = SourceFile(path: "x.sql", text: marked.text)
        #expect(file.position(ofByte: marked.marks[1].lowerBound) == SourcePosition(line: 2, column: 11))
        #expect(file.position(ofByte: marked.marks[1].upperBound) == SourcePosition(line: 2, column: 13))
    }
}
