/// ADD EXCLUDE on an existing table.
public struct AddExclusionConstraint: Rule {
    public static let metadata = RuleMetadata(
        id: "add-exclusion-constraint",
        summary: "ADD EXCLUDE on an existing table.",
        rationale: """
            Adding an exclusion constraint builds its index and checks every row against every other while the \
            ALTER TABLE holds an ACCESS EXCLUSIVE lock, which blocks all reads and writes for the whole build. Unlike \
            UNIQUE and PRIMARY KEY there is no way to build the index beforehand: PostgreSQL does not accept \
            exclusion constraints `USING INDEX`, and they cannot be NOT VALID. Tables created earlier in the same \
            file are exempt.
            """,
        category: .safety, defaultSeverity: .warning, scope: .statement,
        bad: [
            RuleExample("ALTER TABLE booking ADD «CONSTRAINT booking_no_overlap EXCLUDE USING gist (room WITH =, during WITH &&)»;",
                        existing: """
                            CREATE EXTENSION btree_gist;
                            CREATE TABLE booking (id bigint PRIMARY KEY, room int, during tstzrange);
                            INSERT INTO booking SELECT g, g, tstzrange(now(), now() + interval '1 hour') FROM generate_series(1, 3) g;
                            """),
        ],
        good: [
            RuleExample("""
                CREATE TABLE booking (id bigint PRIMARY KEY, room int, during tstzrange);
                ALTER TABLE booking ADD CONSTRAINT booking_no_overlap EXCLUDE USING gist (room WITH =, during WITH &&);
                """, note: "The table is new in this file."),
        ])

    public static let triggers: RuleTriggers = .changes(.addConstraint)

    public init(options: NoOptions) {}

    public func check(statement: StatementContext) {
        for change in statement.changes {
            guard case .addConstraint(let target, let constraint, .alterTable) = change, !target.isNewInFile,
                  constraint.kind == .exclusion else { continue }
            let table = target.table.name
            let name = constraint.effectiveName(on: table)
            let mode = Safety.lock(on: table, in: statement, fallback: .accessExclusive)
            statement.report(
                at: constraint.anchor,
                "Adding the exclusion constraint \"\(name)\" builds its index and checks every row while it \(Safety.lockPhrase(mode, on: table.quoted))",
                help: "There is no concurrent way to add it. Either add it while the table is still small, in a maintenance "
                    + "window with a short lock_timeout; or 1. create a new table with the constraint, 2. copy the rows in "
                    + "batches while a trigger keeps it current, 3. swap the names in one short transaction.",
                object: table.object)
        }
    }
}
