/// PostgreSQL 15's keywords that are not unreserved, by grammar category, copied from
/// `src/include/parser/kwlist.h` (unreserved keywords are plain names everywhere, so they are not listed).
/// The category decides where a keyword may stand bare: a column, table, index or constraint name (`ColId`)
/// accepts column-name keywords, a function or type name (`type_function_name`) accepts type/function-name
/// keywords, and reserved keywords are accepted in neither.
enum PostgresKeyword {
    enum Category { case reserved, typeOrFunctionName, columnName }

    static func category(of word: String) -> Category? {
        if reserved.contains(word) { return .reserved }
        if typeOrFunctionName.contains(word) { return .typeOrFunctionName }
        if columnName.contains(word) { return .columnName }
        return nil
    }

    /// RESERVED_KEYWORD
    static let reserved: Set<String> = [
        "all", "analyse", "analyze", "and", "any", "array", "as", "asc", "asymmetric", "both", "case", "cast", "check",
        "collate", "column", "constraint", "create", "current_catalog", "current_date", "current_role", "current_time",
        "current_timestamp", "current_user", "default", "deferrable", "desc", "distinct", "do", "else", "end", "except",
        "false", "fetch", "for", "foreign", "from", "grant", "group", "having", "in", "initially", "intersect", "into",
        "lateral", "leading", "limit", "localtime", "localtimestamp", "not", "null", "offset", "on", "only", "or",
        "order", "placing", "primary", "references", "returning", "select", "session_user", "some", "symmetric",
        "table", "then", "to", "trailing", "true", "union", "unique", "user", "using", "variadic", "when", "where",
        "window", "with",
    ]

    /// TYPE_FUNC_NAME_KEYWORD: allowed as a function or type name, not as a column or table name.
    static let typeOrFunctionName: Set<String> = [
        "authorization", "binary", "collation", "concurrently", "cross", "current_schema", "freeze", "full", "ilike",
        "inner", "is", "isnull", "join", "left", "like", "natural", "notnull", "outer", "overlaps", "right", "similar",
        "tablesample", "verbose",
    ]

    /// COL_NAME_KEYWORD: allowed as a column or table name, not as a function or type name.
    static let columnName: Set<String> = [
        "between", "bigint", "bit", "boolean", "char", "character", "coalesce", "dec", "decimal", "exists", "extract",
        "float", "greatest", "grouping", "inout", "int", "integer", "interval", "least", "national", "nchar", "none",
        "normalize", "nullif", "numeric", "out", "overlay", "position", "precision", "real", "row", "setof", "smallint",
        "substring", "time", "timestamp", "treat", "trim", "values", "varchar", "xmlattributes", "xmlconcat",
        "xmlelement", "xmlexists", "xmlforest", "xmlnamespaces", "xmlparse", "xmlpi", "xmlroot", "xmlserialize",
        "xmltable",
    ]
}
