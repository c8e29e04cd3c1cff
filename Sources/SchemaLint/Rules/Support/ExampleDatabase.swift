extension RuleExample {
    /// The production database most examples about existing tables run against when their suggestions are
    /// tried on PostgreSQL (`RuleExample.existing`): `owner`, and `walk` with rows.
    static let walkDatabase = """
        CREATE TABLE owner (id bigint PRIMARY KEY);
        INSERT INTO owner SELECT generate_series(1, 3);
        CREATE TABLE walk (id bigint NOT NULL, owner_id bigint, code text, meters int, name text, legacy text,
                           deleted_at timestamptz);
        INSERT INTO walk SELECT g, g, 'w' || g, 1000 * g, 'walk ' || g, NULL, NULL FROM generate_series(1, 3) g;
        """
}
