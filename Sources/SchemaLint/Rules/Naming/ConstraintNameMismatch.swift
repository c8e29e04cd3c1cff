import FoundationEssentials
/// Index and constraint names that do not follow the project's templates.
public struct ConstraintNameMismatch: Rule {
    public struct Options: RuleOptions {
        public var index = "idx_{table}_{columns}"
        public var unique = "uq_{table}_{columns}"
        public var foreignKey = "fk_{table}_{columns}"
        public var check = "chk_{table}_{column}"
        public var primaryKey = "pk_{table}"
        public init() {}
        public init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            let d = Self()
            index = try c.option(.index, or: d.index)
            unique = try c.option(.unique, or: d.unique)
            foreignKey = try c.option(.foreignKey, or: d.foreignKey)
            check = try c.option(.check, or: d.check)
            primaryKey = try c.option(.primaryKey, or: d.primaryKey)
        }
        enum CodingKeys: String, CodingKey {
            case index, unique, foreignKey = "foreign-key", check, primaryKey = "primary-key"
        }
        public static let documentation = [
            "index": "Template for indexes that are not unique. An empty string turns the check off for this kind.",
            "unique": "Template for UNIQUE constraints and unique indexes.",
            "foreign-key": "Template for FOREIGN KEY constraints.",
            "check": "Template for CHECK constraints (`{column}`: the columns it references).",
            "primary-key": "Template for PRIMARY KEY constraints.",
        ]
    }

    public static let metadata = RuleMetadata(
        id: "constraint-name-mismatch",
        summary: "An index or constraint name that does not follow its template (idx_{table}_{columns}, fk_…, …).",
        rationale: """
            Names built from a template say what an object is and where it belongs without a catalog \
            lookup, and make the name of the constraint a migration must drop predictable. Each kind has a \
            template (options); `{table}` is replaced by the table name (without schema), `{columns}` and \
            `{column}` by the key columns joined with `_`, literally (no patterns). The expected name is cut \
            to 63 bytes, as PostgreSQL would. Indexes on expressions are not judged, nor EXCLUDE constraints. \
            Unnamed primary keys are judged by the name PostgreSQL gives them (`walk_pkey`); other unnamed \
            constraints are left to unnamed-constraint. A later rename in the run withdraws the finding.
            """,
        category: .naming, defaultSeverity: .warning, enabledByDefault: false, scope: .statement, fix: .unsafeAddition,
        bad: [
            RuleExample("""
                CREATE TABLE walk (
                  id bigint «PRIMARY KEY»,
                  dog_id bigint NOT NULL «CONSTRAINT walk_dog_fk REFERENCES dog (id) ON DELETE CASCADE»,
                  minutes int «CONSTRAINT minutes_positive CHECK (minutes > 0)»
                );
                «CREATE INDEX walk_dog_id_idx ON walk (dog_id)»;
                «CREATE UNIQUE INDEX walk_dog_minutes_key ON walk (dog_id, minutes)»;
                """, before: "CREATE TABLE dog (id bigint PRIMARY KEY);"),
        ],
        good: [
            RuleExample("""
                CREATE TABLE walk (
                  id bigint CONSTRAINT pk_walk PRIMARY KEY,
                  dog_id bigint NOT NULL CONSTRAINT fk_walk_dog_id REFERENCES dog (id) ON DELETE CASCADE,
                  minutes int CONSTRAINT chk_walk_minutes CHECK (minutes > 0)
                );
                CREATE INDEX idx_walk_dog_id ON walk (dog_id);
                CREATE UNIQUE INDEX uq_walk_dog_id_minutes ON walk (dog_id, minutes);
                CREATE INDEX walk_lower_note_idx ON walk (lower(note));
                """),
            RuleExample("""
                CREATE TABLE walk (id bigint PRIMARY KEY, dog_id bigint);
                CREATE INDEX walk_dog_id_idx ON walk (dog_id);
                """, options: #"{"index": "{table}_{columns}_idx", "primary-key": "{table}_pkey"}"#),
        ])

    public let options: Options
    public static let triggers: RuleTriggers = .changes(.addConstraint, .createIndex)

    public init(options: Options) { self.options = options }

    public func check(statement: StatementContext) {
        for change in statement.changes {
            switch change {
            case .addConstraint(let target, let constraint, _):
                let table = target.table
                let template: String
                switch constraint.kind {
                case .primaryKey: template = options.primaryKey
                case .unique: template = options.unique
                case .foreignKey: template = options.foreignKey
                case .check: template = options.check
                case .exclusion: continue
                }
                guard constraint.name != nil || constraint.kind == .primaryKey, constraint.usingIndex == nil,
                      !template.isEmpty, !constraint.columns.isEmpty || !template.contains("{column") else { continue }
                let actual = constraint.effectiveName(on: table.name)
                let expected = Self.expand(template, table: table.name.name, columns: constraint.columns)
                guard actual != expected else { continue }
                let origin = constraint.origin
                statement.report(at: constraint.anchor,
                    "\(constraint.kind.rawValue) constraint \"\(actual)\" on \(table.name.quoted) should be named \"\(expected)\"",
                    help: "Name it from the template `\(template)`: \(expected).",
                    suggestion: "ALTER TABLE \(SQLText.name(table.name)) RENAME CONSTRAINT \(SQLText.ident(actual)) TO \(SQLText.ident(expected));",
                    object: table.name.object,
                    unlessFixedLater: { model in
                        model.contains(table) && table.constraints.contains {
                            $0.origin === origin && $0.effectiveName(on: table.name) == actual
                        }
                    })
            case .createIndex(let target, let index, _):
                let template = index.isUnique ? options.unique : options.index
                let columns = index.keys.compactMap { if case .column(let c) = $0 { c } else { nil } }
                guard !template.isEmpty, columns.count == index.keys.count, !columns.isEmpty else { continue }
                let expected = Self.expand(template, table: target.table.name.name, columns: columns)
                guard index.name != expected else { continue }
                let table = target.table
                let name = index.name
                statement.report(at: index.anchor,
                    "\(index.isUnique ? "Unique index" : "Index") \"\(name)\" on \(table.name.quoted) should be named \"\(expected)\"",
                    help: "Name it from the template `\(template)`: \(expected).",
                    suggestion: "ALTER INDEX \(SQLText.name(QualifiedName(schema: table.name.schema, name: name))) RENAME TO \(SQLText.ident(expected));",
                    object: table.name.object,
                    unlessFixedLater: { model in model.contains(table) && model.indexes(on: table.name).contains { $0.name == name } })
            default: continue
            }
        }
    }

    /// Literal substitution of `{table}`, `{columns}` and `{column}`, cut to 63 bytes.
    static func expand(_ template: String, table: String, columns: [String]) -> String {
        let joined = columns.joined(separator: "_")
        return SQLText.truncated(template.replacingASCII("{table}", with: table)
            .replacingASCII("{columns}", with: joined)
            .replacingASCII("{column}", with: joined))
    }
}
