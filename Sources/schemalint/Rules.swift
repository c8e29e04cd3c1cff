import ArgumentParser
import FoundationEssentials
import SchemaLint

struct Rules: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "rules", abstract: "List every rule: id, category, default severity, on by default, fix safety (safe, unsafe, or - for none).")

    enum Format: String, ExpressibleByArgument { case text, json }

    @Option(help: "Output format: text (one line per rule) or json.")
    var format: Format = .text

    func run() throws {
        if format == .json {
            print(RuleCatalogueJSON.render(), terminator: "")
            return
        }
        let rows = RuleRegistry.all.map { $0.metadata }
        let width = rows.map(\.id.count).max() ?? 0
        for m in rows {
            let id = padded(m.id, width)
            let category = padded(m.category.rawValue, 7)
            let severity = padded(m.defaultSeverity.rawValue, 8)
            let fix = padded(m.fix?.safety.rawValue ?? "-", 6)
            print("\(id)  \(category)  \(severity)  \(m.enabledByDefault ? "on " : "off")  \(fix)  \(m.summary)")
        }
    }
}

struct Explain: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Print a rule's page: what it flags and why, its options, flagged and accepted examples.")

    @Argument(help: "A rule id (see `schemalint rules`).")
    var rule: String

    func run() throws {
        guard let type = RuleRegistry.rule(id: rule) else {
            throw ValidationError("unknown rule '\(rule)' (see `schemalint rules`)")
        }
        print(RuleDocumentation.page(for: type), terminator: "")
    }
}

struct GenerateDocs: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate-docs", abstract: "Write rules/<id>.md and rules/README.md from the rules' metadata.")

    @Option(help: "The folder to write to.")
    var output: String = "rules"

    @Option(name: .customLong("readme"), help: "The README whose rule table (between markers) is regenerated too, if it exists.")
    var readmePath: String = "README.md"

    @Flag(help: "Write nothing; exit 1 if any page is missing or stale.")
    var check = false

    func run() throws {
        var stale: [String] = []
        // --check writes nothing, not even the folder.
        if !check { try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true) }
        for (name, content) in RuleDocumentation.allPages() {
            let path = Paths.join(output, name)
            let current = FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) }
            guard current != content else { continue }
            stale.append(path)
            if !check { try content.write(toFile: path, atomically: true, encoding: .utf8) }
        }
        if let readme = FileManager.default.contents(atPath: readmePath).map({ String(decoding: $0, as: UTF8.self) }) {
            guard let updated = RuleDocumentation.updatingReadme(readme) else {
                printError("\(readmePath) has no rule-table markers")
                throw ExitCode(1)
            }
            if updated != readme {
                stale.append(readmePath)
                if !check { try updated.write(toFile: readmePath, atomically: true, encoding: .utf8) }
            }
        }
        if check, !stale.isEmpty {
            printError("stale rule pages (run `schemalint generate-docs`): " + stale.joined(separator: ", "))
            throw ExitCode(1)
        }
        if !check { print(stale.isEmpty ? "rule pages are up to date" : "wrote \(stale.count) page(s)") }
    }
}

/// `text` with spaces after it up to `width` characters.
private func padded(_ text: String, _ width: Int) -> String {
    text + String(repeating: " ", count: max(0, width - text.count))
}
