/// A column type with aliases resolved: `int`, `integer`, `int4` all have `name == "int4"`.
public struct ColumnType: Sendable, Equatable, CustomStringConvertible {
    /// Canonical type name (last name part, alias-mapped, lower case).
    public var name: String
    /// The schema the type was written with, if it was qualified by the user (not `pg_catalog`).
    public var schema: String?
    /// Integer modifiers: `varchar(20)` → [20], `numeric(10,2)` → [10, 2]. Empty when not integers.
    public var modifiers: [Int]
    public var isArray: Bool

    /// Alias → canonical name, as PostgreSQL itself resolves them.
    static let aliases: [String: String] = [
        "int": "int4", "integer": "int4", "int4": "int4", "serial": "serial", "serial4": "serial",
        "smallint": "int2", "int2": "int2", "bigint": "int8", "int8": "int8", "serial8": "bigserial",
        "serial2": "smallserial", "real": "float4", "float4": "float4", "float8": "float8",
        "double precision": "float8", "float": "float8", "bool": "bool", "boolean": "bool",
        "varchar": "varchar", "character varying": "varchar", "char": "bpchar", "character": "bpchar",
        "bpchar": "bpchar", "decimal": "numeric", "numeric": "numeric", "timestamp": "timestamp",
        "timestamptz": "timestamptz", "time": "time", "timetz": "timetz", "varbit": "varbit",
        "bit varying": "varbit",
    ]

    public init(name: String, schema: String? = nil, modifiers: [Int] = [], isArray: Bool = false) {
        self.name = Self.aliases[name] ?? name
        self.schema = schema
        self.modifiers = modifiers
        self.isArray = isArray
    }

    public init(_ typeName: TypeSyntax) {
        let parts = typeName.names
        let last = parts.last?.lowercased() ?? ""
        let qualifier: String? = parts.count > 1 ? parts[parts.count - 2] : nil
        // `float(p)` means float4 for p <= 24; the parser reports it as float8 only without a precision.
        let modifiers = typeName.integerModifiers
        // `"char"` (quoted, so unqualified) is the one-byte internal type; char(n) arrives as pg_catalog.bpchar.
        let internalChar = parts.count == 1 && parts[0] == "char"
        let schema: String? = qualifier == "pg_catalog" ? nil : qualifier
        self.init(name: internalChar ? "\"char\"" : last, schema: schema, modifiers: modifiers,
                  isArray: typeName.isArray)
    }

    public var isFloatingPoint: Bool { !isArray && (name == "float4" || name == "float8") }
    public var isTimestampWithoutTimeZone: Bool { name == "timestamp" }
    public var isBoolean: Bool { !isArray && name == "bool" }
    public var isText: Bool { !isArray && ["text", "varchar", "bpchar", "citext"].contains(name) }

    /// How PostgreSQL would print it: `timestamp(3) without time zone`, `varchar(20)`, `int4[]`.
    public var description: String {
        let base: String
        switch name {
        case "timestamp": base = "timestamp" + modifierText + " without time zone"
        case "timestamptz": base = "timestamp" + modifierText + " with time zone"
        case "float8": base = "double precision"
        case "float4": base = "real"
        case "bool": base = "boolean"
        case "int4": base = "integer"
        case "int8": base = "bigint"
        case "int2": base = "smallint"
        case "bpchar": base = "char" + modifierText
        default: base = (schema.map { "\($0)." } ?? "") + name + modifierText
        }
        return base + (isArray ? "[]" : "")
    }

    private var modifierText: String {
        modifiers.isEmpty ? "" : "(" + modifiers.map(String.init).joined(separator: ",") + ")"
    }
}
