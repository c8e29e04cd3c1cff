import Testing
@testable import SchemaLint

@Suite("Quoting names in suggested SQL")
struct SQLTextTests {
    @Test("A name is bare only when PostgreSQL reads it back unchanged in that position")
    func quoting() {
        #expect(SQLText.ident("walk_2024") == "walk_2024")
        #expect(SQLText.ident("order") == #""order""#, "reserved")
        #expect(SQLText.ident("left") == #""left""#, "type/function-name keywords are not column names")
        #expect(SQLText.ident("between") == "between", "column-name keywords are column names")
        #expect(SQLText.ident("between", at: .function) == #""between""#)
        #expect(SQLText.ident("left", at: .function) == "left")
        #expect(SQLText.ident("name") == "name", "unreserved")
        #expect(SQLText.ident("OrderLine") == #""OrderLine""#)
        #expect(SQLText.ident("straße") == #""straße""#)
        #expect(SQLText.ident(#"a"b"#) == #""a""b""#)
        #expect(SQLText.name(QualifiedName(schema: "User", name: "user")) == #""User"."user""#)
    }

    static func suggestion<R: Rule>(_ rule: R.Type, _ sql: String) throws -> String? {
        let result = Linter(rules: [ConfiguredRule(try rule.make())], settings: LintSettings())
            .lint([SourceFile(path: "m.sql", text: sql)])
        return result.diagnostics.first?.suggestion
    }

    @Test("Safety suggestions quote keywords: SET NOT NULL on \"order\", ADD COLUMN \"user\"")
    func safetySuggestionsQuote() throws {
        let notNull = try #require(try Self.suggestion(SetNotNull.self, #"ALTER TABLE walk ALTER COLUMN "order" SET NOT NULL;"#))
        #expect(notNull.contains(#"CHECK ("order" IS NOT NULL) NOT VALID"#), "\(notNull)")
        #expect(notNull.contains(#"ALTER COLUMN "order" SET NOT NULL"#), "\(notNull)")
        let added = try #require(try Self.suggestion(AddColumnWithDefault.self,
                                                      #"ALTER TABLE walk ADD COLUMN "user" uuid DEFAULT gen_random_uuid();"#))
        #expect(added.contains(#"ALTER COLUMN "user" SET DEFAULT gen_random_uuid()"#), "\(added)")
    }
}
