import Foundation
import Testing

/// `scripts/new-rule`, end to end: in a scratch copy of the repository it writes a statement rule and a whole-schema
/// rule with their registry lines, and the copy still builds.
@Suite("scripts/new-rule")
struct NewRuleScriptTests {
    @Test("new-rule writes rules that build, each in its category's folder and registered", .timeLimit(.minutes(20)))
    func scaffoldBuilds() throws {
        let scratch = try TempFolder()
        let copy = scratch.url.appendingPathComponent("repo")
        let root = TestPaths.repoRoot.path
        // The files git would commit (tracked and new, not ignored): what a fresh clone holds, without .build.
        let copied = try Shell.run("bash", ["-c", """
            set -euo pipefail
            mkdir -p "$2"
            cd "$1" && git ls-files -z --cached --others --exclude-standard | tar --null --ignore-failed-read -T - -cf - | tar -xf - -C "$2"
            """, "copy", root, copy.path])
        #expect(copied.status == 0, "\(copied)")

        let statementRule = try Shell.run(copy.appendingPathComponent("scripts/new-rule").path, ["widget-without-gadget", "design"])
        #expect(statementRule.status == 0, "\(statementRule)")
        let schemaRule = try Shell.run(copy.appendingPathComponent("scripts/new-rule").path, ["gadget-in-public", "security", "--schema"])
        #expect(schemaRule.status == 0, "\(schemaRule)")
        let duplicate = try Shell.run(copy.appendingPathComponent("scripts/new-rule").path, ["widget-without-gadget", "safety"])
        #expect(duplicate.status != 0 && duplicate.output.contains("exists already"), "\(duplicate)")
        let notKebab = try Shell.run(copy.appendingPathComponent("scripts/new-rule").path, ["WidgetRule", "design"])
        #expect(notKebab.status != 0 && notKebab.output.contains("kebab-case"), "\(notKebab)")

        let rules = copy.appendingPathComponent("Sources/SchemaLint/Rules")
        let widget = try String(contentsOf: rules.appendingPathComponent("Design/WidgetWithoutGadget.swift"), encoding: .utf8)
        #expect(widget.contains("id: \"widget-without-gadget\"") && widget.contains("category: .design")
                && widget.contains("static let triggers"), "\(widget)")
        let gadget = try String(contentsOf: rules.appendingPathComponent("Security/GadgetInPublic.swift"), encoding: .utf8)
        #expect(gadget.contains("scope: .schema") && gadget.contains("func check(schema: SchemaContext)"), "\(gadget)")
        let registry = try String(contentsOf: copy.appendingPathComponent("Sources/SchemaLint/Engine/RuleRegistry.swift"),
                                  encoding: .utf8)
        #expect(registry.contains("        WidgetWithoutGadget.self,") && registry.contains("        GadgetInPublic.self,"), "\(registry)")
        // In its block: the design rule comes before the naming block starts.
        if let widgetLine = registry.range(of: "WidgetWithoutGadget.self"), let naming = registry.range(of: "// Naming.") {
            #expect(widgetLine.lowerBound < naming.lowerBound, "\(registry)")
        }

        let built = try Shell.run("swift", ["build", "--package-path", copy.path, "--target", "SchemaLint"])
        #expect(built.status == 0, "the scaffolded rules do not build: \(built)")
    }
}
