/// Reported by the front end, not by a check: a statement libpg_query cannot parse. The rest of the file
/// is still linted.
public struct SyntaxErrorRule: Rule {
    public static let metadata = RuleMetadata(
        id: "syntax-error",
        summary: "A statement that PostgreSQL cannot parse.",
        rationale: """
            The statement would fail when the migration runs. schemalint reports libpg_query's message (the \
            PostgreSQL 15 grammar) at the position the parser gave, skips that statement and lints every \
            other statement of the file; the summary counts the statements it could not analyse. The statement \
            may instead be syntax of a newer PostgreSQL, which the 15 grammar does not know: the finding says so \
            when `--pg-version` (or `pg-version`) is above 15, or when the error is at a keyword PostgreSQL added \
            later (`VIRTUAL` generated columns and `NOT ENFORCED` of 18, `PERIOD` foreign keys of 18, the SQL/JSON \
            functions of 16 and 17, `SYSTEM_USER`, `MERGE_ACTION`). Bodies are read too: a DO block, and a `LANGUAGE plpgsql` or `LANGUAGE sql` \
            function or procedure, whose body PostgreSQL compiles when it is created (`check_function_bodies` is on \
            by default), is compiled with PostgreSQL's own PL/pgSQL compiler and parser, and an error is reported \
            where it is inside the body. Only syntax is checked: names of tables, columns and types are not \
            looked up, as PostgreSQL's raw parse does not.
            """,
        category: .syntax, defaultSeverity: .error, scope: .statement,
        bad: [
            RuleExample("CREATE TABLE walk (id bigint PRIMARY KEY,«)»;"),
            RuleExample("CREATE TABLE walk (id bigint PRIMARY KEY, meters int, km numeric GENERATED ALWAYS AS (meters / 1000.0) «VIRTUAL»);",
                        note: "PostgreSQL 18 syntax: the finding says it may be newer than the grammar schemalint parses with.",
                        pgVersion: 18),
            RuleExample("CREATE TABLE walk (id bigint PRIMARY KEY);\nALTER TABLE walk «ADDD» COLUMN note text;"),
            RuleExample("""
                CREATE FUNCTION walk_total(owner bigint) RETURNS bigint LANGUAGE plpgsql AS $$
                DECLARE
                  total bigint;
                BEGIN
                  «SELEC» count(*) INTO total FROM walk WHERE owner_id = owner;
                  RETURN total;
                END $$;
                """, note: "An error on the body's 5th line (counting from the line of `$$`), at its file line and column."),
            RuleExample("""
                DO $$
                BEGIN
                  IF NOT EXISTS (SELECT 1 FROM pg_class WHERE relname = 'walk') THEN
                    CREATE TABLE walk (id bigint PRIMARY KEY)«)»;
                  END IF;
                END $$;
                """, note: "SQL inside a DO block."),
            RuleExample("CREATE FUNCTION walk_count() RETURNS bigint LANGUAGE sql AS 'SELECT count(*) FROM walk WHERE «WHERE» id = 1';",
                        note: "A LANGUAGE sql body in quotes."),
        ],
        good: [
            RuleExample("CREATE TABLE walk (id bigint PRIMARY KEY);"),
            RuleExample("""
                CREATE FUNCTION walk_touch() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                  NEW.updated_at := now();
                  RETURN NEW;
                END $$;
                CREATE FUNCTION walk_ids(since timestamptz) RETURNS TABLE (id bigint) LANGUAGE plpgsql AS $$
                BEGIN
                  RETURN QUERY SELECT w.id FROM walk w WHERE w.starts_at > since;
                END $$;
                CREATE PROCEDURE walk_purge(days int) LANGUAGE plpgsql AS $$
                BEGIN
                  DELETE FROM walk WHERE starts_at < now() - make_interval(days => days);
                  COMMIT;
                END $$;
                CREATE FUNCTION walk_count() RETURNS bigint LANGUAGE sql
                BEGIN ATOMIC
                  SELECT count(*) FROM walk;
                END;
                """, note: "A trigger function (NEW), RETURNS TABLE with RETURN QUERY, a procedure, and a BEGIN ATOMIC body."),
        ])

    static let help = "Fix the statement: it would fail when run. The other statements are still linted."

    static let newerSyntaxHelp = "If the database runs a newer PostgreSQL the statement may well be valid there, but schemalint "
        + "cannot analyse it: check it by hand (or silence it: -- schemalint-ignore syntax-error -- newer syntax). "
        + "The other statements are still linted."

    /// Keywords PostgreSQL added after 15 (its kwlist.h): a syntax error at one of them is likely newer syntax.
    static let newerKeywords: Set<String> = [
        "absent", "json", "json_array", "json_arrayagg", "json_object", "json_objectagg", "system_user",  // 16
        "json_exists", "json_query", "json_scalar", "json_serialize", "json_table", "json_value", "merge_action",  // 17
        "virtual", "enforced", "period",  // 18
    ]

    /// The finding for libpg_query's error `message` at `token`: says plainly when the statement may be newer syntax.
    static func finding(message: String, token: String, pgVersion: Int) -> (message: String, help: String) {
        guard pgVersion > 15 || newerKeywords.contains(Statement.identifierValue(token).lowercased()) else { return (message, help) }
        return (message + " (schemalint parses with the PostgreSQL 15 grammar: this may be syntax of a newer PostgreSQL)",
                newerSyntaxHelp)
    }

    public init(options: NoOptions) {}
}
