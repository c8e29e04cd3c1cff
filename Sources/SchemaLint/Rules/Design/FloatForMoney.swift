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
            COLUMN TYPE; a later type change in the run withdraws the finding.
            """,
        category: .design, defaultSeverity: .error, scope: .statement, fix: .unsafeAddition,
        bad: [
            RuleExample("CREATE TABLE invoice (id bigint PRIMARY KEY, «total double precision NOT NULL»);"),
            RuleExample("ALTER TABLE walk «ADD COLUMN price_cents real»;", before: "CREATE TABLE walk (id bigint PRIMARY KEY);"),
            RuleExample("ALTER TABLE walk «ALTER COLUMN fee TYPE float8»;",
                        before: "CREATE TABLE walk (id bigint PRIMARY KEY, fee numeric(10,2));"),
        ],
        good: [
            RuleExample("CREATE TABLE invoice (id bigint PRIMARY KEY, total numeric(12,2) NOT NULL, tax_rate real);"),
            RuleExample("CREATE TABLE place (latitude double precision, score real, weight_grams float4, rating float);"),
        ])

    public let options: Options
    public static let triggers: RuleTriggers = ColumnWrite.triggers

    public init(options: Options) { self.options = options }

    public func check(statement: StatementContext) {
        for write in statement.columnWrites where write.type.isFloatingPoint && isMoney(write.name) {
            // An integer count of minor units stays one; anything else becomes an exact decimal.
            let cents = options.moneySuffixes.contains { write.name.lowercased().hasSuffix($0.lowercased()) }
            let target = cents ? "bigint" : "numeric(12,2)"
            let rule = self
            statement.report(write, "Column \(write.quoted) holds money but is \(write.type), which rounds",
                help: "Use numeric(12,2) (or bigint counting cents): floating point cannot store 0.10 exactly.",
                suggestion: write.retyped(to: target),
                stillBad: { column, _ in column.type.isFloatingPoint && rule.isMoney(column.name) })
        }
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
