
/// CREATE without IF NOT EXISTS, ADD COLUMN without IF NOT EXISTS, DROP without IF EXISTS.
public struct NonIdempotentStatement: Rule {
    public static let metadata = RuleMetadata(
        id: "non-idempotent-statement",
        summary: "CREATE TABLE/INDEX or ADD COLUMN without IF NOT EXISTS, DROP without IF EXISTS: fails when run again.",
        rationale: """
            For teams whose migrations must be safe to re-run (a half-applied migration retried by hand, a \
            framework without a migrations table), every statement should succeed whether or not it already ran. \
            Flagged: CREATE TABLE, CREATE TABLE … AS, CREATE MATERIALIZED VIEW, CREATE INDEX, CREATE SEQUENCE, \
            CREATE SCHEMA and CREATE EXTENSION without IF NOT EXISTS; CREATE VIEW and CREATE FUNCTION or PROCEDURE \
            without OR REPLACE; ALTER TABLE … ADD COLUMN without IF NOT EXISTS; any DROP, DROP COLUMN and DROP \
            CONSTRAINT without IF EXISTS. Not flagged, because PostgreSQL has no such clause for them: CREATE TYPE, \
            ADD CONSTRAINT, CREATE TRIGGER before 14. New and existing objects alike: a re-run meets both. A \
            statement in a DO block under IF or CASE, or in a block with an EXCEPTION handler, is guarded by its \
            code (`IF NOT EXISTS (SELECT …) THEN`, `EXCEPTION WHEN duplicate_column`) and is not flagged. Off by \
            default.
            """,
        category: .safety, defaultSeverity: .warning, enabledByDefault: false, scope: .statement, fix: .safeRewrite,
        bad: [
            RuleExample("«CREATE TABLE walk» (id bigint PRIMARY KEY);"),
            RuleExample("«CREATE INDEX CONCURRENTLY walk_owner_id_idx ON walk» (owner_id);", existing: RuleExample.walkDatabase),
            RuleExample("ALTER TABLE walk «ADD COLUMN note text», «DROP COLUMN legacy»;", existing: RuleExample.walkDatabase),
            RuleExample("«DROP TABLE walk»;", existing: RuleExample.walkDatabase),
        ],
        good: [
            RuleExample("""
                CREATE TABLE IF NOT EXISTS walk (id bigint PRIMARY KEY, owner_id bigint);
                CREATE INDEX CONCURRENTLY IF NOT EXISTS walk_owner_id_idx ON walk (owner_id);
                ALTER TABLE walk ADD COLUMN IF NOT EXISTS note text, DROP COLUMN IF EXISTS legacy;
                CREATE OR REPLACE VIEW walk_view AS SELECT id FROM walk;
                DROP INDEX IF EXISTS walk_old_idx;
                DROP TABLE IF EXISTS hike;
                """),
            RuleExample("""
                DO $$
                BEGIN
                  BEGIN
                    ALTER TABLE walk ADD COLUMN note text;
                  EXCEPTION WHEN duplicate_column THEN NULL;
                  END;
                  IF NOT EXISTS (SELECT 1 FROM pg_class WHERE relname = 'hike') THEN
                    CREATE TABLE hike (id bigint PRIMARY KEY);
                  END IF;
                END $$;
                """, note: "Guarded by the DO block's code."),
        ], weighedByTableSize: false)

    public static let triggers: RuleTriggers = .statements(.createTable, .createIndex, .createTableAs, .createSequence, .createSchema, .createExtension,
                                                            .createView, .createFunction, .drop, .alterTable)

    public init(options: NoOptions) {}

    public func check(statement context: StatementContext) {
        let statement = context.statement
        guard !statement.isGuarded else { return }
        func flag(_ range: Range<Int>, _ what: String, _ clause: String, _ suggestion: String?, object: String? = nil) {
            context.report(range, "\(what) without \(clause) fails when the migration runs again",
                           help: "Write \(clause) so the statement succeeds whether or not it already ran.",
                           suggestion: suggestion, object: object)
        }
        let ifNotExists = "IF NOT EXISTS"
        switch statement.syntax {
        case .createTable(let create) where !create.ifNotExists:
            let name = QualifiedName(create.relation)
            flag(statement.safetyHead, "CREATE TABLE \(name.quoted)", ifNotExists,
                 statement.rewritten(inserting: ifNotExists, after: [.table]), object: name.object)
        case .createIndex(let index) where !index.ifNotExists:
            guard let indexName = index.name, !indexName.isEmpty else {
                context.report(statement.safetyHead, "CREATE INDEX without a name cannot say IF NOT EXISTS, and fails when the migration runs again",
                               help: "Name the index and write IF NOT EXISTS.", object: QualifiedName(index.relation).object)
                return
            }
            flag(statement.safetyHead, "CREATE INDEX \"\(indexName)\"", ifNotExists,
                 statement.rewritten(inserting: ifNotExists, after: [.index], skipping: [.concurrently]),
                 object: QualifiedName(index.relation).object)
        case .createTableAs(let create) where !create.ifNotExists && !create.isSelectInto:
            let matview = create.isMaterializedView
            flag(statement.firstLine, matview ? "CREATE MATERIALIZED VIEW" : "CREATE TABLE … AS", ifNotExists,
                 statement.rewritten(inserting: ifNotExists, after: matview ? [.view] : [.table]))
        case .createSequence(let create) where !create.ifNotExists:
            flag(statement.firstLine, "CREATE SEQUENCE", ifNotExists, statement.rewritten(inserting: ifNotExists, after: [.sequence]))
        case .createSchema(ifNotExists: false):
            flag(statement.firstLine, "CREATE SCHEMA", ifNotExists, statement.rewritten(inserting: ifNotExists, after: [.schema]))
        case .createExtension(ifNotExists: false):
            flag(statement.firstLine, "CREATE EXTENSION", ifNotExists, statement.rewritten(inserting: ifNotExists, after: [.extension]))
        case .createView(let view) where !view.orReplace:
            flag(statement.firstLine, "CREATE VIEW", "OR REPLACE", statement.rewritten(inserting: "OR REPLACE", after: [.create]))
        case .createFunction(let function) where !function.orReplace:
            flag(statement.firstLine, function.isProcedure ? "CREATE PROCEDURE" : "CREATE FUNCTION", "OR REPLACE",
                 statement.rewritten(inserting: "OR REPLACE", after: [.create]))
        case .drop(let drop) where !drop.missingOk:
            flag(statement.firstLine, "DROP", "IF EXISTS", dropSuggestion(drop, statement))
        case .alterTable(let alter):
            let ranges = statement.alterActionRanges(relation: alter.relation, count: alter.actions.count)
            for (cmd, range) in zip(alter.actions, ranges) where !cmd.missingOk {
                switch cmd.kind {
                case .addColumn:
                    flag(range, "ADD COLUMN", ifNotExists, actionSuggestion(range, ifNotExists, after: .column, statement))
                case .dropColumn:
                    flag(range, "DROP COLUMN", "IF EXISTS", actionSuggestion(range, "IF EXISTS", after: .column, statement))
                case .dropConstraint:
                    flag(range, "DROP CONSTRAINT", "IF EXISTS", actionSuggestion(range, "IF EXISTS", after: .constraint, statement))
                default: continue
                }
            }
        default:
            return
        }
    }

    /// The ALTER TABLE with the clause inserted into one action: after `keyword` when written, else after its first token.
    private func actionSuggestion(_ range: Range<Int>, _ clause: String, after keyword: Keyword, _ statement: Statement) -> String? {
        let tokens = statement.codeTokens(in: range)
        guard let first = tokens.first else { return nil }
        let second = tokens.dropFirst().first
        let at = second?.is(keyword) == true ? second!.end : first.end
        return statement.replacing(at..<at, with: " " + clause) + ";"
    }

    /// `DROP <object type keywords> IF EXISTS …` for the common object types.
    private func dropSuggestion(_ drop: Drop, _ statement: Statement) -> String? {
        let pattern: [Keyword]
        switch drop.kind {
        case .table: pattern = [.drop, .table]
        case .index: pattern = drop.concurrently ? [.drop, .index, .concurrently] : [.drop, .index]
        case .view: pattern = [.drop, .view]
        case .materializedView: pattern = [.drop, .materialized, .view]
        case .sequence: pattern = [.drop, .sequence]
        case .type: pattern = [.drop, .type]
        case .domain: pattern = [.drop, .domain]
        case .function: pattern = [.drop, .function]
        case .procedure: pattern = [.drop, .procedure]
        case .schema: pattern = [.drop, .schema]
        case .extension: pattern = [.drop, .extension]
        case .trigger: pattern = [.drop, .trigger]
        case .foreignTable: pattern = [.drop, .foreign, .table]
        default: return nil
        }
        let tokens = Array(statement.codeTokens(in: statement.contentRange))
        guard tokens.count > pattern.count, zip(tokens, pattern).allSatisfy({ $0.is($1) }) else { return nil }
        let at = tokens[pattern.count - 1].end
        return statement.replacing(at..<at, with: " IF EXISTS") + ";"
    }
}
