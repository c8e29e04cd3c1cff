
/// ADD COLUMN with a default that rewrites the table.
public struct AddColumnWithDefault: Rule {
    public static let metadata = RuleMetadata(
        id: "add-column-with-default",
        summary: "ADD COLUMN on an existing table with a default that rewrites it (volatile; any default before 11; STORED).",
        rationale: """
            Since PostgreSQL 11, ADD COLUMN with a default that is not volatile is instant: the value is computed \
            once and kept in the catalog. A volatile default (one value per row) still rewrites the whole table, \
            and its indexes, under an ACCESS EXCLUSIVE lock that blocks all reads and writes until it is done. So \
            does any non-null default before PostgreSQL 11 (`--pg-version`), and a `GENERATED ALWAYS AS (…) STORED` \
            column on any version. Constants, casts of constants, operators on them, `now()`, `current_timestamp` \
            and other stable built-ins are fine. Volatile: `gen_random_uuid()`, `uuid_generate_v4()` and the other \
            uuid generators, `random()`, `clock_timestamp()`, `timeofday()`, `nextval()`, `currval()`, `txid_current()`. \
            A function schemalint does not know (not a listed built-in, and not created in the run as STABLE or \
            IMMUTABLE) is treated as volatile, because VOLATILE is what CREATE FUNCTION declares unless told \
            otherwise. Serial and identity columns are add-serial-column's. Tables created earlier in the same file \
            are exempt, and so are tables truncated earlier in the same transaction (and not written to since): \
            there is nothing to rewrite.
            """,
        category: .safety, defaultSeverity: .warning, scope: .statement, fix: .unsafeRewrite,
        bad: [
            RuleExample("ALTER TABLE walk «ADD COLUMN token uuid NOT NULL DEFAULT gen_random_uuid()»;", existing: RuleExample.walkDatabase),
            RuleExample("ALTER TABLE walk «ADD COLUMN checked_at timestamptz DEFAULT clock_timestamp()»;", existing: RuleExample.walkDatabase),
            RuleExample("ALTER TABLE walk «ADD COLUMN minutes int NOT NULL DEFAULT 30»;", note: "Before PostgreSQL 11 every non-null default rewrites.",
                        pgVersion: 10, existing: RuleExample.walkDatabase),
            RuleExample("ALTER TABLE walk «ADD COLUMN km numeric GENERATED ALWAYS AS (meters / 1000.0) STORED»;", existing: RuleExample.walkDatabase),
        ],
        good: [
            RuleExample("""
                BEGIN;
                TRUNCATE walk;
                ALTER TABLE walk ADD COLUMN token uuid NOT NULL DEFAULT gen_random_uuid();
                COMMIT;
                """, note: "The table was emptied earlier in the same transaction."),
            RuleExample("""
                ALTER TABLE walk ADD COLUMN minutes int NOT NULL DEFAULT 30;
                ALTER TABLE walk ADD COLUMN created_at timestamptz NOT NULL DEFAULT now();
                ALTER TABLE walk ADD COLUMN tags jsonb NOT NULL DEFAULT '{}'::jsonb;
                ALTER TABLE walk ADD COLUMN seen_at timestamp DEFAULT CURRENT_TIMESTAMP;
                """, note: "Constant and stable defaults are instant on PostgreSQL 11+."),
            RuleExample("""
                CREATE TABLE walk (id bigint PRIMARY KEY);
                ALTER TABLE walk ADD COLUMN token uuid NOT NULL DEFAULT gen_random_uuid();
                """, note: "The table is new in this file."),
            RuleExample("""
                ALTER TABLE walk ADD COLUMN token uuid;
                ALTER TABLE walk ALTER COLUMN token SET DEFAULT gen_random_uuid();
                """, note: "The safe recipe: no default while adding, then a default for new rows only."),
        ])

    public static let triggers: RuleTriggers = .changes(.addColumn)

    public init(options: NoOptions) {}

    public func check(statement: StatementContext) {
        for change in statement.changes {
            guard case .addColumn(let target, let column, .alterTable) = change, !statement.holdsNoRows(target) else { continue }
            let table = target.table.name
            let name = table.column(column.name)
            let lock = Safety.lockPhrase(Safety.lock(on: table, in: statement, fallback: .accessExclusive), on: table.quoted)
            if column.isGenerated {
                statement.report(
                    at: column.anchor,
                    "Adding the stored generated column \(name) computes it for every row: it rewrites the table and \(lock) until it is done",
                    help: "Add a plain nullable column instead, fill it in batches (UPDATE … WHERE id BETWEEN …), and keep it "
                        + "current with a trigger; or compute the value when reading (a view or an expression index).",
                    object: table.object(column: column.name))
                continue
            }
            guard let expression = column.defaultExpression, !DefaultVolatility.isNull(expression),
                  !column.isIdentity else { continue }
            let why: String
            if statement.settings.pgVersion < 11 {
                why = "a default (before PostgreSQL 11 every non-null default is written into each row)"
            } else {
                switch DefaultVolatility.judge(expression, model: statement.model) {
                case .constant: continue
                case .volatile(let function, true): why = "the volatile default \(function)()"
                case .volatile(let function, false):
                    why = "a default calling \(function)(), which is not known to be STABLE or IMMUTABLE (so treated as volatile)"
                }
            }
            statement.report(
                at: column.anchor,
                "Adding \(name) with \(why) rewrites the whole table, and \(lock) until the rewrite ends",
                help: "1. Add the column without the default (instant): ALTER TABLE … ADD COLUMN c type; "
                    + "2. ALTER TABLE … ALTER COLUMN c SET DEFAULT …; so new rows get it; "
                    + "3. fill existing rows in batches (UPDATE … SET c = … WHERE id BETWEEN … AND …), each in its own transaction; "
                    + "4. if it must be NOT NULL, add that last, through a validated CHECK (see set-not-null).",
                suggestion: suggestion(column: column, table: table, statement: statement.statement),
                object: table.object(column: column.name))
        }
    }

    /// ADD COLUMN without the default (and without NOT NULL, which would fail), then SET DEFAULT, when the ALTER TABLE
    /// has only this action and the column definition can be split by its tokens.
    private func suggestion(column: Column, table: QualifiedName, statement: Statement) -> String? {
        guard case .alterTable(let alter) = statement.syntax, alter.actions.count == 1 else { return nil }
        let tokens = Array(statement.codeTokens(in: column.anchor.range))
        guard let d = tokens.firstIndex(where: { $0.is(.default) }) else { return nil }
        // The default expression runs to the next column-constraint keyword at depth 0.
        let stops: Set<Keyword> = [.not, .null, .constraint, .check, .references, .unique, .primary, .generated, .collate]
        var depth = 0, end = d + 1
        while end < tokens.count {
            let kind = tokens[end].kind
            if kind == .openParen { depth += 1 } else if kind == .closeParen { depth -= 1 }
            if depth == 0, let keyword = tokens[end].keyword, stops.contains(keyword) { break }
            end += 1
        }
        guard end > d + 1 else { return nil }
        let expression = statement.text(tokens[d + 1].start..<tokens[end - 1].end)
        // The definition as written, without DEFAULT … and without NOT NULL.
        var removed: [Range<Int>] = [tokens[d].start..<tokens[end - 1].end]
        for i in tokens.indices.dropLast() where tokens[i].is(.not) && tokens[i + 1].is(.null) {
            removed.append(tokens[i].start..<tokens[i + 1].end)
        }
        var definition = ""
        var at = column.anchor.range.lowerBound
        for range in removed.sorted(by: { $0.lowerBound < $1.lowerBound }) {
            definition += statement.text(at..<range.lowerBound)
            at = range.upperBound
        }
        definition += statement.text(at..<column.anchor.range.upperBound)
        definition = definition.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        let head = "ALTER TABLE \(SQLText.name(table))"
        var sql = "\(head) \(definition);\n\(head) ALTER COLUMN \(SQLText.ident(column.name)) SET DEFAULT \(expression);\n"
            + "-- then, in batches: UPDATE \(SQLText.name(table)) SET \(SQLText.ident(column.name)) = \(expression) WHERE … ;"
        if column.notNull { sql += "\n-- then SET NOT NULL through a validated CHECK (see set-not-null)" }
        return sql
    }
}
