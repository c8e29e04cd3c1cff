/// `lint_sql`: the findings on SQL text or files, as the JSON reporter gives them (`diagnostics` and `summary`).
public enum LintSQLTool: AgentTool {
    public static let name = "lint_sql"
    public static let summary = """
        Lint PostgreSQL SQL (migrations or a schema) with schemalint: design conventions, migrations that lock or \
        rewrite a live table, and security mistakes. Give `sql` or `paths`; `context` supplies the existing schema. \
        Returns the findings (rule, severity, message, help, suggested SQL, file, line, column) and a summary.
        """
    public static let parameters = [LintRequest.sql, LintRequest.filename, LintRequest.paths] + LintRequest.shared

    public static func call(_ arguments: ToolArguments, in workspace: AgentWorkspace) throws -> ToolResult {
        let (run, result) = try LintRequest(arguments, in: workspace).lint()
        let report = Report(result: result, run: run)
        return ToolResult(text: report.toolSummary(), structured: JSONReporter.document(report))
    }
}
