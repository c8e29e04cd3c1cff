/// Table names in the wrong grammatical number.
public struct TableNameInflection: Rule {
    public enum Style: String, Codable, Sendable { case singular, plural }

    public struct Options: RuleOptions {
        public var style = Style.singular
        public init() {}
        public static let documentation = ["style": "`singular` (`dog`) or `plural` (`dogs`)."]
    }

    public static let metadata = RuleMetadata(
        id: "table-name-inflection",
        summary: "A table name that is plural (or singular, with the plural style).",
        rationale: """
            One convention for table names keeps queries predictable (`dog.client_id` → `client.id`). \
            The default is singular: a table is named after one of its rows. The last word of the name is \
            judged (`dog_walks` → `walks`); irregular plurals (people, children, men, women, mice, geese, \
            criteria) are known, and so are Latin and Greek ones (indices, analyses), singular words ending \
            in s (status, address, analysis, news, series, bus, campus, canvas, access, process, alias) and \
            uncountable ones (data, metadata). The suggested name keeps the case of a quoted name. Names whose \
            last word is a number (partitions such as `event_2024`) are not judged.
            """,
        category: .design, defaultSeverity: .warning, scope: .statement, fix: .unsafeAddition,
        bad: [
            RuleExample("«CREATE TABLE dogs» (id bigint PRIMARY KEY);"),
            RuleExample("«CREATE TABLE public.people» (id bigint PRIMARY KEY);"),
            RuleExample("«CREATE TABLE dog» (id bigint PRIMARY KEY);", options: #"{"style": "plural"}"#),
            RuleExample("«CREATE TABLE tag_aliases» (id bigint PRIMARY KEY);\n«CREATE TABLE caches» (id bigint PRIMARY KEY);",
                        note: "The singulars are tag_alias and cache."),
            RuleExample(#"«CREATE TABLE "TenantAlertingSettings"» (id bigint PRIMARY KEY);"#,
                        note: #"A quoted name keeps its case: "TenantAlertingSetting"."#),
        ],
        good: [
            RuleExample("CREATE TABLE dog (id bigint PRIMARY KEY);\nCREATE TABLE walk_status (id int);\nCREATE TABLE address (id int);"),
            RuleExample("CREATE TABLE person (id int);\nCREATE TABLE analysis (id int);\nCREATE TABLE event_2024 (id int);"),
            RuleExample("CREATE TABLE bonus (id int);\nCREATE TABLE tag_alias (id int);\nCREATE TABLE cache (id int);"),
            RuleExample("CREATE TABLE dogs (id bigint PRIMARY KEY);", options: #"{"style": "plural"}"#),
        ])

    public let options: Options
    public static let triggers: RuleTriggers = .changes(.createTable)

    public init(options: Options) { self.options = options }

    public func check(statement: StatementContext) {
        for change in statement.changes {
            guard case .createTable(let target) = change, let anchor = target.table.created,
                  let last = words(of: target.table.name.name).last, last.first?.isLetter == true else { continue }
            let name = target.table.name
            switch options.style {
            case .singular where Inflector.isPlural(last):
                let fixed = renamed(name, last: last, to: Inflector.singular(last))
                statement.report(at: anchor, "Table \(name.quoted) is plural; name tables in the singular (\"\(fixed)\")",
                                 help: "Rename it to \"\(fixed)\": a table is named after one of its rows.",
                                 suggestion: rename(name, to: fixed), object: name.object,
                                 unlessFixedLater: Self.stillNamed(target.table, name))
            case .plural where !Inflector.isPlural(last) && !Inflector.uncountable.contains(last):
                let fixed = renamed(name, last: last, to: Inflector.plural(last))
                statement.report(at: anchor, "Table \(name.quoted) is singular; this project names tables in the plural (\"\(fixed)\")",
                                 help: "Rename it to \"\(fixed)\".", suggestion: rename(name, to: fixed), object: name.object,
                                 unlessFixedLater: Self.stillNamed(target.table, name))
            default: break
            }
        }
    }

    /// Withdrawn when the run renames the table later (the suggested fix). A drop does not withdraw it: a
    /// down or revert script drops every table it created.
    static func stillNamed(_ table: Table, _ name: QualifiedName) -> @Sendable (SchemaModel) -> Bool {
        { _ in table.name == name }
    }

    /// The table's name with its last word replaced, in the case the name is written in.
    private func renamed(_ name: QualifiedName, last: String, to word: String) -> String {
        let original = String(name.name.dropFirst(name.name.count - last.count))
        return String(name.name.dropLast(last.count)) + Inflector.recased(word, like: original)
    }

    /// The rename, unless PostgreSQL would cut the new name short (it keeps 63 bytes).
    private func rename(_ name: QualifiedName, to fixed: String) -> String? {
        guard SQLText.truncated(fixed) == fixed else { return nil }
        return "ALTER TABLE \(SQLText.name(name)) RENAME TO \(SQLText.ident(fixed));"
    }
}
