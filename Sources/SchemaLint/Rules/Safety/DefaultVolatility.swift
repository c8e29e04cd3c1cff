/// Whether a column default makes ADD COLUMN rewrite the table on PostgreSQL 11+, where a default that is not
/// volatile is stored once in the catalog instead of in every row.
enum DefaultVolatility {
    /// Volatile built-ins: a new value per row, so every row must be written.
    static let volatileFunctions: Set<String> = [
        "random", "random_normal", "gen_random_uuid", "uuidv4", "uuidv7", "uuid_generate_v1", "uuid_generate_v1mc",
        "uuid_generate_v4", "gen_random_bytes", "clock_timestamp", "timeofday", "nextval", "currval", "lastval",
        "setval", "txid_current", "pg_current_xact_id",
    ]

    /// Stable or immutable built-ins common in defaults: evaluated once by ADD COLUMN, no rewrite.
    static let nonVolatileFunctions: Set<String> = [
        "now", "transaction_timestamp", "statement_timestamp", "current_setting", "current_database", "current_schema",
        "timezone", "date_trunc", "date_part", "make_date", "make_time", "make_timestamp", "make_timestamptz",
        "make_interval", "to_timestamp", "to_date", "to_char", "lower", "upper", "btrim", "ltrim", "rtrim", "trim",
        "concat", "concat_ws", "md5", "length", "replace", "substring", "substr", "coalesce", "nullif", "greatest",
        "least", "abs", "round", "floor", "ceil", "jsonb_build_object", "json_build_object", "jsonb_build_array",
        "json_build_array", "to_jsonb", "to_json", "array_fill", "int4range", "int8range", "numrange", "tsrange",
        "tstzrange", "daterange", "point", "inet", "cidr", "uuid_nil", "uuid_ns_dns", "uuid_ns_url",
    ]

    enum Verdict: Equatable {
        case constant
        /// Volatile (a known volatile function, or one the run did not declare STABLE or IMMUTABLE).
        case volatile(function: String, known: Bool)
    }

    /// Volatile when any function it calls is volatile. Functions schemalint does not know (not in the lists and
    /// not created in the run with STABLE or IMMUTABLE) are treated as volatile: VOLATILE is what CREATE FUNCTION
    /// declares unless told otherwise, and a false alarm here costs a look while a miss costs an outage.
    static func judge(_ expression: Expression, model: SchemaModel) -> Verdict {
        for call in expression.functionCalls {
            let name = call.baseName
            guard !name.isEmpty else { continue }
            if volatileFunctions.contains(name) { return .volatile(function: name, known: true) }
            if let declared = model.functionVolatility[name] {
                if declared == .volatile { return .volatile(function: name, known: true) }
                continue
            }
            if nonVolatileFunctions.contains(name) { continue }
            return .volatile(function: name, known: false)
        }
        return .constant
    }

    /// `NULL` or `NULL::type`: no value at all.
    static func isNull(_ expression: Expression) -> Bool {
        if case .constant(.null, _) = expression.uncast { return true }
        return false
    }
}
