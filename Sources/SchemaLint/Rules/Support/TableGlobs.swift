extension QualifiedName {
    /// Whether any of `globs` (rule options that exclude tables) matches this table: a pattern with a dot is
    /// matched against `schema.table` (`public.schema_migrations`, `audit.*`), one without against the bare
    /// table name (`*_history`). The matching is `Glob`'s, with `.` separating parts.
    func matches(anyOf globs: [String]) -> Bool {
        globs.contains { pattern in
            Glob(pattern, separator: ".").matches(pattern.contains(".") ? "\(schema).\(name)" : name)
        }
    }
}
