import FoundationEssentials

/// What lint_sql and fix_sql lint: SQL text or paths, the context replayed before them, and the rule selection and
/// PostgreSQL version, linted under the `.schemalint.toml` found from the server's working directory, as the command
/// would lint them there.
struct LintRequest {
    static let sql = ToolParameter("sql", .string, "SQL text to lint: a migration, or a schema.")
    static let filename = ToolParameter(
        "filename", .string,
        "The name findings give the SQL (default <sql>). Its tool's markers are read as in a file of that name: goose's `-- +goose Down` sections are set aside.")
    static let paths = ToolParameter(
        "paths", .strings,
        "Files or folders to lint instead of `sql`, relative to the server's working directory. A folder of migrations is read in its tool's order (goose, dbmate, diesel, sqlx, Flyway, sqitch, Prisma, Alembic, or natural order).")
    static let context = ToolParameter(
        "context", .strings,
        "Files or folders replayed into the schema model first, without reporting their findings: the existing schema or the earlier migrations.")
    static let select = ToolParameter(
        "select", .strings,
        "Rules to run instead of the defaults: rule ids, categories (design, safety, naming, security, syntax) or presets (recommended, strict, all).")
    static let ignore = ToolParameter("ignore", .strings, "Rules or categories to leave out.")
    static let pgVersion = ToolParameter("pg_version", .integer(9...18), "The PostgreSQL major version the SQL runs on (default 15, or the config's).")

    static let shared = [context, select, ignore, pgVersion]

    enum Input {
        case sql(name: String, text: [UInt8])
        case paths([String])
    }

    var input: Input
    var configuration: Configuration
    var commandLine: CommandLineSettings

    init(_ arguments: ToolArguments, in workspace: AgentWorkspace) throws {
        switch (arguments.string(Self.sql.name), arguments.strings(Self.paths.name)) {
        case (let text?, nil):
            input = .sql(name: arguments.string(Self.filename.name) ?? "<sql>", text: Array(text.utf8))
        case (nil, let paths?):
            guard !paths.isEmpty else { throw ToolError("`paths` is empty: give at least one file or folder") }
            guard !arguments.has(Self.filename.name) else { throw ToolError("`filename` names `sql`; it cannot be used with `paths`") }
            input = .paths(try paths.map { try workspace.checked($0, argument: Self.paths.name) })
        case (nil, nil): throw ToolError("give `sql` (SQL text) or `paths` (files or folders) to lint")
        case (_?, _?): throw ToolError("give `sql` or `paths`, not both")
        }
        let context = try arguments.strings(Self.context.name).map { paths in
            try paths.map { Paths.absolute(try workspace.checked($0, argument: Self.context.name), from: workspace.root) }
        }
        let select = arguments.strings(Self.select.name), ignore = arguments.strings(Self.ignore.name)
        do { _ = try RuleSelection(select: select ?? [], ignore: ignore ?? []).resolve() } catch {
            throw ToolError("\(error)")
        }
        do { configuration = try ConfigDiscovery.configuration(explicitPath: nil, isolated: false, workingDirectory: workspace.root) }
        catch let error as ConfigError { throw ToolError("the server's configuration cannot be used: \(error.description)") }
        commandLine = CommandLineSettings(select: select, ignore: ignore, pgVersion: arguments.int(Self.pgVersion.name),
                                          context: context)
    }

    /// Lints the input, with the files in `overlay` (by the path findings give them) replacing what was read.
    func lint(overlay: [String: [UInt8]] = [:]) throws -> (MigrationRun, LintResult) {
        var problems: [String] = []
        func read(_ path: String) -> SourceFile? {
            if let bytes = overlay[path] { return SourceFile(path: path, bytes: bytes) }
            switch InputFiles.read(path) {
            case .success(let bytes): return SourceFile(path: path, bytes: bytes)
            case .failure(let problem): problems.append(problem.description); return nil
            }
        }
        var builder = MigrationRunBuilder(forced: configuration.layout, lintRollbacks: configuration.lintDown ?? false,
                                          replayFirst: configuration.replayFirst)
        switch input {
        case .sql(let name, let text):
            builder.add(file: SourceFile(path: name, bytes: overlay[name] ?? text))
        case .paths(let paths):
            for path in paths {
                if Paths.isFolder(path) {
                    let (files, expandProblems) = InputFiles.expand([path])
                    problems += expandProblems.map(\.description)
                    builder.add(folder: path, files: files.filter { !configuration.isExcluded($0) }, read: read)
                } else if !configuration.isExcluded(path), let file = read(path) {
                    builder.add(file: file)
                }
            }
        }
        let run = builder.build()
        let result = try ProjectLinter(configuration: configuration, commandLine: commandLine).lint(run) { paths in
            InputFiles.expand(paths).files.compactMap(read)
        }
        guard problems.isEmpty else { throw ToolError("cannot read the input: \(problems.joined(separator: "; "))") }
        return (run, result)
    }
}

extension Report {
    /// For a tool's text: "2 findings: 1 error, 1 warning", then a `file:line:col: severity: message [rule]` line
    /// for each of the first `limit`.
    func toolSummary(limit: Int = 50) -> String {
        let report = self
        let n = report.diagnostics.count
        guard n > 0 else { return "No findings." }
        var counts: [String] = []
        for severity in [Severity.error, .warning, .info] {
            let c = report.count(severity)
            if c > 0 { counts.append("\(c) \(severity.rawValue)\(c == 1 ? "" : "s")") }
        }
        var lines = ["\(n) finding\(n == 1 ? "" : "s"): \(counts.joined(separator: ", "))"]
        var shown = report
        shown.diagnostics = Array(report.diagnostics.prefix(limit))
        lines.append(GCCReporter().render(shown).trimming(.newlines))
        if n > limit { lines.append("… and \(n - limit) more in the structured result.") }
        return lines.joined(separator: "\n")
    }
}
