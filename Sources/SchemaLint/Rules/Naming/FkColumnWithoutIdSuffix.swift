import FoundationEssentials
/// A single-column foreign key whose column is not named `…_id`.
public struct FkColumnWithoutIdSuffix: Rule {
    public struct Options: RuleOptions {
        public var suffix = "_id"
        public init() {}
        enum CodingKeys: String, CodingKey { case suffix }
        public init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            let d = Self()
            suffix = try c.option(.suffix, or: d.suffix)
        }
        public static let documentation = ["suffix": "The ending a foreign-key column's name must have."]
    }

    public static let metadata = RuleMetadata(
        id: "fk-column-without-id-suffix",
        summary: "A single-column foreign key whose column does not end in _id.",
        rationale: """
            `walk.dog_id` says that it holds a key and which table it points to; `walk.dog` reads like the \
            dog itself (and clashes with the association name in most ORMs). Only single-column keys are \
            judged; a column named exactly `id` (a one-to-one table sharing its parent's key) is not \
            flagged. A later rename in the run withdraws the finding.
            """,
        category: .naming, defaultSeverity: .warning, enabledByDefault: false, scope: .statement, fix: .unsafeAddition,
        bad: [
            RuleExample("""
                CREATE TABLE walk (id bigint PRIMARY KEY, dog bigint NOT NULL «REFERENCES dog (id) ON DELETE CASCADE»);
                """, before: "CREATE TABLE dog (id bigint PRIMARY KEY);"),
        ],
        good: [
            RuleExample("""
                CREATE TABLE walk (id bigint PRIMARY KEY, dog_id bigint NOT NULL REFERENCES dog (id) ON DELETE CASCADE);
                CREATE TABLE walk_detail (id bigint PRIMARY KEY REFERENCES walk (id) ON DELETE CASCADE, note text);
                CREATE TABLE walk_dog (walk_id bigint, dog_key bigint, dog_tenant bigint,
                                       FOREIGN KEY (dog_key, dog_tenant) REFERENCES dog (id, tenant_id) ON DELETE CASCADE);
                """),
        ])

    public let options: Options
    public static let triggers: RuleTriggers = .changes(.addConstraint)

    public init(options: Options) { self.options = options }

    public func check(statement: StatementContext) {
        for change in statement.changes {
            guard case .addConstraint(let target, let constraint, _) = change, constraint.kind == .foreignKey,
                  constraint.columns.count == 1, let name = constraint.columns.first,
                  let column = target.table.column(named: name), isBad(name) else { continue }
            let table = target.table
            let origin = column.origin
            let rule = self
            let fixed = Self.fixed(name, suffix: options.suffix)
            statement.report(at: constraint.anchor,
                "Foreign key column \(table.name.column(name)) does not end in \(options.suffix)",
                help: "Name it \(fixed), so it reads as a key to \(constraint.foreignKey.map { $0.table.quoted } ?? "its table").",
                suggestion: SQLText.renameColumn(of: table.name, from: name, to: fixed),
                object: table.name.object(column: name),
                unlessFixedLater: { model in
                    guard let current = model.current(table, column: origin) else { return false }
                    return rule.isBad(current.name)
                })
        }
    }

    func isBad(_ name: String) -> Bool { name != "id" && !name.lowercased().hasSuffix(options.suffix.lowercased()) }

    /// `dog` → `dog_id`, `dog_ref` → `dog_id`.
    static func fixed(_ name: String, suffix: String) -> String {
        for ending in ["_ref", "_key", "_fk"] where name.hasSuffix(ending) && name.count > ending.count {
            let stem = String(name.dropLast(ending.count))
            return (stem.hasSuffix("_") ? String(stem.dropLast()) : stem) + suffix
        }
        return name + suffix
    }
}
