import FoundationEssentials

/// A CHECK that enumerates too many values.
public struct CheckInListTooLong: Rule {
    public struct Options: RuleOptions {
        public var maxValues = 8
        public init() {}
        public init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            let d = Self()
            maxValues = try c.option(.maxValues, or: d.maxValues)
        }
        enum CodingKeys: String, CodingKey { case maxValues = "max-values" }
        public static let documentation = ["max-values": "The longest `IN (…)` list a CHECK may have."]
    }

    public static let metadata = RuleMetadata(
        id: "check-in-list-too-long",
        summary: "A CHECK constraint with an IN (…) list of more than 8 values.",
        rationale: """
            A CHECK listing the allowed values is right for a handful of values that rarely change. Once \
            the list grows, every new value means dropping and re-adding the constraint (which scans the \
            table), and the values cannot carry a label or an order. A lookup table with one row per value \
            and a foreign key to it is extended with an INSERT. Counts the values of `col IN (…)` and of \
            pg_dump's `col = ANY (ARRAY[…])`; the limit is an option. Off by default. A later DROP \
            CONSTRAINT in the run withdraws the finding.
            """,
        category: .design, defaultSeverity: .warning, enabledByDefault: false, scope: .statement,
        bad: [
            RuleExample("""
                CREATE TABLE dog (
                  id bigint PRIMARY KEY,
                  breed text «CHECK (breed IN ('beagle', 'boxer', 'collie', 'dachshund', 'husky', 'labrador', 'poodle', 'pug', 'terrier'))»
                );
                """),
            RuleExample("""
                ALTER TABLE ONLY public.walk ADD «CONSTRAINT walk_status_check CHECK (((status)::text = ANY ((ARRAY['a'::character varying, 'b'::character varying, 'c'::character varying, 'd'::character varying])::text[])))»;
                """, options: #"{"max-values": 3}"#),
        ],
        good: [
            RuleExample("CREATE TABLE walk (id bigint PRIMARY KEY, status text CHECK (status IN ('planned', 'done', 'cancelled')));"),
        ])

    public let options: Options
    public static let triggers: RuleTriggers = .changes(.addConstraint)

    public init(options: Options) { self.options = options }

    public func check(statement: StatementContext) {
        for change in statement.changes {
            guard case .addConstraint(let target, let constraint, _) = change, constraint.kind == .check,
                  let expression = constraint.expression else { continue }
            let longest = Self.lists(in: expression).max { $0.count < $1.count }
            guard let longest, longest.count > options.maxValues else { continue }
            let table = target.table
            let origin = constraint.origin
            let about = longest.column.map { " for \($0)" } ?? ""
            statement.report(at: constraint.anchor,
                "CHECK constraint \"\(constraint.effectiveName(on: table.name))\" on \(table.name.quoted) lists "
                    + "\(longest.count) values\(about)",
                help: "Use a lookup table with one row per value and a foreign key to it: adding a value is then an INSERT.",
                object: longest.column.map { table.name.object(column: $0) } ?? table.name.object,
                unlessFixedLater: { model in model.contains(table) && table.constraints.contains { $0.origin === origin } })
        }
    }

    /// Every `x IN (…)` and `x = ANY (ARRAY[…])` in an expression: how many values, and the column when `x` is one.
    static func lists(in expression: Expression) -> [(count: Int, column: String?)] {
        var found: [(Int, String?)] = []
        expression.forEach { node in
            guard case .operation(let operation) = node else { return }
            let column = operation.left.flatMap(Self.column)
            switch (operation.kind, operation.right?.uncast) {
            case (.in, .list(let items)?): found.append((items.count, column))
            case (.any, .array(let elements)?): found.append((elements.count, column))
            default: break
            }
        }
        return found
    }

    /// The column of `col` or `(col)::text`.
    static func column(_ expression: Expression) -> String? {
        guard case .column(let fields, _) = expression.uncast else { return nil }
        return fields.last
    }
}
