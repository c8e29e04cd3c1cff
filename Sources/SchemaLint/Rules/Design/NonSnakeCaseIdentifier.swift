import FoundationEssentials
/// A name that is not lower-case snake_case, quoted or merely spelled in mixed case.
public struct NonSnakeCaseIdentifier: Rule {
    public static let metadata = RuleMetadata(
        id: "non-snake-case-identifier",
        summary: "A table, column, index or constraint name that is not snake_case (`^[a-z_][a-z0-9_]*$`).",
        rationale: """
            PostgreSQL folds unquoted names to lower case. A quoted mixed-case name (`"createdBy"`, \
            `"Order Items"`) must then be quoted, exactly, in every query forever; and an unquoted mixed-case \
            spelling (`createdBy`) silently becomes `createdby`, so the word boundary the author meant is \
            lost and the name reads differently in the catalog, in error messages and in ORMs. Only the \
            tokens show the spelling, so this rule reads them, for the names a statement gives: tables it \
            creates or renames, columns it adds or renames, indexes and named constraints. Upper-case \
            spellings without lower-case letters (`ID`) fold to the intended name and are not flagged. A \
            later rename in the run withdraws the finding.
            """,
        category: .design, defaultSeverity: .warning, scope: .statement, fix: .unsafeAddition,
        bad: [
            RuleExample("CREATE TABLE «\"DogWalker\"» (id bigint PRIMARY KEY);"),
            RuleExample("CREATE TABLE dog_walker (id bigint PRIMARY KEY, «createdBy» text, «\"Phone Number\"» text);"),
            RuleExample("CREATE INDEX «\"IX_Walk_Dog\"» ON walk (dog_id);", before: "CREATE TABLE walk (id bigint PRIMARY KEY, dog_id bigint);"),
            RuleExample("ALTER TABLE walk RENAME COLUMN note TO «\"Note\"»;", before: "CREATE TABLE walk (id bigint PRIMARY KEY, note text);"),
        ],
        good: [
            RuleExample("""
                CREATE TABLE dog_walker (ID bigint PRIMARY KEY, created_by text, "plain_name" text);
                CREATE INDEX dog_walker_created_by_idx ON dog_walker (created_by);
                """),
            RuleExample("""
                CREATE TABLE "Walk" (id bigint PRIMARY KEY);
                ALTER TABLE "Walk" RENAME TO walk;
                """, note: "Renamed later in the run."),
        ])

    public static let triggers: RuleTriggers = DeclaredName.triggers

    public init(options: NoOptions) {}

    public func check(statement: StatementContext) {
        // A plainly written snake_case name is neither quoted nor mixed case: nothing to say about it.
        for declared in statement.statement.declaredNames(statement.changes, model: statement.model, plain: false) {
            let name = declared.name
            let snake = Self.isSnakeCase(name)
            // PostgreSQL folds ASCII letters only.
            let mixedSpelling = !declared.isQuoted && declared.spelling.utf8.contains { (65...90).contains($0) }
                && declared.spelling.utf8.contains { (97...122).contains($0) }
            guard !snake || mixedSpelling else { continue }
            let table = declared.table
            let target = Self.snakeCase(declared.isQuoted ? name : declared.spelling)
            let what: String
            let suggestion: String?
            let object: String
            switch declared.kind {
            case .table:
                what = "Table \(declared.spelling)"
                object = table.name.object
                suggestion = "ALTER TABLE \(SQLText.name(table.name)) RENAME TO \(SQLText.ident(target));"
            case .column:
                what = "Column \(table.name.description).\(declared.spelling)"
                object = table.name.object(column: name)
                suggestion = "ALTER TABLE \(SQLText.name(table.name)) RENAME COLUMN \(SQLText.ident(name)) TO \(SQLText.ident(target));"
            case .index:
                what = "Index \(declared.spelling)"
                object = table.name.object
                suggestion = "ALTER INDEX \(SQLText.name(QualifiedName(schema: table.name.schema, name: name))) RENAME TO \(SQLText.ident(target));"
            case .constraint:
                what = "Constraint \(declared.spelling) on \(table.name.quoted)"
                object = table.name.object
                suggestion = "ALTER TABLE \(SQLText.name(table.name)) RENAME CONSTRAINT \(SQLText.ident(name)) TO \(SQLText.ident(target));"
            }
            let message = snake
                ? "\(what) is spelled in mixed case, but PostgreSQL folds it to \(name)"
                : "\(what) is not snake_case: it must be quoted, exactly, in every query"
            let kind = declared.kind
            statement.report(at: declared.anchor, message,
                help: "Name it \(target): lower case, words joined by underscores, no quotes needed.",
                suggestion: name == target ? nil : suggestion, object: object,
                unlessFixedLater: { model in Self.stillNamed(kind, name, table, model) })
        }
    }

    /// Whether the object still has the name in the final model.
    static func stillNamed(_ kind: DeclaredName.Kind, _ name: String, _ table: Table, _ model: SchemaModel) -> Bool {
        guard model.contains(table) else { return false }
        switch kind {
        case .table: return table.name.name == name
        case .column: return table.column(named: name) != nil
        case .index: return model.indexes(on: table.name).contains { $0.name == name }
        case .constraint: return table.constraints.contains { $0.name == name }
        }
    }

    static func isSnakeCase(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, first == "_" || ("a"..."z").contains(first) else { return false }
        return name.unicodeScalars.allSatisfy { $0 == "_" || ("a"..."z").contains($0) || ("0"..."9").contains($0) }
    }

    /// `createdBy` → `created_by`, `HTTPServer` → `http_server`, `Order Items` → `order_items`.
    static func snakeCase(_ name: String) -> String {
        let chars = Array(name)
        var out = ""
        for (i, c) in chars.enumerated() {
            if c.isUppercase, i > 0 {
                let previous = chars[i - 1]
                let nextIsLower = i + 1 < chars.count && chars[i + 1].isLowercase
                if previous.isLowercase || previous.isNumber || (previous.isUppercase && nextIsLower) { out.append("_") }
            }
            if c.isLetter || c.isNumber, c.isASCII { out += c.lowercased() } else { out.append("_") }
        }
        var collapsed = ""
        for c in out where !(c == "_" && collapsed.last == "_") { collapsed.append(c) }
        var trimmed = collapsed.trimming(.these(["_"]))
        if trimmed.isEmpty { trimmed = "name" }
        if trimmed.first?.isNumber == true { trimmed = "_" + trimmed }
        return trimmed
    }
}
