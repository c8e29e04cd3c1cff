import Foundation
import Testing
@testable import SchemaLint

/// Model facts the design catalogue relies on, each found as a wrong finding on the corpus (see the note of
/// issue 3): replayed statements that must change what the whole-schema rules see.
@Suite("Design model")
struct DesignModelTests {
    static func lint(_ sql: String, _ rules: [any Rule.Type]) throws -> [Diagnostic] {
        let configured = try rules.map { ConfiguredRule(try $0.make()) }
        return Linter(rules: configured).lint([SourceFile(path: "x.sql", text: sql)]).diagnostics
    }

    static func model(_ sql: String) -> SchemaModel {
        let model = SchemaModel()
        for case .statement(let statement) in SQLParser.parse(SourceFile(path: "x.sql", text: sql)).items {
            _ = model.apply(statement)
        }
        return model
    }

    @Test("Views, materialized views and sequences record where they were created; renames and SET SCHEMA move them")
    func relationsAreObjects() throws {
        let model = Self.model("""
            CREATE TABLE walk (id serial PRIMARY KEY);
            CREATE VIEW walk_list AS SELECT id FROM walk;
            ALTER VIEW walk_list RENAME TO hike_list;
            CREATE MATERIALIZED VIEW walk_count AS SELECT count(*) AS n FROM walk;
            ALTER MATERIALIZED VIEW walk_count SET SCHEMA report;
            CREATE SEQUENCE ticket_seq;
            ALTER TABLE walk_id_seq RENAME TO hike_id_seq;
            DROP SEQUENCE ticket_seq;
            """)
        #expect(model.relation(QualifiedName(name: "walk_list")) == nil)
        #expect(model.relation(QualifiedName(name: "hike_list"))?.kind == .view)
        #expect(model.relation(QualifiedName(schema: "report", name: "walk_count"))?.kind == .materializedView)
        #expect(model.relation(QualifiedName(name: "ticket_seq")) == nil)
        // serial's implicit sequence is an object too, and the column's default follows its rename.
        #expect(model.relation(QualifiedName(name: "hike_id_seq"))?.kind == .sequence)
        #expect(model.table(QualifiedName(name: "walk"))?.column(named: "id")?.defaultSequence == QualifiedName(name: "hike_id_seq"))
        #expect(model.table(QualifiedName(name: "hike_id_seq")) == nil, "an ALTER TABLE on a sequence makes no table")
        #expect(model.introduced(QualifiedName(name: "hike_list")) != nil)
    }

    @Test("A view created after a table of that name the run lost track of is what the name means")
    func laterRelationWins() throws {
        let model = SchemaModel()
        let earlier = SourceFile(path: "a.sql", text: "CREATE TABLE tt1 (x int);")
        let later = SourceFile(path: "b.sql", text: "CREATE VIEW tt1 AS SELECT 1 AS x;")
        for file in [earlier, later] {
            for case .statement(let statement) in SQLParser.parse(file).items { _ = model.apply(statement) }
        }
        #expect(model.introduced(QualifiedName(name: "tt1"))?.file === later)
    }

    @Test("A constraint keeps the name PostgreSQL generated when its table is renamed, so DROP CONSTRAINT finds it")
    func generatedNameSurvivesTableRename() throws {
        let model = Self.model("""
            CREATE TABLE comment_reply (id int PRIMARY KEY, recipient_id int, comment_id int, UNIQUE (recipient_id, comment_id));
            ALTER TABLE comment_reply RENAME TO notification;
            ALTER TABLE notification DROP CONSTRAINT comment_reply_recipient_id_comment_id_key;
            """)
        let table = try #require(model.table(QualifiedName(name: "notification")))
        #expect(!table.constraints.contains { $0.kind == .unique })
        #expect(table.primaryKey?.effectiveName(on: table.name) == "comment_reply_pkey")
    }

    @Test("Foreign keys follow the table and column they reference through renames")
    func foreignKeysFollowRenames() throws {
        let model = Self.model("""
            CREATE TABLE tag (id int PRIMARY KEY);
            CREATE TABLE post_tag (post_id int, tag_id int REFERENCES tag (id) ON DELETE CASCADE);
            ALTER TABLE tag RENAME TO community_tag;
            ALTER TABLE community_tag RENAME COLUMN id TO tag_id;
            """)
        let fk = try #require(model.table(QualifiedName(name: "post_tag"))?.constraints.first?.foreignKey)
        #expect(fk.table == QualifiedName(name: "community_tag"))
        #expect(fk.columns == ["tag_id"])
    }

    @Test("pg_dump's partitions (CREATE TABLE, then ATTACH PARTITION) are partitions")
    func attachedPartition() throws {
        let found = try Self.lint("""
            CREATE TABLE public.event (id bigint NOT NULL, at timestamp NOT NULL) PARTITION BY RANGE (at);
            CREATE TABLE public.event_default (id bigint NOT NULL, at timestamp NOT NULL);
            ALTER TABLE ONLY public.event ATTACH PARTITION public.event_default DEFAULT;
            """, [TableWithoutPrimaryKey.self, TimestampWithoutTimeZone.self])
        #expect(found.map { "\($0.rule) \($0.start.line)" } == ["table-without-primary-key 1", "timestamp-without-time-zone 1"],
                "\(found.map(\.message))")
    }

    @Test("CREATE INDEX IF NOT EXISTS skips when any index of the schema has the name")
    func indexNamesAreSchemaWide() throws {
        let model = Self.model("""
            CREATE TABLE groupteams (schemeadmin boolean);
            CREATE TABLE groupchannels (schemeadmin boolean);
            CREATE INDEX IF NOT EXISTS idx_groupteams_schemeadmin ON groupteams (schemeadmin);
            CREATE INDEX IF NOT EXISTS idx_groupteams_schemeadmin ON groupchannels (schemeadmin);
            """)
        #expect(model.indexes(on: QualifiedName(name: "groupchannels")).isEmpty)
        #expect(model.indexes(on: QualifiedName(name: "groupteams")).count == 1)
    }

    @Test("serial: the implicit sequence, pg_dump's parts, a renamed sequence, DROP DEFAULT and identity")
    func serialFacts() throws {
        let model = Self.model("""
            CREATE TABLE a (id serial PRIMARY KEY);
            ALTER SEQUENCE a_id_seq RENAME TO b_id_seq;
            CREATE TABLE c (id bigint NOT NULL);
            CREATE SEQUENCE c_id_seq;
            ALTER SEQUENCE c_id_seq OWNED BY c.id;
            ALTER TABLE ONLY c ALTER COLUMN id SET DEFAULT nextval('c_id_seq'::regclass);
            CREATE TABLE d (id serial);
            ALTER TABLE d ALTER COLUMN id DROP DEFAULT;
            CREATE TABLE e (id bigint NOT NULL DEFAULT nextval('shared_seq'));
            """)
        func column(_ table: String) -> Column? { model.table(QualifiedName(name: table))?.column(named: "id") }
        #expect(column("a")?.isSerial == true)
        #expect(column("a")?.defaultSequence == QualifiedName(name: "b_id_seq"))
        #expect(column("c")?.isSerial == true)
        #expect(column("d")?.isSerial == false)
        #expect(column("e")?.isSerial == false)
    }

    @Test("Triggers and domains are recorded")
    func triggersAndDomains() throws {
        let model = Self.model("""
            CREATE DOMAIN status_text AS text CHECK (VALUE IN ('a', 'b'));
            CREATE TABLE walk (id int, updated_at timestamptz);
            CREATE TRIGGER walk_touch BEFORE UPDATE ON walk FOR EACH ROW EXECUTE FUNCTION touch();
            CREATE TRIGGER walk_log AFTER INSERT OR DELETE ON walk FOR EACH STATEMENT EXECUTE FUNCTION log();
            DROP TRIGGER walk_log ON walk;
            """)
        #expect(model.domains[QualifiedName(name: "status_text")]?.hasCheck == true)
        let triggers = model.table(QualifiedName(name: "walk"))?.triggers ?? []
        #expect(triggers.map(\.name) == ["walk_touch"])
        #expect(triggers.first.map { $0.timing == .before && $0.events == [.update] && $0.forEachRow } == true)
    }

    @Test("Quoted and folded identifiers; regclass literals")
    func identifierSpelling() {
        #expect(Statement.identifierValue("createdBy") == "createdby")
        #expect(Statement.identifierValue("\"Say \"\"hi\"\"\"") == "Say \"hi\"")
        #expect(QualifiedName(regclassLiteral: "public.\"Walk_Seq\"") == QualifiedName(schema: "public", name: "Walk_Seq"))
        #expect(QualifiedName(regclassLiteral: "Walk_seq") == QualifiedName(name: "walk_seq"))
        #expect(NonSnakeCaseIdentifier.snakeCase("HTTPServerURL") == "http_server_url")
        #expect(NonSnakeCaseIdentifier.snakeCase("Order Items") == "order_items")
        #expect(SQLText.ident("user") == "\"user\"" && SQLText.ident("walk") == "walk" && SQLText.ident("Walk") == "\"Walk\"")
    }
}
