/// A SECURITY DEFINER function whose search_path is not fixed.
public struct SecurityDefinerWithoutSearchPath: Rule {
    public static let metadata = RuleMetadata(
        id: "security-definer-without-search-path",
        summary: "A SECURITY DEFINER function or procedure without SET search_path.",
        rationale: """
            A SECURITY DEFINER function runs with its owner's rights, but looks up every unqualified name (tables, \
            functions, operators) on the search_path of whoever calls it. A caller who can create objects in any \
            schema on that path (everyone can in `public` before PostgreSQL 15, and `pg_temp`, searched first for \
            tables unless listed, is always theirs) puts a table, view or function of the same name there, and the \
            definer function runs the caller's code with the owner's rights: privilege escalation. Fix the path in \
            the definition to trusted schemas with pg_temp last, `SET search_path = public, pg_temp` (PostgreSQL's \
            own advice; `public` only where untrusted roles cannot create in it), or `SET search_path = ''` with \
            every name schema-qualified. A path that leaves out the schema of an unqualified name does not help: \
            the name is then found in pg_temp. A later `ALTER FUNCTION … SET search_path` \
            counts (and a later `RESET search_path`, `RESET ALL` or `SECURITY INVOKER` is followed too). Judged \
            on the final schema, for the functions the run creates. On by default: PostgreSQL's documentation calls \
            the fixed search_path a requirement of writing SECURITY DEFINER functions safely, and the fix is one line.
            """,
        category: .security, defaultSeverity: .warning, scope: .schema, fix: .unsafeAddition,
        bad: [
            RuleExample("""
                CREATE TABLE walk (id bigint PRIMARY KEY, owner_id bigint NOT NULL);
                CREATE FUNCTION walk_count(owner bigint) RETURNS bigint LANGUAGE sql «SECURITY DEFINER»
                AS $$ SELECT count(*) FROM walk WHERE owner_id = owner $$;
                """, note: "`walk` and `count` are looked up on the caller's search_path, with the owner's rights."),
            RuleExample("""
                CREATE TABLE walk (id bigint PRIMARY KEY, owner_id bigint NOT NULL);
                CREATE FUNCTION walk_count(owner bigint) RETURNS bigint LANGUAGE sql «SECURITY DEFINER»
                SET search_path = public, pg_temp AS $$ SELECT count(*) FROM walk WHERE owner_id = owner $$;
                ALTER FUNCTION walk_count(bigint) RESET search_path;
                """, note: "A later RESET search_path undoes the fix."),
        ],
        good: [
            RuleExample("""
                CREATE TABLE walk (id bigint PRIMARY KEY, owner_id bigint NOT NULL);
                CREATE FUNCTION walk_count(owner bigint) RETURNS bigint LANGUAGE sql SECURITY DEFINER
                SET search_path = pg_catalog, pg_temp
                AS $$ SELECT count(*) FROM public.walk WHERE owner_id = owner $$;
                """),
            RuleExample("""
                ALTER FUNCTION walk_count(bigint) SET search_path = public, pg_temp;
                """, before: """
                CREATE TABLE walk (id bigint PRIMARY KEY, owner_id bigint NOT NULL);
                CREATE FUNCTION walk_count(owner bigint) RETURNS bigint LANGUAGE sql SECURITY DEFINER
                AS $$ SELECT count(*) FROM walk WHERE owner_id = owner $$;
                """, note: "The search_path is fixed by ALTER FUNCTION in a later file (its own schema, then pg_temp)."),
            RuleExample("""
                CREATE TABLE walk (id bigint PRIMARY KEY, owner_id bigint NOT NULL);
                CREATE FUNCTION walk_count(owner bigint) RETURNS bigint LANGUAGE sql SECURITY INVOKER
                AS $$ SELECT count(*) FROM walk WHERE owner_id = owner $$;
                """, note: "An invoker function runs with the caller's own rights."),
        ])

    public init(options: NoOptions) {}

    public func check(schema: SchemaContext) {
        for function in schema.model.createdFunctions where !function.setsSearchPath {
            guard let definer = function.securityDefiner else { continue }
            let kind = function.isProcedure ? "Procedure" : "Function"
            schema.report(at: definer,
                "\(kind) \(function.signature) is SECURITY DEFINER but does not fix its search_path: a caller can shadow "
                    + "the names it uses and run code with its owner's rights",
                help: "Fix its search_path to the schemas it uses, pg_temp last (SET search_path = "
                    + "\(SQLText.ident(function.signature.name.schema)), pg_temp), or to '' with every name qualified.",
                suggestion: "ALTER \(function.isProcedure ? "PROCEDURE" : "FUNCTION") \(function.signature.sql) SET search_path = "
                    + "\(SQLText.ident(function.signature.name.schema)), pg_temp;",
                object: function.signature.name.object)
        }
    }
}
