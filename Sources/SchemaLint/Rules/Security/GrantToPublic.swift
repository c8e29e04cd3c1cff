/// Table or function privileges granted to PUBLIC.
public struct GrantToPublic: Rule {
    public static let metadata = RuleMetadata(
        id: "grant-to-public",
        summary: "GRANT of table, sequence or function privileges to PUBLIC.",
        rationale: """
            PUBLIC is every role, including roles created later for other applications, reporting tools or \
            contractors. A grant to PUBLIC is rarely what a schema means: grant to the role that needs the \
            privilege (or a group role) instead. Covers tables, views, sequences, functions, procedures and \
            `ALL … IN SCHEMA`; schema and database privileges are left alone. A later REVOKE … FROM PUBLIC \
            withdraws the finding. Opt-in, because some schemas (pg_dump output of extensions, read-only lookup \
            tables) grant to PUBLIC on purpose, and because PostgreSQL itself grants EXECUTE on every new function \
            to PUBLIC by default; this rule sees only grants written out.
            """,
        category: .security, defaultSeverity: .warning, enabledByDefault: false, scope: .schema,
        bad: [
            RuleExample("""
                CREATE TABLE walk (id bigint PRIMARY KEY, walker text NOT NULL);
                GRANT SELECT, UPDATE ON walk TO «PUBLIC»;
                GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA public TO app, «public»;
                """),
        ],
        good: [
            RuleExample("""
                CREATE TABLE walk (id bigint PRIMARY KEY, walker text NOT NULL);
                GRANT SELECT ON walk TO app_reader;
                GRANT ALL ON walk TO PUBLIC;
                REVOKE ALL ON walk FROM PUBLIC;
                GRANT USAGE ON SCHEMA public TO PUBLIC;
                """, note: "A role, a grant taken back, and a schema privilege."),
        ])

    public init(options: NoOptions) {}

    public func check(schema: SchemaContext) {
        for grant in schema.model.publicGrants {
            let what: String
            switch grant.objectKind {
            case .table: what = "table"
            case .sequence: what = "sequence"
            case .function: what = "function"
            case .procedure: what = "procedure"
            case .routine: what = "routine"
            default: continue
            }
            let privileges = grant.privileges.isEmpty ? "ALL" : grant.privileges.map { $0.uppercased() }.joined(separator: ", ")
            let object = grant.target == .allInSchema
                ? "every \(what) in schema \"\(grant.object.joined(separator: "."))\""
                : "\(what) \"\(grant.object.joined(separator: "."))\""
            schema.report(at: grant.anchor,
                "\(privileges) on \(object) is granted to PUBLIC: every role, present and future, has it",
                help: "Grant it to the roles that need it (a group role), not to PUBLIC.",
                object: grant.target == .objects ? QualifiedName(parts: grant.object)?.object : nil)
        }
    }
}
