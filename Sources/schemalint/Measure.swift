import ArgumentParser
import FoundationEssentials
import SchemaLint

/// `schemalint measure FILE`: in-process timings for the benchmark (hidden). The medians of RUNS runs of PostgreSQL's
/// parse alone (the floor) and of the whole lint of the file with the default rules (parse, replay, rules, findings;
/// no output), and their ratio.
struct Measure: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "measure",
        abstract: "In-process timings of a file: PostgreSQL's parse alone against the whole lint (for scripts/bench).",
        shouldDisplay: false)

    @Argument(help: "The SQL file.") var file: String
    @Option(help: "Runs of each.") var runs = 21
    @Option(help: "Parsing threads for the lint.") var threads = 1

    func run() throws {
        guard let data = FileManager.default.contents(atPath: file) else { throw ValidationError("cannot read \(file)") }
        let bytes = Array(data)
        let rules = try RuleSelection(select: ["recommended"]).resolve(from: RuleRegistry.all).map { ConfiguredRule(try $0.make()) }
        let linter = Linter(rules: rules, settings: LintSettings(threads: threads))
        var floor: [Double] = [], lint: [Double] = []
        var statements = 0, findings = 0
        for _ in 0..<runs {
            floor.append(Self.seconds { statements = ParseFloor.rawParse(bytes) ?? -1 })
            lint.append(Self.seconds {
                findings = linter.lint([SourceFile(path: file, bytes: bytes)]).diagnostics.count
            })
        }
        let (f, l) = (Self.median(floor), Self.median(lint))
        print("file: \(file) (\(bytes.count) bytes, \(statements) statements, \(findings) findings)")
        print("raw parse (floor): \(Self.fixed(f * 1000)) ms")
        print("whole lint:        \(Self.fixed(l * 1000)) ms")
        print("lint / floor:      \(Self.fixed(l / f))")
    }

    static func seconds(_ body: () -> Void) -> Double {
        let elapsed = ContinuousClock().measure(body)
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }

    /// Two decimals (FoundationEssentials has no `String(format:)`).
    static func fixed(_ value: Double) -> String {
        let hundredths = Int((value * 100).rounded())
        let cents = hundredths % 100
        return "\(hundredths / 100).\(cents < 10 ? "0" : "")\(cents)"
    }

    static func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }
}
