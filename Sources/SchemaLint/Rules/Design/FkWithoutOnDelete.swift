/// A foreign key that does not say what happens when the referenced row goes away.
public struct FkWithoutOnDelete: Rule {
    public static let metadata = RuleMetadata(
        id: "fk-without-on-delete",
        summary: "A foreign key written without an ON DELETE clause.",
        rationale: """
            Without ON DELETE, PostgreSQL uses NO ACTION: deleting a referenced row fails while referencing \
            rows exist. That is sometimes right, but usually it was never decided. Writing the action \
            (CASCADE, SET NULL, RESTRICT, or NO ACTION explicitly) records the decision. Only the spelling \
            tells the two apart, so this rule reads the tokens; an ON UPDATE clause alone does not count.
            """,
        category: .design, defaultSeverity: .warning, scope: .statement,
        bad: [
            RuleExample("CREATE TABLE dog (id bigint PRIMARY KEY, client_id bigint «REFERENCES client (id)»);"),
            RuleExample("ALTER TABLE dog ADD «CONSTRAINT dog_client_fkey FOREIGN KEY (client_id) REFERENCES client (id) ON UPDATE CASCADE»;"),
        ],
        good: [
            RuleExample("CREATE TABLE dog (id bigint PRIMARY KEY, client_id bigint REFERENCES client (id) ON DELETE CASCADE);"),
            RuleExample("ALTER TABLE dog ADD CONSTRAINT dog_client_fkey FOREIGN KEY (client_id) REFERENCES client (id) ON DELETE NO ACTION;",
                        note: "An explicit NO ACTION is a decision."),
        ])

    public static let triggers: RuleTriggers = .changes(.addConstraint)

    public init(options: NoOptions) {}

    public func check(statement: StatementContext) {
        for change in statement.changes {
            guard case .addConstraint(let target, let constraint, _) = change,
                  let fk = constraint.foreignKey, !fk.onDeleteWritten else { continue }
            let columns = constraint.columns.joined(separator: ", ")
            statement.report(at: constraint.anchor,
                "Foreign key \(target.table.name.quoted) (\(columns)) → \(fk.table.quoted) has no ON DELETE clause",
                help: "Say what deleting a \(fk.table.quoted) row does to these rows: ON DELETE CASCADE, SET NULL or "
                    + "RESTRICT (or NO ACTION, written out, to keep the default on purpose).",
                object: constraint.columns.count == 1
                    ? target.table.name.object(column: constraint.columns[0]) : target.table.name.object)
        }
    }
}
