/// Every rule schemalint knows, one line each, in the order `schemalint rules` lists them.
public enum RuleRegistry {
    public static let all: [any Rule.Type] = [
        SyntaxErrorRule.self,
        InvalidSuppression.self,
        UnusedSuppression.self,
        // Design conventions.
        FkWithoutIndex.self,
        FkWithoutOnDelete.self,
        FloatForMoney.self,
        NullableBoolean.self,
        UnnamedConstraint.self,
        TimestampWithoutTimeZone.self,
        TableNameInflection.self,
        // Migration safety.
        AlterColumnType.self,
    ]

    public static func rule(id: String) -> (any Rule.Type)? { all.first { $0.metadata.id == id } }
}
