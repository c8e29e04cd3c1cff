import Testing
@testable import SchemaLint

/// The model's keys compare names byte for byte, as PostgreSQL does, and hash the same way.
struct QualifiedNameTests {
    @Test("Equal names are one key; names that differ in any byte are two")
    func keys() {
        let composed = "caf\u{E9}", decomposed = "cafe\u{301}"  // equal as Swift strings, two names to PostgreSQL
        let names = [
            QualifiedName(name: "walk"), QualifiedName(schema: "public", name: "walk"),
            QualifiedName(schema: "billing", name: "walk"), QualifiedName(name: "Walk"),
            QualifiedName(schema: "a.b", name: "c"), QualifiedName(schema: "a", name: "b.c"),
            QualifiedName(name: composed), QualifiedName(name: decomposed),
            QualifiedName(name: "a_table_name_longer_than_sixteen_bytes"), QualifiedName(name: "a_table_name_longer_than_sixteen_bytez"),
            QualifiedName(name: ""),
        ]
        var byName: [QualifiedName: Int] = [:]
        for (i, name) in names.enumerated() where byName[name] == nil { byName[name] = i }
        #expect(byName.count == names.count - 1)
        #expect(byName[QualifiedName(name: "walk")] == 0)
        #expect(byName[QualifiedName(name: decomposed)] == 7)
        #expect(QualifiedName(name: composed) != QualifiedName(name: decomposed))
        #expect(QualifiedName(schema: "a.b", name: "c") != QualifiedName(schema: "a", name: "b.c"))
        // A name built piece by piece (a native string) is the same key as a literal one (a small or constant one).
        var built = "a_table_name_longer_than_sixteen_"
        built += "bytes"
        #expect(byName[QualifiedName(name: built)] == 8)
    }
}
