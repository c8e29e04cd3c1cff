import FoundationEssentials
/// A text column that holds one of a fixed set of values, with nothing enforcing the set.
public struct UnconstrainedStatusColumn: Rule {
    public struct Options: RuleOptions {
        public var names = ["status", "state", "kind", "type", "role"]
        public var suffixes = ["_status", "_state", "_type", "_kind"]
        public var ignore = ["content_type", "mime_type", "media_type"]
        public init() {}
        enum CodingKeys: String, CodingKey { case names, suffixes, ignore }
        public init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            let d = Self()
            names = try c.option(.names, or: d.names)
            suffixes = try c.option(.suffixes, or: d.suffixes)
            ignore = try c.option(.ignore, or: d.ignore)
        }
        public static let documentation = [
            "names": "Column names that hold a value from a fixed set.",
            "suffixes": "Name endings that mark such a column.",
            "ignore": "Column names never flagged, even when they match, also as the last words of a name (`url_content_type`): free-form values such as MIME types.",
        ]
    }

    public static let metadata = RuleMetadata(
        id: "unconstrained-status-column",
        summary: "A text status/state/kind/type/role column with no CHECK, enum, domain or foreign key.",
        rationale: """
            A column named status or state holds one of a few values, and the code that reads it switches \
            on them. As plain text it accepts anything: a typo (`'actve'`) or a value from a newer release \
            is stored and silently falls through every branch. A CHECK (`status IN (…)`), an enum type, a \
            domain with a CHECK or a foreign key to a lookup table keeps the set closed. Flags text, varchar \
            and char columns named status, state, kind, type or role or ending in _status, _state, _type or \
            _kind (options), unless a CHECK constraint references the column (at column or table level, \
            added with the table or later) or a foreign key covers it. Free-form names such as content_type \
            (a MIME type) are ignored by default, and so is a `state` (or `shipping_state`) that sits beside \
            `city`, `zipcode` or `country` columns of the same prefix: a region of an address. Judged on the \
            final schema; partitions through their parent.
            """,
        category: .design, defaultSeverity: .warning, scope: .schema,
        bad: [
            RuleExample("CREATE TABLE walk (id bigint PRIMARY KEY, «status text NOT NULL DEFAULT 'planned'»);"),
            RuleExample("""
                CREATE TABLE payment (id bigint PRIMARY KEY, «payment_state varchar(20)»);
                ALTER TABLE payment ADD CONSTRAINT payment_id_positive CHECK (id > 0);
                """, note: "A CHECK on another column does not constrain it."),
        ],
        good: [
            RuleExample("""
                CREATE TYPE walk_status AS ENUM ('planned', 'done');
                CREATE TABLE walk (
                  id bigint PRIMARY KEY,
                  status walk_status NOT NULL,
                  kind text NOT NULL CHECK (kind IN ('solo', 'group')),
                  payment_state text REFERENCES payment_state (code) ON DELETE RESTRICT,
                  content_type text,
                  city text,
                  state text
                );
                """),
            RuleExample("""
                CREATE TABLE walk (id bigint PRIMARY KEY, role varchar(10));
                ALTER TABLE walk ADD CONSTRAINT walk_role_check CHECK (role = ANY (ARRAY['walker', 'owner'])) NOT VALID;
                """, note: "A CHECK added later counts."),
        ])

    public let options: Options
    /// The options in lower case, folded (and the ignored names' `_name` endings made) once rather than once per
    /// column.
    private let names: Set<String>, suffixes: [String], ignored: [String], ignoredEndings: [String]

    public init(options: Options) {
        self.options = options
        names = Set(options.names.map { $0.lowercased() })
        suffixes = options.suffixes.map { $0.lowercased() }
        ignored = options.ignore.map { $0.lowercased() }
        ignoredEndings = ignored.map { "_" + $0 }
    }

    public func check(schema: SchemaContext) {
        for table in schema.model.createdTables where !table.isPartition {
            for column in table.columns where isStatusName(column.name) && isPlainText(column.type, schema.model)
                && !Self.isAddressPart(column.name, of: table) {
                let constrained = table.constraints.contains { constraint in
                    (constraint.kind == .check || constraint.kind == .foreignKey) && constraint.columns.contains(column.name)
                }
                if constrained { continue }
                schema.report(at: column.anchor,
                    "Column \(table.name.column(column.name)) takes any text: no CHECK, enum or foreign key limits its values",
                    help: "Close the set: CHECK (\(SQLText.ident(column.name)) IN ('…', '…')), an enum type, or a foreign key "
                        + "to a lookup table.",
                    object: table.name.object(column: column.name))
            }
        }
    }

    /// `state` or `shipping_state` beside `city`/`zipcode`/`country` (or `shipping_city`, …): part of an address.
    static func isAddressPart(_ name: String, of table: Table) -> Bool {
        let lower = name.lowercasedUnlessLower
        guard lower.hasUTF8Suffix("state") else { return false }
        let prefix = String(lower.dropLast("state".count))
        return ["city", "zipcode", "zip", "postal_code", "postcode", "country"].contains { table.column(named: prefix + $0) != nil }
    }

    func isStatusName(_ name: String) -> Bool {
        let lower = name.lowercasedUnlessLower
        if zip(ignored, ignoredEndings).contains(where: { lower == $0 || lower.hasUTF8Suffix($1) }) { return false }
        return names.contains(lower) || suffixes.contains { lower.hasUTF8Suffix($0) }
    }

    /// text, varchar or char, or a domain over one of them without a CHECK.
    func isPlainText(_ type: ColumnType, _ model: SchemaModel) -> Bool {
        if type.isText { return true }
        if let domain = model.domains[QualifiedName(schema: type.schema ?? "public", name: type.name)] {
            return !domain.hasCheck && domain.baseType.isText
        }
        return false
    }
}
