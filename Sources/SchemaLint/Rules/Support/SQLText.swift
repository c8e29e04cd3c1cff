import FoundationEssentials
/// Spelling SQL for suggested fixes: identifiers are quoted only when PostgreSQL needs it.
enum SQLText {
    /// Keywords that cannot be used bare as a name (PostgreSQL 15 `pg_get_keywords()`, every category but
    /// unreserved): `quote_ident` quotes these too.
    static let keywordsNeedingQuotes: Set<String> = [
        "all", "analyse", "analyze", "and", "any", "array", "as", "asc", "asymmetric", "authorization", "between",
        "bigint", "binary", "bit", "boolean", "both", "case", "cast", "char", "character", "check", "coalesce",
        "collate", "collation", "column", "concurrently", "constraint", "create", "cross", "current_catalog",
        "current_date", "current_role", "current_schema", "current_time", "current_timestamp", "current_user",
        "dec", "decimal", "default", "deferrable", "desc", "distinct", "do", "else", "end", "except", "exists",
        "extract", "false", "fetch", "float", "for", "foreign", "freeze", "from", "full", "grant", "greatest",
        "group", "grouping", "having", "ilike", "in", "initially", "inner", "inout", "int", "integer",
        "intersect", "interval", "into", "is", "isnull", "join", "lateral", "leading", "least", "left", "like",
        "limit", "localtime", "localtimestamp", "national", "natural", "nchar", "none", "normalize", "not",
        "notnull", "null", "nullif", "numeric", "offset", "on", "only", "or", "order", "out", "outer", "overlaps",
        "overlay", "placing", "position", "precision", "primary", "real", "references", "returning", "right",
        "row", "select", "session_user", "setof", "similar", "smallint", "some", "substring", "symmetric",
        "table", "tablesample", "then", "time", "timestamp", "to", "trailing", "treat", "trim", "true", "union",
        "unique", "user", "using", "values", "varchar", "variadic", "verbose", "when", "where", "window", "with",
        "xmlattributes", "xmlconcat", "xmlelement", "xmlexists", "xmlforest", "xmlnamespaces", "xmlparse",
        "xmlpi", "xmlroot", "xmlserialize", "xmltable",
    ]

    /// A name as SQL: bare when it is a lower-case identifier and not a keyword, else in double quotes.
    static func ident(_ name: String) -> String {
        let bare = name.first.map { $0 == "_" || ("a"..."z").contains($0) } == true
            && name.allSatisfy { $0 == "_" || $0 == "$" || ("a"..."z").contains($0) || ("0"..."9").contains($0) }
        if bare, !keywordsNeedingQuotes.contains(name) { return name }
        return "\"" + name.replacing("\"", with: "\"\"") + "\""
    }

    /// A table (or other relation) name as SQL: schema-qualified unless it is in `public`.
    static func name(_ name: QualifiedName) -> String {
        name.schema == "public" ? ident(name.name) : ident(name.schema) + "." + ident(name.name)
    }

    /// A comma-separated column list.
    static func columns(_ columns: [String]) -> String { columns.map(ident).joined(separator: ", ") }

    /// A name that PostgreSQL keeps whole: at most 63 bytes, cut on a character boundary.
    static func truncated(_ name: String) -> String { SchemaModel.truncated(name) }
}
