/// A view, materialized view or sequence the run created. Like a table it records where it was created, so a
/// statement on it (`ALTER TABLE … OWNER TO`, which pg_dump writes for views and sequences too, `CREATE INDEX` on a
/// materialized view, `DROP VIEW`) is judged by whether the file made it, and is not taken for a live table.
public struct Relation: Sendable {
    public enum Kind: Sendable { case view, materializedView, sequence }

    public var name: QualifiedName
    public var kind: Kind
    /// The statement that created it, through its name.
    public var created: SourceAnchor
}

extension SchemaModel {
    /// The view, materialized view or sequence of that name the run created, if any.
    public func relation(_ name: QualifiedName) -> Relation? { relations[name] }

    /// Where the run created the table, view, materialized view or sequence of that name; nil when it did not. A
    /// relation comes first: CREATE TABLE forgets one of its name, so a relation still known was created after any
    /// table of that name (which the run then lost track of, such as one dropped through another schema).
    public func introduced(_ name: QualifiedName) -> SourceAnchor? { relations[name]?.created ?? table(name)?.introduced }

    /// Records a new relation; with `keepingEarlier` (IF NOT EXISTS, OR REPLACE) one of that name stays as it was.
    func createRelation(_ relation: Relation, keepingEarlier: Bool = false) {
        if keepingEarlier, relations[relation.name] != nil { return }
        relations[relation.name] = relation
    }

    func dropRelation(_ name: QualifiedName) { relations[name] = nil }

    /// RENAME or SET SCHEMA: the relation is known under its new name, and a renamed sequence stays the default of
    /// the columns that use it (PostgreSQL refers to it by OID).
    func moveRelation(_ old: QualifiedName, to new: QualifiedName) {
        guard var relation = relations.removeValue(forKey: old) else { return }
        relation.name = new
        relations[new] = relation
        if relation.kind == .sequence { moveSequence(old, to: new) }
    }
}
