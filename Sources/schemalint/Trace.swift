import ArgumentParser
import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif
import SchemaLint

/// `schemalint trace`: runs the migrations on a real PostgreSQL and sets the locks and rewrites it took beside
/// what the lint's findings claim for the same statements.
struct Trace: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trace",
        abstract: "Run migrations on PostgreSQL (a throwaway cluster, or a scratch copy of --database-url) and compare the locks and rewrites it takes with the lint's claims.")

    @Argument(help: "Migration files or folders, in the order and sections the lint uses.")
    var paths: [String] = []

    @Option(name: .customLong("database-url"),
            help: ArgumentHelp("Trace in a scratch copy of this database (CREATE DATABASE … TEMPLATE); the original is not changed. Default: a throwaway PostgreSQL cluster.",
                               valueName: "url"))
    var databaseURL: String?

    enum Format: String, ExpressibleByArgument { case text, json }

    @Option(help: "Output format: text or json.")
    var format: Format = .text

    @Option(help: ArgumentHelp("The migration layout of the folders and files (default: recognised): \(MigrationLayout.acceptedNames).",
                               valueName: "name"))
    var layout: String?

    @Option(name: .customLong("statement-timeout"), help: "statement_timeout of the tracing session.")
    var statementTimeout = "5min"

    @Option(name: .customLong("lock-timeout"), help: "lock_timeout of the tracing session.")
    var lockTimeout = "10s"

    @Option(name: .customLong("config"), help: ArgumentHelp("The configuration file to use.", valueName: "path"))
    var configPath: String?

    @Flag(help: "Ignore every configuration file.")
    var isolated = false

    func validate() throws {
        if paths.isEmpty { throw ValidationError("no input: give migration files or folders") }
        if paths.contains("-") { throw ValidationError("trace reads files, not standard input") }
        if let layout, MigrationLayout(named: layout) == nil {
            throw ValidationError("unknown layout `\(layout)` for --layout (expected one of: \(MigrationLayout.acceptedNames))")
        }
        for timeout in [statementTimeout, lockTimeout] where !timeout.allSatisfy({ $0.isLetter || $0.isNumber || $0 == " " }) {
            throw ValidationError("a timeout is a number with an optional unit (5s, 2min), not `\(timeout)`")
        }
    }

    func run() throws {
        let configuration: Configuration
        do { configuration = try ConfigDiscovery.configuration(explicitPath: configPath, isolated: isolated) } catch let error as ConfigError {
            throw ValidationError(error.description)
        }
        var inputFailed = false
        let run = readRun(configuration: configuration, failed: &inputFailed)
        if inputFailed { throw ExitCode(2) }

        var cluster: ThrowawayCluster?
        var scratch: ScratchDatabase?
        defer { scratch?.drop(); cluster?.stop() }
        let connection: PostgresConnection
        let database: String
        do {
            if let databaseURL {
                scratch = try ScratchDatabase(copying: databaseURL)
                connection = try PostgresConnection(scratch!.connectionString)
                database = "scratch copy \(scratch!.name) of \(DatabaseURL.redacted(databaseURL))"
            } else {
                cluster = try ThrowawayCluster()
                connection = try PostgresConnection(cluster!.connectionString)
                database = "throwaway cluster"
            }
        } catch let error as DatabaseError {
            printError(error.description.split(whereSeparator: \.isNewline).joined(separator: " "))
            throw ExitCode(2)
        }
        // The lint judges the statements for the server they run on.
        let commandLine = CommandLineSettings(pgVersion: connection.serverVersion / 10000 >= 10 ? connection.serverVersion / 10000 : nil)
        let findings = try ProjectLinter(configuration: configuration, commandLine: commandLine).lint(run).all
        var result: TraceResult
        do {
            result = try MigrationTracer(statementTimeout: statementTimeout, lockTimeout: lockTimeout)
                .trace(run, findings: findings, on: connection)
        } catch let error as DatabaseError {
            printError("the tracing session failed: \(error.message)")
            throw ExitCode(2)
        }
        result.database = database
        StandardStreams.write(format == .json ? TraceReporter.json(result) : TraceReporter.text(result), to: stdout)
        if result.hasProblems { throw ExitCode(1) }
    }

    /// The forward migrations of the paths, as the lint reads them (layouts, sections, the config's `exclude`).
    private func readRun(configuration: Configuration, failed: inout Bool) -> MigrationRun {
        let forced = layout.flatMap(MigrationLayout.init(named:)) ?? configuration.layout
        var builder = MigrationRunBuilder(forced: forced, replayFirst: configuration.replayFirst)
        func read(_ file: String) -> SourceFile? {
            switch InputFiles.read(file) {
            case .success(let bytes): return SourceFile(path: file, bytes: bytes)
            case .failure(let problem): printError(problem.description); failed = true; return nil
            }
        }
        for path in paths {
            var isDirectory = false
            let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
            let (files, problems) = InputFiles.expand([path])
            for problem in problems { printError(problem.description); failed = true }
            if exists, isDirectory {
                builder.add(folder: path, files: files.filter { !configuration.isExcluded($0) }, read: read)
            } else {
                files.filter { !configuration.isExcluded($0) }.compactMap(read).forEach { builder.add(file: $0) }
            }
        }
        return builder.build()
    }
}
