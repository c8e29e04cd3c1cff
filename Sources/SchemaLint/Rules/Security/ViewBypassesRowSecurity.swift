/// A view over a row-level-secured table that runs with its owner's rights.
public struct ViewBypassesRowSecurity: Rule {
    public static let metadata = RuleMetadata(
        id: "view-bypasses-row-security",
        summary: "A view reading a table with row-level security, without WITH (security_invoker = true).",
        rationale: """
            A view reads its tables with the rights of the view's owner, not of whoever queries it. When the owner \
            owns the table too (the usual case: one migration role creates both) row-level security does not apply \
            to it, so every reader of the view sees every row the policies were written to hide. PostgreSQL 15 \
            added `WITH (security_invoker = true)`: the view then checks permissions and policies as the querying \
            user. Before 15 there is no such option: make the view's owner a role the policies apply to (not the \
            table's owner, no BYPASSRLS, or `FORCE ROW LEVEL SECURITY` on the table), filter in the view itself \
            (`WHERE tenant_id = current_setting('app.tenant')::bigint`, with `security_barrier`), or revoke access to \
            the view. A materialized view is worse: it stores the rows its owner saw at the last refresh, and has \
            no security_invoker; do not build one over a row-secured table for readers the policies restrict, or \
            revoke their access to it. Tables are followed through other views, and judged on the final schema: row-level security \
            enabled in a later file counts, and so does a later `ALTER VIEW … SET (security_invoker = true)`. On by \
            default: a view that shows rows the policies hide defeats the policies, and a view that is meant to do \
            so (a deliberate summary for everyone) deserves a suppression comment saying so.
            """,
        category: .security, defaultSeverity: .warning, scope: .schema, fix: .unsafeAddition,
        bad: [
            RuleExample("""
                CREATE TABLE walk (id bigint PRIMARY KEY, walker text NOT NULL DEFAULT current_user);
                ALTER TABLE walk ENABLE ROW LEVEL SECURITY;
                CREATE POLICY walk_own ON walk USING (walker = current_user);
                «CREATE VIEW walk_list» AS SELECT id, walker FROM walk;
                """, note: "Readers of walk_list see every walk, their own or not."),
            RuleExample("""
                «CREATE VIEW walk_ids» AS SELECT id FROM walk;
                «CREATE VIEW recent_walk» AS SELECT * FROM (SELECT id FROM walk_ids ORDER BY id DESC LIMIT 10) AS w;
                ALTER TABLE public.walk ENABLE ROW LEVEL SECURITY;
                """, before: """
                CREATE TABLE walk (id bigint PRIMARY KEY, walker text NOT NULL);
                CREATE POLICY walk_own ON walk USING (walker = current_user);
                """, note: "Through another view and a subquery; row-level security enabled after the view, the policy in an earlier file."),
            RuleExample("""
                CREATE TABLE walk (id bigint PRIMARY KEY, walker text NOT NULL DEFAULT current_user);
                ALTER TABLE walk ENABLE ROW LEVEL SECURITY;
                CREATE POLICY walk_own ON walk USING (walker = current_user);
                «CREATE MATERIALIZED VIEW walk_totals» AS SELECT walker, count(*) AS walks FROM walk GROUP BY walker;
                """, note: "A materialized view stores every walker's row."),
        ],
        good: [
            RuleExample("""
                CREATE TABLE walk (id bigint PRIMARY KEY, walker text NOT NULL DEFAULT current_user);
                ALTER TABLE walk ENABLE ROW LEVEL SECURITY;
                CREATE POLICY walk_own ON walk USING (walker = current_user);
                CREATE VIEW walk_list WITH (security_invoker = true) AS SELECT id, walker FROM walk;
                """),
            RuleExample("""
                CREATE TABLE walk (id bigint PRIMARY KEY, walker text NOT NULL);
                ALTER TABLE walk ENABLE ROW LEVEL SECURITY;
                CREATE POLICY walk_all ON walk USING (true);
                CREATE VIEW walk_list AS SELECT id FROM walk;
                ALTER VIEW walk_list SET (security_invoker = on);
                """, note: "Made an invoker view later."),
            RuleExample("""
                CREATE TABLE dog (id bigint PRIMARY KEY, name text NOT NULL);
                CREATE VIEW dog_names AS SELECT name FROM dog;
                """, note: "dog has no row-level security."),
        ])

    public init(options: NoOptions) {}

    public func check(schema: SchemaContext) {
        for view in schema.model.createdViews where !view.securityInvoker {
            let secured = schema.model.rowSecuredTables(readBy: view)
            guard !secured.isEmpty else { continue }
            let tables = secured.map(\.quoted).joined(separator: ", ")
            if view.isMaterialized {
                schema.report(at: view.created,
                    "Materialized view \(view.name.quoted) stores the rows of \(tables), which \(secured.count == 1 ? "has" : "have") "
                        + "row-level security, as its owner sees them: readers of it bypass the policies",
                    help: "A materialized view has no security_invoker: do not give readers the policies restrict access to "
                        + "it (REVOKE SELECT ON \(SQLText.name(view.name)) FROM …), or use a plain invoker view instead.",
                    object: view.name.object)
                continue
            }
            let fix = schema.settings.pgVersion >= 15
                ? "Make it an invoker view: ALTER VIEW \(SQLText.name(view.name)) SET (security_invoker = true);"
                : "PostgreSQL \(schema.settings.pgVersion) has no security_invoker (15+): give the view an owner the "
                    + "policies apply to (not the table's owner, no BYPASSRLS), or filter rows in the view itself."
            schema.report(at: view.created,
                "View \(view.name.quoted) reads \(tables), which \(secured.count == 1 ? "has" : "have") row-level security, "
                    + "with its owner's rights: readers of the view bypass the policies",
                help: fix,
                suggestion: schema.settings.pgVersion >= 15
                    ? "ALTER VIEW \(SQLText.name(view.name)) SET (security_invoker = true);" : nil,
                object: view.name.object)
        }
    }
}
