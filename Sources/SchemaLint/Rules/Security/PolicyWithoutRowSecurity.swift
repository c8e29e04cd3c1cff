/// Policies on a table whose row-level security is never enabled.
public struct PolicyWithoutRowSecurity: Rule {
    public static let metadata = RuleMetadata(
        id: "policy-without-row-security",
        summary: "CREATE POLICY on a table whose row-level security is not enabled in the final schema.",
        rationale: """
            A policy is only consulted once `ALTER TABLE … ENABLE ROW LEVEL SECURITY` has run on its table. Until \
            then PostgreSQL accepts the policy and ignores it: every role with privileges on the table reads and \
            writes every row, while the schema looks protected. Judged on the final schema, so row-level security \
            enabled in a later file counts (and a later DISABLE is followed too). Only tables the run creates are \
            judged: a table created elsewhere may have row-level security already. One finding per table, at its \
            first policy. On by default: a policy that is never consulted is always a mistake.
            """,
        category: .security, defaultSeverity: .warning, scope: .schema, fix: .unsafeAddition,
        bad: [
            RuleExample("""
                CREATE TABLE walk (id bigint PRIMARY KEY, walker text NOT NULL);
                «CREATE POLICY walk_own ON walk» USING (walker = current_user);
                CREATE POLICY walk_insert ON walk FOR INSERT WITH CHECK (walker = current_user);
                """, note: "Both policies do nothing."),
            RuleExample("""
                CREATE TABLE walk (id bigint PRIMARY KEY, walker text NOT NULL);
                ALTER TABLE walk ENABLE ROW LEVEL SECURITY;
                «CREATE POLICY walk_own ON walk» USING (walker = current_user);
                ALTER TABLE walk DISABLE ROW LEVEL SECURITY;
                """, note: "Disabled again later."),
        ],
        good: [
            RuleExample("""
                CREATE TABLE walk (id bigint PRIMARY KEY, walker text NOT NULL);
                CREATE POLICY walk_own ON walk USING (walker = current_user);
                ALTER TABLE walk ENABLE ROW LEVEL SECURITY;
                """),
            RuleExample("""
                ALTER TABLE walk ENABLE ROW LEVEL SECURITY;
                """, before: """
                CREATE TABLE walk (id bigint PRIMARY KEY, walker text NOT NULL);
                CREATE POLICY walk_own ON walk USING (walker = current_user);
                """, note: "Policies in one file, row-level security enabled in another."),
        ])

    public init(options: NoOptions) {}

    public func check(schema: SchemaContext) {
        for table in schema.model.createdTables where table.rowSecurity == nil {
            guard let first = table.policies.first else { continue }
            let names = table.policies.map { "\"\($0.name)\"" }.joined(separator: ", ")
            schema.report(at: first.anchor,
                "Table \(table.name.quoted) has \(table.policies.count == 1 ? "policy" : "policies") \(names) but row-level "
                    + "security is never enabled on it: the policies do nothing",
                help: "Enable row-level security on the table so that its policies apply.",
                suggestion: "ALTER TABLE \(SQLText.name(table.name)) ENABLE ROW LEVEL SECURITY;",
                object: table.name.object)
        }
    }
}
