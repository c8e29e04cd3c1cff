/// A constraint left for PostgreSQL to name.
public struct UnnamedConstraint: Rule {
    public struct Options: RuleOptions {
        public var includePrimaryKey = false
        public init() {}
        enum CodingKeys: String, CodingKey { case includePrimaryKey = "include-primary-key" }
        public static let documentation = ["include-primary-key": "Also require PRIMARY KEY constraints to be named."]
    }

    public static let metadata = RuleMetadata(
        id: "unnamed-constraint",
        summary: "A CHECK, UNIQUE, FOREIGN KEY or EXCLUDE constraint without a name.",
        rationale: """
            PostgreSQL generates names (walk_dog_id_fkey, walk_check1) that depend on column order, \
            truncation and what already exists, so they differ between databases and a later migration \
            that drops or alters the constraint by name breaks. Name constraints when you create them. \
            Primary keys are exempt by default (their generated name, <table>_pkey, is stable); NOT NULL \
            and DEFAULT are not named constraints. ADD … USING INDEX takes the index's name and is exempt.
            """,
        category: .design, defaultSeverity: .warning, scope: .statement,
        bad: [
            RuleExample("CREATE TABLE walk (id bigint PRIMARY KEY, minutes int «CHECK (minutes > 0)»);"),
            RuleExample("CREATE TABLE walk (id bigint PRIMARY KEY, code text, «UNIQUE (code)»);"),
            RuleExample("ALTER TABLE walk ADD «FOREIGN KEY (dog_id) REFERENCES dog (id) ON DELETE CASCADE»;"),
            RuleExample("CREATE TABLE walk (id bigint «PRIMARY KEY»);", options: #"{"include-primary-key": true}"#),
        ],
        good: [
            RuleExample("""
                CREATE TABLE walk (
                  id bigint PRIMARY KEY,
                  minutes int NOT NULL DEFAULT 30 CONSTRAINT walk_minutes_positive CHECK (minutes > 0),
                  CONSTRAINT walk_code_key UNIQUE (code)
                );
                """),
        ])

    public let options: Options
    public static let triggers: RuleTriggers = .changes(.addConstraint)

    public init(options: Options) { self.options = options }

    public func check(statement: StatementContext) {
        for change in statement.changes {
            guard case .addConstraint(let target, let constraint, _) = change, constraint.name == nil,
                  constraint.usingIndex == nil, constraint.kind != .primaryKey || options.includePrimaryKey else { continue }
            let generated = constraint.effectiveName(on: target.table.name)
            statement.report(at: constraint.anchor,
                "Unnamed \(constraint.kind.rawValue) constraint on \(target.table.name.quoted) (PostgreSQL will call it \"\(generated)\")",
                help: "Name it: CONSTRAINT \(generated) \(constraint.kind.rawValue) …, so later migrations can refer to it reliably.",
                object: constraint.columns.count == 1
                    ? target.table.name.object(column: constraint.columns[0]) : target.table.name.object)
        }
    }
}
