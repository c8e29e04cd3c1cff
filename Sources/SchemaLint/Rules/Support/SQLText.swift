import FoundationEssentials
/// Spelling SQL for suggested fixes: identifiers are quoted only when PostgreSQL needs it.
enum SQLText {
    /// Where a name stands in the grammar, which decides the keywords it may be without quotes.
    enum Position {
        /// A column, table, index, constraint or trigger name (`ColId`).
        case column
        /// A function or type name (`type_function_name`).
        case function
    }

    /// A name as SQL: bare when it is a lower-case ASCII identifier that PostgreSQL accepts there unquoted,
    /// else in double quotes (which keep case and any character). Read on bytes: rules quote names for every
    /// suggestion, most of which are never shown.
    static func ident(_ name: String, at position: Position = .column) -> String {
        let bytes = name.utf8
        let bare = bytes.first.map { $0 == UInt8(ascii: "_") || (97...122).contains($0) } == true
            && bytes.allSatisfy { $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: "$") || (97...122).contains($0) || (48...57).contains($0) }
        if bare, !needsQuotes(keyword: name, at: position) { return name }
        return "\"" + name.replacing("\"", with: "\"\"") + "\""
    }

    /// Whether a keyword must be quoted there: PostgreSQL 15's categories (kwlist.h, the front end's `Keyword`).
    private static func needsQuotes(keyword word: String, at position: Position) -> Bool {
        switch (Keyword(lowercased: word)?.category, position) {
        case (nil, _), (.unreserved?, _), (.columnName?, .column), (.typeOrFunctionName?, .function): false
        default: true
        }
    }

    /// A table (or other relation) name as SQL: schema-qualified unless it is in `public`.
    static func name(_ name: QualifiedName) -> String {
        name.schema == "public" ? ident(name.name) : ident(name.schema) + "." + ident(name.name)
    }

    /// `ALTER TABLE … RENAME COLUMN`, or nil when the new name is longer than PostgreSQL keeps (63 bytes): it
    /// would be cut short, to the old name or another column's.
    static func renameColumn(of table: QualifiedName, from old: String, to new: String) -> String? {
        guard truncated(new) == new else { return nil }
        return "ALTER TABLE \(name(table)) RENAME COLUMN \(ident(old)) TO \(ident(new));"
    }

    /// A comma-separated column list.
    static func columns(_ columns: [String]) -> String { columns.map { ident($0) }.joined(separator: ", ") }

    /// A name that PostgreSQL keeps whole: at most 63 bytes, cut on a character boundary.
    static func truncated(_ name: String) -> String { SchemaModel.truncated(name) }
}
