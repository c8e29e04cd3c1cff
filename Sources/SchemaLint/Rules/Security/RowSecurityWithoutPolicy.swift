/// Row-level security enabled on a table that has no policy.
public struct RowSecurityWithoutPolicy: Rule {
    public static let metadata = RuleMetadata(
        id: "row-security-without-policy",
        summary: "Row-level security enabled on a table with no policy in the final schema.",
        rationale: """
            With row-level security on and no policy, PostgreSQL denies every row to every role the policies apply \
            to: SELECT returns nothing and INSERT, UPDATE and DELETE fail or touch nothing. Only the table's owner \
            (unless `FORCE ROW LEVEL SECURITY`), superusers and BYPASSRLS roles still see rows. That is sometimes \
            what is meant (a table only a service role reads), so this is information, not a warning: write the \
            policies, or say why there are none in a suppression comment. Judged on the final schema, so policies \
            created in a later file count. Only tables the run creates are judged.
            """,
        category: .security, defaultSeverity: .info, scope: .schema,
        bad: [
            RuleExample("""
                CREATE TABLE walk (id bigint PRIMARY KEY, walker text NOT NULL);
                ALTER TABLE walk «ENABLE ROW LEVEL SECURITY»;
                """),
            RuleExample("""
                CREATE TABLE walk (id bigint PRIMARY KEY, walker text NOT NULL);
                ALTER TABLE walk «ENABLE ROW LEVEL SECURITY», FORCE ROW LEVEL SECURITY;
                CREATE POLICY walk_own ON walk USING (walker = current_user);
                DROP POLICY walk_own ON walk;
                """, note: "The only policy was dropped; FORCE denies the owner too."),
        ],
        good: [
            RuleExample("""
                CREATE POLICY walk_own ON walk USING (walker = current_user);
                """, before: """
                CREATE TABLE walk (id bigint PRIMARY KEY, walker text NOT NULL);
                ALTER TABLE walk ENABLE ROW LEVEL SECURITY;
                """, note: "Row-level security enabled in one file, its policy in another."),
        ])

    public init(options: NoOptions) {}

    public func check(schema: SchemaContext) {
        for table in schema.model.createdTables where table.policies.isEmpty {
            guard let enabled = table.rowSecurity else { continue }
            let who = table.forcesRowSecurity ? "every role but superusers and BYPASSRLS roles (FORCE applies it to the owner)"
                : "every role but the owner, superusers and BYPASSRLS roles"
            schema.report(at: enabled,
                "Table \(table.name.quoted) has row-level security but no policy: \(who) sees no rows",
                help: "Create the policies the table's readers need (CREATE POLICY … ON \(SQLText.name(table.name)) …), or "
                    + "suppress this with the reason when denying everyone is the intent.",
                object: table.name.object)
        }
    }
}
