/// `fix_sql`: SQL text with schemalint's fixes applied (the safe ones, and with `unsafe_fixes` the others), the
/// findings the fixes removed and those that remain. Nothing is written: the agent decides what to keep.
public enum FixSQLTool: AgentTool {
    public static let name = "fix_sql"
    public static let summary = """
        Apply schemalint's fixes to PostgreSQL SQL and return the fixed SQL, the findings the fixes removed and the \
        findings that remain. Safe fixes change only how a statement locks or re-runs (CONCURRENTLY, NOT VALID then \
        VALIDATE, lock_timeout, IF NOT EXISTS); `unsafe_fixes` also applies those that change the schema (types, \
        NOT NULL, names). Writes no file.
        """
    static let unsafeFixes = ToolParameter(
        "unsafe_fixes", .boolean, "Also apply the fixes that change what the schema ends up as (default false).")
    public static let parameters = [
        ToolParameter(LintRequest.sql.name, .string, "The SQL to fix.", required: true), LintRequest.filename,
    ] + LintRequest.shared + [unsafeFixes]

    public static func call(_ arguments: ToolArguments, in workspace: AgentWorkspace) throws -> ToolResult {
        let request = try LintRequest(arguments, in: workspace)
        guard case .sql(let name, let original) = request.input else { throw ToolError("fix_sql fixes `sql` text") }
        var lastRun: MigrationRun?
        let outcome = try FixRounds(fixer: Fixer(unsafeFixes: arguments.bool(unsafeFixes.name) ?? false)).run(
            original: { $0 == name ? original : nil }, canFix: { $0 == name },
            lint: { overlay in
                let (run, result) = try request.lint(overlay: overlay)
                lastRun = run
                return result
            })
        let fixed = outcome.fixedFiles[name] ?? original
        let report = Report(result: outcome.remaining, run: lastRun ?? MigrationRun(plainFiles: []))
        let text = String(decoding: fixed, as: UTF8.self)
        var removed = report
        removed.diagnostics = outcome.fixed
        var lines = [outcome.fixed.isEmpty ? "No fix applied." : "Fixed \(outcome.fixed.count) finding\(outcome.fixed.count == 1 ? "" : "s")."]
        if outcome.unsafeLeft > 0 { lines.append("\(outcome.unsafeLeft) more have an unsafe fix (unsafe_fixes: true).") }
        lines.append("Remaining: " + report.toolSummary())
        return ToolResult(
            text: lines.joined(separator: "\n") + "\n\nFixed SQL:\n" + text,
            structured: .object([
                ("sql", .string(text)),
                ("changed", .bool(fixed != original)),
                // Where a fixed finding was: in the SQL as given, or as an earlier round of fixes left it.
                ("fixed", .array(outcome.fixed.map { JSONReporter.finding($0, in: removed) })),
                ("remaining", .array(report.diagnostics.map { JSONReporter.finding($0, in: report) })),
                ("unsafeFixesLeft", .int(outcome.unsafeLeft)),
            ]))
    }
}
