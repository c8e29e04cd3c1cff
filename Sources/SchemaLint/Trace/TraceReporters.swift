/// `schemalint trace` output: text for people (statements with something to say, then the counts) and JSON with
/// every statement.
public enum TraceReporter {
    public static func text(_ result: TraceResult) -> String {
        var out = ""
        for statement in result.statements where statement.verdict != .quiet {
            out += "\(location(statement)): \(statement.verdict.rawValue)  \(head(statement.sql))  (\(milliseconds(statement.duration)) ms)\n"
            if statement.error == nil {
                let locks = statement.locks.filter(\.relation.isTableLike).map { lock in
                    lock.strongestNew.map { "\($0) on \(lock.relation.qualified)" }
                        ?? "\(lock.strongestHeld) on \(lock.relation.qualified) (held since earlier)"
                }
                let rewrites = statement.rewrites.map { "rewrote \($0.relation.qualified)" }
                let seen = statement.locksObserved ? locks + rewrites
                    : ["locks not observed (ran outside a transaction block)"] + rewrites
                out += "  PostgreSQL: \(seen.isEmpty ? "no lock on a table" : seen.joined(separator: "; "))\n"
            }
            for check in statement.checks where check.outcome != .unobserved {
                out += "  \(check.outcome.rawValue) [\(check.rule)] \(check.claim)" + (check.observed.map { ": PostgreSQL \($0)" } ?? "") + "\n"
            }
            for danger in statement.traceOnly { out += "  trace only: \(danger), which no finding names\n" }
            if let error = statement.error { out += "  error: \(error.description.replacing("\n", with: "\n    "))\n" }
        }
        if let failed = result.failed {
            out += "\nStopped at \(failed.file):\(failed.errorPosition?.line ?? failed.position.line):"
                + "\(failed.errorPosition?.column ?? failed.position.column): PostgreSQL rejected the statement: "
                + "\(failed.error?.message ?? "")\(failed.error?.sqlState.map { " (SQLSTATE \($0))" } ?? "")\n"
        }
        let n = result.statements.count
        out += "\(out.isEmpty ? "" : "\n")Traced \(n) statement\(n == 1 ? "" : "s") of \(result.files) file\(result.files == 1 ? "" : "s") "
            + "on \(result.server) (\(result.database)): \(result.count(.confirmed)) confirmed, \(result.count(.staticOnly)) static only, "
            + "\(result.count(.traceOnly)) trace only, \(result.count(.failed)) failed, \(result.count(.quiet)) without claims or dangers.\n"
        return out
    }

    public static func json(_ result: TraceResult) -> String {
        let statements: [JSONValue] = result.statements.map { s in
            .object([
                ("file", .string(s.file)), ("line", .int(s.position.line)), ("column", .int(s.position.column)),
                ("sql", .string(s.sql)), ("verdict", .string(s.verdict.rawValue)),
                ("durationMs", .double(milliseconds(s.duration))), ("locksObserved", .bool(s.locksObserved)),
                ("locks", .array(s.locks.map { lock in
                    .object([("relation", .string(lock.relation.qualified)), ("kind", .string(String(lock.relation.kind))),
                             ("mode", .string(lock.strongestHeld.description)),
                             ("newMode", lock.strongestNew.map { .string($0.description) } ?? .null),
                             ("existing", .bool(lock.onExistingRelation))])
                })),
                ("rewrites", .array(s.rewrites.map { .object([("relation", .string($0.relation.qualified)),
                                                              ("existing", .bool($0.onExistingRelation))]) })),
                ("findings", .array(s.findings.map { .object([("rule", .string($0.rule)), ("message", .string($0.message))]) })),
                ("checks", .array(s.checks.map { check in
                    .object([("rule", .string(check.rule)), ("claim", .string(check.claim)), ("outcome", .string(check.outcome.rawValue)),
                             ("observed", check.observed.map(JSONValue.string) ?? .null)])
                })),
                ("traceOnly", .array(s.traceOnly.map(JSONValue.string))),
                ("error", s.error.map { error in
                    .object([("message", .string(error.message)), ("sqlState", error.sqlState.map(JSONValue.string) ?? .null),
                             ("line", .int(s.errorPosition?.line ?? s.position.line)),
                             ("column", .int(s.errorPosition?.column ?? s.position.column))])
                } ?? .null),
            ])
        }
        let summary: JSONValue = .object([
            ("files", .int(result.files)), ("statements", .int(result.statements.count)),
            ("confirmed", .int(result.count(.confirmed))), ("staticOnly", .int(result.count(.staticOnly))),
            ("traceOnly", .int(result.count(.traceOnly))), ("failed", .int(result.count(.failed))),
            ("quiet", .int(result.count(.quiet))),
        ])
        return JSONValue.object([
            ("tool", .object([("name", .string("schemalint")), ("version", .string(SchemaLintVersion.current))])),
            ("server", .string(result.server)), ("database", .string(result.database)),
            ("statements", .array(statements)), ("summary", summary),
        ]).rendered(indent: 2) + "\n"
    }

    static func location(_ s: TracedStatement) -> String { "\(s.file):\(s.position.line):\(s.position.column)" }

    /// The statement's first line, cut at 80 characters.
    static func head(_ sql: String) -> String {
        let first = sql.split(separator: "\n", maxSplits: 1).first.map(String.init) ?? sql
        return first.count > 80 ? String(first.prefix(79)) + "…" : first + (sql.contains("\n") ? " …" : "")
    }

    static func milliseconds(_ d: Duration) -> Double {
        let ms = Double(d.components.seconds) * 1000 + Double(d.components.attoseconds) / 1e15
        return (ms * 100).rounded() / 100
    }
}
