/// The qualified object name a finding carries (`Diagnostic.object`): always schema-qualified, never quoted,
/// so `ignore-objects` globs and baselines see one spelling: `public.dog`, `public.dog.client_id`.
extension QualifiedName {
    /// `schema.table`.
    public var object: String { "\(schema).\(name)" }

    /// `schema.table.column`.
    public func object(column: String) -> String { "\(object).\(column)" }
}
