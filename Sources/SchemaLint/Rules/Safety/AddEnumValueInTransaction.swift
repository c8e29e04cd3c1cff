/// ALTER TYPE … ADD VALUE inside a transaction block before PostgreSQL 12.
public struct AddEnumValueInTransaction: Rule {
    public static let metadata = RuleMetadata(
        id: "add-enum-value-in-transaction",
        summary: "ALTER TYPE … ADD VALUE inside a transaction block before PostgreSQL 12, where it fails.",
        rationale: """
            Before PostgreSQL 12, ALTER TYPE … ADD VALUE refuses to run inside a transaction block ("cannot run \
            inside a transaction block"), unless the enum type was created in the same transaction: the migration \
            fails. The file is in a transaction after BEGIN (until COMMIT or ROLLBACK) and throughout with \
            `--assume-in-transaction`. On 12+ it runs, but the new value cannot be used until the transaction \
            commits; that use is not checked here. An enum created earlier in the same file is taken to be in the \
            same transaction and is exempt. Only reported when `--pg-version` is below 12.
            """,
        category: .safety, defaultSeverity: .error, scope: .statement,
        bad: [
            RuleExample("«ALTER TYPE walk_kind ADD VALUE 'hike'»;", pgVersion: 11, assumeInTransaction: true),
            RuleExample("""
                BEGIN;
                «ALTER TYPE walk_kind ADD VALUE IF NOT EXISTS 'hike' AFTER 'stroll'»;
                COMMIT;
                """, pgVersion: 10),
        ],
        good: [
            RuleExample("ALTER TYPE walk_kind ADD VALUE 'hike';", note: "PostgreSQL 12+ (the default version) allows it in a transaction.",
                        assumeInTransaction: true),
            RuleExample("ALTER TYPE walk_kind ADD VALUE 'hike';", note: "Outside a transaction block.", pgVersion: 11),
            RuleExample("""
                CREATE TYPE walk_kind AS ENUM ('stroll');
                ALTER TYPE walk_kind ADD VALUE 'hike';
                """, note: "The type is new in this transaction.", pgVersion: 11, assumeInTransaction: true),
        ])

    public static let triggers: RuleTriggers = .changes(.addEnumValue)

    public init(options: NoOptions) {}

    public func check(statement: StatementContext) {
        guard statement.settings.pgVersion < 12, statement.session.inTransaction else { return }
        for change in statement.changes {
            guard case .addEnumValue(let type, let value, let isNew, let anchor) = change, !isNew else { continue }
            let why = statement.session.assumeInTransaction
                ? "the file runs in a transaction block (--assume-in-transaction)" : "it is inside a transaction block (after BEGIN)"
            statement.report(
                at: anchor,
                "Adding the value '\(value)' to enum \(type.quoted) cannot run inside a transaction block before PostgreSQL 12, and \(why): the migration fails here",
                help: "Run it outside any transaction: a migration of its own with the framework's transaction turned off "
                    + "(Rails: disable_ddl_transaction!; diesel: run_in_transaction = false), or COMMIT before it. PostgreSQL 12+ "
                    + "allows it in a transaction (the new value is usable once that transaction commits).",
                object: type.object)
        }
    }
}
