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
            criteria) are known, and so are singular words ending in s (status, address, analysis, news, \
            series, bus, campus, canvas, access, process) and uncountable ones (data, metadata). Names whose \
            last word is a number (partitions such as `event_2024`) are not judged.
            """,
        category: .design, defaultSeverity: .warning, scope: .statement,
        bad: [
            RuleExample("«CREATE TABLE dogs» (id bigint PRIMARY KEY);"),
            RuleExample("«CREATE TABLE public.people» (id bigint PRIMARY KEY);"),
            RuleExample("«CREATE TABLE dog» (id bigint PRIMARY KEY);", options: #"{"style": "plural"}"#),
        ],
        good: [
            RuleExample("CREATE TABLE dog (id bigint PRIMARY KEY);\nCREATE TABLE walk_status (id int);\nCREATE TABLE address (id int);"),
            RuleExample("CREATE TABLE person (id int);\nCREATE TABLE analysis (id int);\nCREATE TABLE event_2024 (id int);"),
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
                let fixed = String(name.name.dropLast(last.count)) + Inflector.singular(last)
                statement.report(at: anchor, "Table \(name.quoted) is plural; name tables in the singular (\"\(fixed)\")",
                                 help: "Rename it to \"\(fixed)\": a table is named after one of its rows.", object: name.object)
            case .plural where !Inflector.isPlural(last) && !Inflector.uncountable.contains(last):
                let fixed = String(name.name.dropLast(last.count)) + Inflector.plural(last)
                statement.report(at: anchor, "Table \(name.quoted) is singular; this project names tables in the plural (\"\(fixed)\")",
                                 help: "Rename it to \"\(fixed)\".", object: name.object)
            default: break
            }
        }
    }
}
