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
        TableWithoutPrimaryKey.self,
        MissingAuditColumns.self,
        SoftDeleteWithoutPartialIndex.self,
        UnconstrainedStatusColumn.self,
        FkTypeMismatch.self,
        FkSetNullOnNotNullColumn.self,
        DuplicateIndex.self,
        PlaintextSecretColumn.self,
        JsonType.self,
        SerialColumn.self,
        CharType.self,
        MoneyType.self,
        IdentifierTooLong.self,
        NonSnakeCaseIdentifier.self,
        UpdatedAtWithoutTrigger.self,
        JoinTableNameOrder.self,
        CheckInListTooLong.self,
        IntegerPrimaryKey.self,
        // Naming.
        FkColumnWithoutIdSuffix.self,
        BooleanWithoutPrefix.self,
        TimestampWithoutAtSuffix.self,
        ConstraintNameMismatch.self,
        // Migration safety.
        CreateIndexWithoutConcurrently.self,
        DropIndexWithoutConcurrently.self,
        ConcurrentIndexInTransaction.self,
        AddColumnWithDefault.self,
        AddSerialColumn.self,
        AddRequiredColumn.self,
        SetNotNull.self,
        ConstraintWithoutNotValid.self,
        AddUniqueConstraint.self,
        AddPrimaryKey.self,
        AddExclusionConstraint.self,
        AlterColumnType.self,
        DropColumn.self,
        DropTable.self,
        RenameColumn.self,
        RenameTable.self,
        MissingLockTimeout.self,
        ReindexWithoutConcurrently.self,
        RefreshWithoutConcurrently.self,
        VacuumFull.self,
        ClusterTable.self,
        TruncateCascade.self,
        AddEnumValueInTransaction.self,
        StatementsAfterExclusiveLock.self,
        MultipleAlterTable.self,
        NonIdempotentStatement.self,
        // Security.
        SecurityDefinerWithoutSearchPath.self,
        ViewBypassesRowSecurity.self,
        PolicyWithoutRowSecurity.self,
        RowSecurityWithoutPolicy.self,
        GrantToPublic.self,
    ]

    /// Each rule by id, built once: looking a rule up (once per finding) must not copy every rule's metadata.
    private static let byID = Dictionary(all.map { ($0.metadata.id, $0) }, uniquingKeysWith: { first, _ in first })
    private static let categories = byID.mapValues { $0.metadata.category }

    public static func rule(id: String) -> (any Rule.Type)? { byID[id] }

    /// The category of the rule with this id.
    static func category(of id: String) -> RuleCategory? { categories[id] }
}
