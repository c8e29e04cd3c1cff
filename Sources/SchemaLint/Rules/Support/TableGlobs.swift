/// Globs from rule options that exclude tables: a pattern with a dot is matched against `schema.table`
/// (`public.schema_migrations`, `audit.*`), one without against the bare table name (`*_history`). The matching is
/// `Glob`'s, with `.` separating parts. Compiled once per rule: a whole-schema rule asks once per table and run.
struct TableGlobs: Sendable {
    private let globs: [(glob: Glob, qualified: Bool)]

    init(_ patterns: [String]) {
        globs = patterns.map { (Glob($0, separator: "."), $0.contains(".")) }
    }

    /// Whether any of the globs matches this table.
    func match(_ table: QualifiedName) -> Bool {
        globs.contains { $0.glob.matches($0.qualified ? "\(table.schema).\(table.name)" : table.name) }
    }
}
