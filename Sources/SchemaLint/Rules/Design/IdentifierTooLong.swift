import FoundationEssentials
/// A name PostgreSQL will cut short.
public struct IdentifierTooLong: Rule {
    public static let metadata = RuleMetadata(
        id: "identifier-too-long",
        summary: "An identifier longer than 63 bytes, which PostgreSQL silently truncates.",
        rationale: """
            PostgreSQL keeps the first 63 bytes of a name (NAMEDATALEN − 1) and drops the rest with only a \
            NOTICE. The object then has a name that appears nowhere in your code; two long names that share \
            their first 63 bytes collide (`relation already exists`), and tools that compare the schema with \
            the source see a difference that is not there. The limit is in bytes: a name with accented \
            letters reaches it sooner. The parser has already truncated names in the tree, so this rule \
            reads the tokens: every identifier, quoted or not, of every statement that creates, alters or \
            renames something is checked, and each long one is reported once per statement. DROP, GRANT, \
            COMMENT and queries only refer to names (truncated the same way), so they are not checked.
            """,
        category: .design, defaultSeverity: .error, scope: .statement,
        bad: [
            RuleExample("""
                CREATE INDEX «walk_scheduled_at_dog_id_walker_id_status_where_not_cancelled_idx» ON walk (scheduled_at, dog_id, walker_id, status);
                """),
            RuleExample("""
                ALTER TABLE walk ADD CONSTRAINT «"walk_walker_id_references_walker_on_delete_cascade_named_explicitly"» FOREIGN KEY (walker_id) REFERENCES walker (id) ON DELETE CASCADE;
                """),
        ],
        good: [
            RuleExample("CREATE INDEX walk_scheduled_dog_walker_status_idx ON walk (scheduled_at, dog_id, walker_id, status);"),
            RuleExample("DROP INDEX walk_scheduled_at_dog_id_walker_id_status_where_not_cancelled_idx;",
                        note: "Dropping only refers to the (equally truncated) name."),
        ])

    public static let triggers: RuleTriggers = RuleTriggers(statements: StatementKind.nameGiving)

    public init(options: NoOptions) {}

    public func check(statement: StatementContext) {
        guard Self.declaresNames(statement.statement) else { return }
        var seen = Set<String>()
        // A name longer than 63 bytes is spelled in more than 63 (quotes only add to it).
        for token in statement.statement.tokens where token.kind == .identifier && token.end - token.start > 63 {
            let name = Statement.identifierValue(statement.statement.spelling(token))
            let length = name.utf8.count
            guard length > 63, seen.insert(name).inserted else { continue }
            let kept = SQLText.truncated(name)
            statement.report(token.range,
                "Identifier \"\(name)\" is \(length) bytes; PostgreSQL keeps only the first 63 (\"\(kept)\")",
                help: "Shorten it to 63 bytes or fewer: the truncated name is the one in the catalog, and long names "
                    + "sharing their first 63 bytes collide.")
        }
    }

    /// Statements that give names: CREATE …, ALTER … (ADD, RENAME), not DROP, GRANT, COMMENT or DML.
    static func declaresNames(_ statement: Statement) -> Bool { statement.syntax.declaresNames }
}
