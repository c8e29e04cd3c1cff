/// A domain (`CREATE DOMAIN`): a base type, possibly constrained.
public struct Domain: Sendable {
    public var name: QualifiedName
    public var baseType: ColumnType
    /// It has at least one CHECK constraint (written with it or added by ALTER DOMAIN).
    public var hasCheck: Bool
    public var notNull: Bool
}
