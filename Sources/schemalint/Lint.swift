import ArgumentParser
import Foundation
import SchemaLint

struct Lint: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Lint SQL files, folders of migrations (every *.sql below, in natural order), or - for stdin.")

    @Argument(help: "Files, folders, or - for standard input.")
    var paths: [String] = []

    @Option(help: "Output format: text or json.")
    var format: OutputFormat = .text

    @Option(help: "Rules to run, replacing the defaults: rule ids or categories (design, safety, naming, syntax, all), comma-separated.")
    var select: String?

    @Option(help: "Rules or categories to leave out, comma-separated.")
    var ignore: String?

    @Option(name: .customLong("pg-version"), help: "PostgreSQL major version the schema runs on.")
    var pgVersion: Int = 15

    @Option(name: .customLong("stdin-filename"), help: "The name to report for standard input (-).")
    var stdinFilename: String?

    @Option(help: "Colour: auto (on a terminal, unless NO_COLOR is set), always, or never.")
    var color: ColorChoice = .auto

    enum ColorChoice: String, ExpressibleByArgument { case auto, always, never }

    func validate() throws {
        if paths.isEmpty { throw ValidationError("no input: give SQL files, folders, or - for standard input") }
        guard (9...18).contains(pgVersion) else { throw ValidationError("--pg-version must be between 9 and 18") }
    }

    func run() throws {
        let selection = RuleSelection(select: Self.list(select), ignore: Self.list(ignore))
        let ruleTypes: [any Rule.Type]
        do { ruleTypes = try selection.resolve() } catch { throw ValidationError("\(error)") }
        let rules = try ruleTypes.map { ConfiguredRule(try $0.make()) }

        var sources: [SourceFile] = []
        var inputFailed = false
        for path in paths {
            if path == "-" {
                let data = FileHandle.standardInput.readDataToEndOfFile()
                sources.append(SourceFile(path: stdinFilename ?? "<stdin>", bytes: Array(data)))
                continue
            }
            let (files, problems) = InputFiles.expand([path])
            for problem in problems { printError(problem.description); inputFailed = true }
            for file in files {
                switch InputFiles.read(file) {
                case .success(let bytes): sources.append(SourceFile(path: file, bytes: bytes))
                case .failure(let problem): printError(problem.description); inputFailed = true
                }
            }
        }

        let result = Linter(rules: rules, settings: LintSettings(pgVersion: pgVersion)).lint(sources)
        let report = Report(result: result, sources: sources)
        let reporter: any Reporter
        switch format {
        case .json: reporter = JSONReporter()
        case .text: reporter = TextReporter(color: useColor)
        }
        FileHandle.standardOutput.write(Data(reporter.render(report).utf8))

        if inputFailed { throw ExitCode(2) }
        if result.diagnostics.contains(where: { $0.severity >= .warning }) { throw ExitCode(1) }
    }

    private var useColor: Bool {
        switch color {
        case .always: return true
        case .never: return false
        case .auto:
            let noColor = ProcessInfo.processInfo.environment["NO_COLOR"].map { !$0.isEmpty } ?? false
            return !noColor && isatty(STDOUT_FILENO) != 0
        }
    }

    static func list(_ value: String?) -> [String] {
        (value ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
}
