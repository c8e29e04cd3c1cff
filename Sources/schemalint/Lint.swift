import ArgumentParser
import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif
import SchemaLint

struct Lint: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lint",
        abstract: "Lint SQL files, folders of migrations (laid out as their tool lays them out, or every *.sql below in natural order), or - for stdin.")

    @Argument(help: "Files, folders, or - for standard input (with --database-url: migrations not yet applied).")
    var paths: [String] = []

    @Option(name: .customLong("database-url"),
            help: ArgumentHelp("Lint the live schema of this database (read with pg_dump --schema-only); with paths, it is their context, and safety findings carry their table's size.",
                               valueName: "url"))
    var databaseURL: String?

    @Option(help: "Output format: text, json, sarif, github (workflow annotations, then text), or gcc.")
    var format: OutputFormat = .text

    @Option(name: [.short, .long], help: "Write the report to this file instead of standard output.")
    var output: String?

    @Option(name: .customLong("fail-on"), help: "Exit 1 when a finding at or above this severity remains: error, warning, info, or never.")
    var failOn: FailOn = .warning

    @Flag(name: .customLong("exit-zero"), help: "Exit 0 even when findings remain (input and usage errors still exit 2).")
    var exitZero = false

    @Flag(name: .customLong("include-suppressed"), help: "Also report findings silenced by schemalint-ignore comments (SARIF marks them as suppressed).")
    var includeSuppressed = false

    enum FailOn: String, ExpressibleByArgument {
        case error, warning, info, never
        var threshold: Severity? { Severity(rawValue: rawValue) }
    }

    @Option(help: "Rules to run, replacing the defaults: rule ids, categories (design, safety, naming, syntax) or presets (recommended, strict, all), comma-separated.")
    var select: String?

    @Option(help: "Rules or categories to leave out, comma-separated.")
    var ignore: String?

    @Option(name: .customLong("pg-version"), help: "PostgreSQL major version the schema runs on (default 15, or the config's pg-version).")
    var pgVersion: Int?

    @Option(name: .customLong("context"),
            help: "A file or folder replayed into the schema model before the linted paths, without reporting its findings (repeatable).")
    var context: [String] = []

    @Option(help: ArgumentHelp("The migration layout of the linted folders and files (default: recognised): \(MigrationLayout.acceptedNames).",
                               valueName: "name"))
    var layout: String?

    @Flag(name: .customLong("lint-down"), inversion: .prefixedNo,
          help: "Lint down, undo and revert code on its own, against the schema as its up migration left it (default: set aside).")
    var lintDown: Bool?

    @Option(name: .customLong("changed-since"),
            help: ArgumentHelp("Report only files git shows added or modified since <rev>; the other files are replayed as context.",
                               valueName: "rev"))
    var changedSince: String?

    @Flag(name: .customLong("assume-in-transaction"), inversion: .prefixedNo,
          help: "Treat each file as running inside a transaction block (frameworks that wrap migrations in one).")
    var assumeInTransaction: Bool?

    @Option(name: .customLong("config"),
            help: ArgumentHelp("The configuration file to use (default: the nearest .schemalint.toml in the working directory or above).",
                               valueName: "path"))
    var configPath: String?

    @Flag(help: "Ignore every configuration file.")
    var isolated = false

    @Option(help: ArgumentHelp("Report only findings that are not in this baseline file (written by --write-baseline).",
                               valueName: "file"))
    var baseline: String?

    @Option(name: .customLong("write-baseline"),
            help: ArgumentHelp("Record every finding of this run in <file> (accepting them) instead of reporting them; exit 0.",
                               valueName: "file"))
    var writeBaseline: String?

    @Option(help: "Parsing threads (default: one per core; 1 parses on the main thread). Output does not depend on it.")
    var threads: Int?

    @Option(name: .customLong("stdin-filename"), help: "The name to report for standard input (-).")
    var stdinFilename: String?

    @Option(help: "Colour: auto (on a terminal, unless NO_COLOR is set), always, or never.")
    var color: ColorChoice = .auto

    enum ColorChoice: String, ExpressibleByArgument { case auto, always, never }

    @Flag(help: "Apply the safe fixes in place (files written atomically, line endings, BOM and mode kept), then report what remains. With - the fixed SQL goes to standard output and the report to standard error.")
    var fix = false

    @Flag(help: "Print the fixes as a unified diff (patch -p1 applies it) and change nothing; the exit code is a lint's on the findings that would remain.")
    var diff = false

    @Flag(name: .customLong("unsafe-fixes"), help: "With --fix or --diff, also apply the fixes that change what the schema ends up as (types, NOT NULL, names, indexes).")
    var unsafeFixes = false

    func validate() throws {
        if paths.isEmpty, databaseURL == nil {
            throw ValidationError("no input: give SQL files, folders, - for standard input, or --database-url")
        }
        if let pgVersion, !(9...18).contains(pgVersion) { throw ValidationError("--pg-version must be between 9 and 18") }
        if isolated, configPath != nil { throw ValidationError("--isolated and --config cannot be used together") }
        if let threads, !(1...64).contains(threads) { throw ValidationError("--threads must be between 1 and 64") }
        if fix || diff, databaseURL != nil, paths.isEmpty {
            throw ValidationError("--fix and --diff edit files: give the migration files to fix (a live schema is only read)")
        }
        if unsafeFixes, !fix, !diff { throw ValidationError("--unsafe-fixes needs --fix or --diff") }
        if fix || diff, writeBaseline != nil { throw ValidationError("--write-baseline cannot be used with --fix or --diff") }
        if let layout, MigrationLayout(named: layout) == nil {
            throw ValidationError("unknown layout `\(layout)` for --layout (expected one of: \(MigrationLayout.acceptedNames))")
        }
    }

    func run() throws {
        // The process exits after this run (unlike `server`, `mcp` and `measure`, which lint again and again): what
        // the run builds is left to the exit, not freed piece by piece.
        ExitTeardown.leavesMemoryToExit = true
        let selection = RuleSelection(select: Self.list(select), ignore: Self.list(ignore))
        do { _ = try selection.resolve() } catch { throw ValidationError("\(error)") }
        let configuration: Configuration
        do {
            configuration = try ConfigDiscovery.configuration(explicitPath: configPath, isolated: isolated)
        } catch let error as ConfigError {
            throw ValidationError(error.description)
        }
        let commandLine = CommandLineSettings(
            select: select == nil ? nil : Self.list(select), ignore: ignore == nil ? nil : Self.list(ignore),
            pgVersion: pgVersion, assumeInTransaction: assumeInTransaction,
            context: context.isEmpty ? nil : context.map { Paths.absolute($0) }, threads: threads)
        // Read before linting: a broken baseline is a usage error, and nothing should be printed first.
        let accepted: Baseline?
        do { accepted = try baseline.map { try Baseline.read(path: $0) } } catch let error as Baseline.ReadError {
            throw ValidationError(error.description)
        }

        // The live schema: linted itself without paths, the context of the paths otherwise.
        var live: (database: LiveDatabase, schema: SourceFile)?
        if let databaseURL {
            do {
                let database = try LiveDatabase(connectionString: databaseURL)
                live = (database, try database.schema())
            } catch let error as DatabaseError { throw ValidationError(error.description) }
        }
        var inputFailed = false
        let changed: Set<String>?
        do { changed = try changedSince.map { try ChangedFiles.since($0, in: FileManager.default.currentDirectoryPath) } } catch {
            throw ValidationError("\(error)")
        }
        let stdinName = stdinFilename ?? "<stdin>"
        // Standard input is read once: rounds of --fix lint it again from here.
        let stdin = paths.contains("-") ? StandardStreams.readStandardInput() : nil
        let liveContext = paths.isEmpty ? [] : live.map { [$0.schema] } ?? []
        var quiet = false
        func lint(_ overlay: [String: [UInt8]]) throws -> (MigrationRun, LintResult) {
            var files = overlay
            if let stdin, files[stdinName] == nil { files[stdinName] = stdin }
            var run: MigrationRun
            if let live, paths.isEmpty { run = MigrationRun(plainFiles: [live.schema]) }
            else { run = readRun(paths, failed: &inputFailed, configuration: configuration, overlay: files, quiet: quiet) }
            if let changed { run.limit(toChanged: changed, stdinName: stdin == nil ? nil : stdinName) }
            var result = try ProjectLinter(configuration: configuration, commandLine: commandLine).lint(run) { paths in
                liveContext + readFiles(paths.map { Paths.relative($0, to: FileManager.default.currentDirectoryPath) }, failed: &inputFailed,
                                        overlay: files, quiet: quiet)
            }
            if let live {
                do {
                    result.diagnostics = try live.database.weighing(result.diagnostics, by: configuration.database)
                    result.all = try live.database.weighing(result.all, by: configuration.database)
                } catch let error as DatabaseError { throw ValidationError("reading table sizes: \(error.description)") }
            }
            if writeBaseline == nil, let accepted, let baseline {
                let byPath = Dictionary(run.sources.map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
                result = result.removing(accepted, sources: byPath, baselinePath: baseline).result
            }
            // Problems reading the input are said once, by the first lint.
            quiet = true
            return (run, result)
        }
        var (run, result) = try lint([:])
        if fix || diff {
            (run, result) = try applyFixes(run: run, result: result, stdin: stdin.map { (stdinName, $0) }, lint: lint)
        }
        let byPath = Dictionary(run.sources.map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })

        if let writeBaseline {
            let recorded = Baseline.record(result.diagnostics, sources: byPath, baselinePath: writeBaseline)
            do { try recorded.rendered().write(toFile: writeBaseline, atomically: true, encoding: .utf8) } catch {
                throw ValidationError("cannot write \(writeBaseline): \(error)")
            }
            print("Recorded \(recorded.entries.count) finding\(recorded.entries.count == 1 ? "" : "s") in \(writeBaseline).")
            if inputFailed { throw ExitCode(2) }
            return
        }
        var report = Report(result: result, run: run, includeSuppressed: includeSuppressed)
        if let live { report.liveSchemas = [live.schema.path] }
        let reporter = format.reporter(color: output == nil && useColor)
        if let output {
            do { try reporter.render(report).write(toFile: output, atomically: true, encoding: .utf8) } catch {
                throw ValidationError("cannot write \(output): \(error)")
            }
        } else if !diff {
            // With - and --fix standard output holds the fixed SQL.
            let stream: UnsafeMutablePointer<FILE> = fix && stdin != nil ? stderr : stdout
            reporter.writeUTF8(report) { StandardStreams.write($0, to: stream) }
            fflush(stream)
        }

        ExitTeardown.keep(report, run, result)
        if inputFailed { throw ExitCode(2) }
        if !exitZero, let threshold = failOn.threshold, result.diagnostics.contains(where: { $0.severity >= threshold }) {
            throw ExitCode(1)
        }
    }

    /// The migrations of the linted paths: each folder planned by its layout (forced by --layout or the config's
    /// `layout`, else recognised), each file cut by its section markers. Problems go to stderr and set `failed`;
    /// files the configuration's `exclude` matches are skipped.
    /// `overlay` holds files by path that replace those on disk (fixed in an earlier round, or standard input);
    /// `quiet` keeps problems off stderr when a later round reads the input again.
    private func readRun(_ paths: [String], failed: inout Bool, configuration: Configuration,
                         overlay: [String: [UInt8]] = [:], quiet: Bool = false) -> MigrationRun {
        let forced = layout.flatMap(MigrationLayout.init(named:)) ?? configuration.layout
        var builder = MigrationRunBuilder(forced: forced, lintRollbacks: lintDown ?? configuration.lintDown ?? false,
                                          replayFirst: configuration.replayFirst)
        func read(_ file: String) -> SourceFile? {
            if let bytes = overlay[file] { return SourceFile(path: file, bytes: bytes) }
            switch InputFiles.read(file) {
            case .success(let bytes): return SourceFile(path: file, bytes: bytes)
            case .failure(let problem): if !quiet { printError(problem.description) }; failed = true; return nil
            }
        }
        for path in paths {
            var isDirectory = false
            guard path != "-", FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory else {
                readFiles([path], failed: &failed, excluding: configuration, overlay: overlay, quiet: quiet)
                    .forEach { builder.add(file: $0) }
                continue
            }
            let (files, problems) = InputFiles.expand([path])
            for problem in problems { if !quiet { printError(problem.description) }; failed = true }
            builder.add(folder: path, files: files.filter { !configuration.isExcluded($0) }, read: read)
        }
        return builder.build()
    }

    /// Reads every path (a folder expands to its *.sql files); problems go to stderr and set `failed`.
    /// Files the configuration's `exclude` matches are skipped.
    private func readFiles(_ paths: [String], failed: inout Bool, excluding configuration: Configuration? = nil,
                           overlay: [String: [UInt8]] = [:], quiet: Bool = false) -> [SourceFile] {
        var sources: [SourceFile] = []
        for path in paths {
            if path == "-" {
                let name = stdinFilename ?? "<stdin>"
                if configuration?.isExcluded(name) == true { continue }
                sources.append(SourceFile(path: name, bytes: overlay[name] ?? StandardStreams.readStandardInput()))
                continue
            }
            let (files, problems) = InputFiles.expand([path])
            for problem in problems { if !quiet { printError(problem.description) }; failed = true }
            for file in files where configuration?.isExcluded(file) != true {
                if let bytes = overlay[file] { sources.append(SourceFile(path: file, bytes: bytes)); continue }
                switch InputFiles.read(file) {
                case .success(let bytes): sources.append(SourceFile(path: file, bytes: bytes))
                case .failure(let problem): if !quiet { printError(problem.description) }; failed = true
                }
            }
        }
        return sources
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
        (value ?? "").split(separator: ",").map { $0.trimming(.whitespaces) }.filter { !$0.isEmpty }
    }
}
