// The serial pattern: a column whose default takes numbers from a sequence it owns, and the types serial stands for.

extension Column {
    /// The sequence whose `nextval()` is this column's default: serial's implicit one, or a written
    /// `DEFAULT nextval('seq'::regclass)` (pg_dump's form). Nil for any other default.
    public var defaultSequence: QualifiedName? {
        if let serialDefaultSequence { return serialDefaultSequence }
        guard case .function(let call)? = defaultExpression, call.baseName == "nextval",
              let text = call.arguments.first?.stringConstant else { return nil }
        return QualifiedName(regclassLiteral: text)
    }

    /// Whether the default takes numbers from a sequence this column owns: serial, or pg_dump's spelling of it.
    public var isSerial: Bool {
        guard let sequence = defaultSequence, !isIdentity else { return false }
        return sequence == ownedSequence
    }
}

extension ColumnType {
    /// The type PostgreSQL stores: serial is int4, bigserial int8, smallserial int2; anything else unchanged.
    public var storageType: ColumnType {
        var type = self
        switch name {
        case "serial": type.name = "int4"
        case "bigserial": type.name = "int8"
        case "smallserial": type.name = "int2"
        default: break
        }
        return type
    }

    public var isSerialType: Bool { ["serial", "bigserial", "smallserial"].contains(name) }
    public var isInteger: Bool { !isArray && ["int2", "int4", "int8", "serial", "bigserial", "smallserial"].contains(name) }
}
