/// Binary floating point for an amount of money.
public struct FloatForMoney: Rule {
    public struct Options: RuleOptions {
        public var moneyWords = ["price", "cost", "amount", "total", "balance", "fee", "tax", "salary", "discount",
                                 "payment", "revenue", "charge", "wage", "budget"]
        public var moneySuffixes = ["_cents"]
        public init() {}
        enum CodingKeys: String, CodingKey { case moneyWords = "money-words", moneySuffixes = "money-suffixes" }
        public static let documentation = [
            "money-words": "A column is money when any word of its snake_case name is one of these (unless its last word is a rate or count: `tax_rate`, `fee_pct`).",
            "money-suffixes": "A column is money when its name ends with one of these.",
        ]
    }

    public static let metadata = RuleMetadata(
        id: "float-for-money",
        summary: "real or double precision for a column that holds money.",
        rationale: """
            Floating point cannot represent most decimal fractions: 0.1 + 0.2 is 0.30000000000000004, and \
            sums drift. Money belongs in numeric (with a fixed scale) or in an integer count of the smallest \
            unit. The column name decides what is money: a word such as price, amount or total, or a _cents \
            suffix; names whose last word is a rate, ratio, percent or count (tax_rate) are not money, nor \
            are latitude, score, weight_grams or rating. Checked in CREATE TABLE, ADD COLUMN and ALTER \
            COLUMN TYPE.
            """,
        category: .design, defaultSeverity: .error, scope: .statement,
        bad: [
            RuleExample("CREATE TABLE invoice (id bigint PRIMARY KEY, «total double precision NOT NULL»);"),
            RuleExample("ALTER TABLE walk «ADD COLUMN price_cents real»;"),
            RuleExample("ALTER TABLE walk «ALTER COLUMN fee TYPE float8»;"),
        ],
        good: [
            RuleExample("CREATE TABLE invoice (id bigint PRIMARY KEY, total numeric(12,2) NOT NULL, tax_rate real);"),
            RuleExample("CREATE TABLE place (latitude double precision, score real, weight_grams float4, rating float);"),
        ])

    public let options: Options
    public init(options: Options) { self.options = options }

    public func check(statement: StatementContext) {
        for change in statement.changes {
            switch change {
            case .addColumn(let target, let column, _):
                judge(target.table.name, column.name, column.type, column.anchor, statement)
            case .alterColumnType(let target, let column, _, let type, let anchor):
                judge(target.table.name, column, type, anchor, statement)
            default: break
            }
        }
    }

    private func judge(_ table: QualifiedName, _ column: String, _ type: ColumnType, _ anchor: SourceAnchor,
                       _ statement: StatementContext) {
        guard type.name == "float4" || type.name == "float8", isMoney(column) else { return }
        statement.report(at: anchor, "Column \(table.column(column)) holds money but is \(type), which rounds",
                         help: "Use numeric(12,2) (or bigint counting cents): floating point cannot store 0.10 exactly.")
    }

    static let notMoneyLastWords: Set<String> = ["rate", "ratio", "percent", "percentage", "pct", "count", "factor"]

    func isMoney(_ name: String) -> Bool {
        let lower = name.lowercased()
        if options.moneySuffixes.contains(where: { lower.hasSuffix($0.lowercased()) }) { return true }
        let parts = words(of: lower)
        if let last = parts.last, Self.notMoneyLastWords.contains(last) { return false }
        let money = Set(options.moneyWords.map { $0.lowercased() })
        return parts.contains { money.contains($0) }
    }
}
