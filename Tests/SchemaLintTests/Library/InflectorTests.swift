import Testing
@testable import SchemaLint

@Suite("English inflection of table names")
struct InflectorTests {
    /// Real English plurals and their singulars, across every rule and exception of `Inflector.singular`.
    static let pairs: [(plural: String, singular: String)] = [
        // -s
        ("dogs", "dog"), ("users", "user"), ("orders", "order"), ("accounts", "account"), ("events", "event"),
        ("invoices", "invoice"), ("prices", "price"), ("devices", "device"), ("services", "service"),
        ("choices", "choice"), ("notices", "notice"), ("offices", "office"), ("slices", "slice"),
        ("files", "file"), ("roles", "role"), ("rules", "rule"), ("sales", "sale"), ("tables", "table"),
        ("names", "name"), ("types", "type"), ("codes", "code"), ("nodes", "node"), ("modes", "mode"),
        ("zones", "zone"), ("phones", "phone"), ("games", "game"), ("images", "image"), ("messages", "message"),
        ("pages", "page"), ("packages", "package"), ("stages", "stage"), ("edges", "edge"), ("badges", "badge"),
        ("shoes", "shoe"), ("toes", "toe"), ("canoes", "canoe"), ("horses", "horse"), ("courses", "course"),
        ("responses", "response"), ("licenses", "license"), ("expenses", "expense"), ("nurses", "nurse"),
        ("verses", "verse"), ("cases", "case"), ("phases", "phase"), ("purchases", "purchase"),
        ("databases", "database"), ("releases", "release"), ("leases", "lease"), ("phrases", "phrase"),
        ("diseases", "disease"), ("premises", "premise"), ("promises", "promise"), ("exercises", "exercise"),
        ("enterprises", "enterprise"), ("franchises", "franchise"), ("cruises", "cruise"), ("noises", "noise"),
        ("roses", "rose"), ("purposes", "purpose"), ("doses", "dose"), ("hoses", "hose"),
        ("prizes", "prize"), ("sizes", "size"), ("mazes", "maze"), ("breezes", "breeze"),
        ("archives", "archive"), ("drives", "drive"), ("moves", "move"), ("gloves", "glove"), ("curves", "curve"),
        ("reserves", "reserve"), ("objectives", "objective"), ("waves", "wave"), ("valves", "valve"),
        ("olives", "olive"), ("natives", "native"), ("directives", "directive"), ("initiatives", "initiative"),
        ("days", "day"), ("keys", "key"), ("surveys", "survey"), ("toys", "toy"), ("journeys", "journey"),
        ("boys", "boy"), ("trays", "tray"), ("guys", "guy"),
        ("radios", "radio"), ("photos", "photo"), ("videos", "video"), ("studios", "studio"), ("logos", "logo"),
        // -ies
        ("categories", "category"), ("companies", "company"), ("countries", "country"), ("cities", "city"),
        ("parties", "party"), ("properties", "property"), ("families", "family"), ("supplies", "supply"),
        ("replies", "reply"), ("policies", "policy"), ("entries", "entry"), ("queries", "query"),
        ("stories", "story"), ("libraries", "library"), ("currencies", "currency"), ("activities", "activity"),
        ("bodies", "body"), ("studies", "study"), ("copies", "copy"), ("allies", "ally"), ("deliveries", "delivery"),
        ("movies", "movie"), ("cookies", "cookie"), ("zombies", "zombie"), ("calories", "calorie"),
        ("selfies", "selfie"), ("brownies", "brownie"), ("hoodies", "hoodie"), ("pies", "pie"), ("ties", "tie"),
        ("lies", "lie"), ("neckties", "necktie"), ("magpies", "magpie"),
        // -sses, -shes, -ches, -xes, -zes
        ("addresses", "address"), ("classes", "class"), ("processes", "process"), ("bosses", "boss"),
        ("passes", "pass"), ("glasses", "glass"), ("accesses", "access"), ("businesses", "business"),
        ("dishes", "dish"), ("wishes", "wish"), ("crashes", "crash"), ("flashes", "flash"), ("hashes", "hash"),
        ("pushes", "push"), ("brushes", "brush"), ("meshes", "mesh"), ("bushes", "bush"), ("splashes", "splash"),
        ("matches", "match"), ("batches", "batch"), ("churches", "church"), ("searches", "search"),
        ("branches", "branch"), ("benches", "bench"), ("lunches", "lunch"), ("watches", "watch"),
        ("switches", "switch"), ("patches", "patch"), ("sandwiches", "sandwich"), ("beaches", "beach"),
        ("coaches", "coach"), ("approaches", "approach"), ("speeches", "speech"), ("pouches", "pouch"),
        ("touches", "touch"), ("porches", "porch"), ("ostriches", "ostrich"),
        ("caches", "cache"), ("niches", "niche"), ("headaches", "headache"), ("aches", "ache"),
        ("toothaches", "toothache"), ("mustaches", "mustache"), ("cliches", "cliche"), ("quiches", "quiche"),
        ("avalanches", "avalanche"), ("psyches", "psyche"),
        ("boxes", "box"), ("taxes", "tax"), ("indexes", "index"), ("prefixes", "prefix"), ("suffixes", "suffix"),
        ("fixes", "fix"), ("annexes", "annex"), ("inboxes", "inbox"), ("mailboxes", "mailbox"),
        ("quizzes", "quiz"), ("buzzes", "buzz"), ("waltzes", "waltz"), ("blitzes", "blitz"), ("fezzes", "fez"),
        // -uses, -ases, -ses from -s
        ("statuses", "status"), ("buses", "bus"), ("bonuses", "bonus"), ("viruses", "virus"),
        ("campuses", "campus"), ("censuses", "census"), ("corpuses", "corpus"), ("focuses", "focus"),
        ("geniuses", "genius"), ("choruses", "chorus"), ("circuses", "circus"), ("walruses", "walrus"),
        ("surpluses", "surplus"), ("sinuses", "sinus"), ("prospectuses", "prospectus"), ("consensuses", "consensus"),
        ("houses", "house"), ("warehouses", "warehouse"), ("blouses", "blouse"), ("spouses", "spouse"),
        ("causes", "cause"), ("clauses", "clause"), ("pauses", "pause"), ("uses", "use"), ("abuses", "abuse"),
        ("excuses", "excuse"), ("fuses", "fuse"), ("muses", "muse"), ("ruses", "ruse"), ("misuses", "misuse"),
        ("aliases", "alias"), ("biases", "bias"), ("canvases", "canvas"), ("atlases", "atlas"), ("gases", "gas"),
        ("lenses", "lens"),
        // -ves
        ("leaves", "leaf"), ("loaves", "loaf"), ("knives", "knife"), ("wives", "wife"), ("lives", "life"),
        ("housewives", "housewife"), ("thieves", "thief"), ("wolves", "wolf"), ("halves", "half"),
        ("shelves", "shelf"), ("selves", "self"), ("calves", "calf"), ("elves", "elf"), ("scarves", "scarf"),
        ("hooves", "hoof"),
        // -oes
        ("heroes", "hero"), ("potatoes", "potato"), ("tomatoes", "tomato"), ("echoes", "echo"), ("vetoes", "veto"),
        ("torpedoes", "torpedo"), ("volcanoes", "volcano"), ("mosquitoes", "mosquito"), ("cargoes", "cargo"),
        // Greek and Latin
        ("analyses", "analysis"), ("paralyses", "paralysis"), ("crises", "crisis"), ("theses", "thesis"),
        ("hypotheses", "hypothesis"), ("syntheses", "synthesis"), ("parentheses", "parenthesis"),
        ("diagnoses", "diagnosis"), ("prognoses", "prognosis"), ("emphases", "emphasis"), ("synopses", "synopsis"),
        ("axes", "axis"), ("indices", "index"), ("matrices", "matrix"), ("vertices", "vertex"),
        ("appendices", "appendix"), ("vortices", "vortex"), ("criteria", "criterion"), ("phenomena", "phenomenon"),
        ("curricula", "curriculum"), ("memoranda", "memorandum"), ("bacteria", "bacterium"), ("strata", "stratum"),
        ("cacti", "cactus"), ("fungi", "fungus"), ("alumni", "alumnus"), ("radii", "radius"), ("nuclei", "nucleus"),
        ("stimuli", "stimulus"), ("formulae", "formula"), ("antennae", "antenna"), ("larvae", "larva"),
        ("vertebrae", "vertebra"), ("bureaux", "bureau"), ("schemata", "schema"),
        // Old English
        ("people", "person"), ("children", "child"), ("men", "man"), ("women", "woman"), ("mice", "mouse"),
        ("geese", "goose"), ("feet", "foot"), ("teeth", "tooth"), ("oxen", "ox"),
    ]

    @Test("At least 200 real plurals give their singulars, and are judged plural")
    func singulars() {
        #expect(Self.pairs.count >= 200)
        #expect(Set(Self.pairs.map(\.plural)).count == Self.pairs.count, "a plural is listed twice")
        let wrong = Self.pairs.filter { Inflector.singular($0.plural) != $0.singular }
            .map { "\($0.plural) → \(Inflector.singular($0.plural)), not \($0.singular)" }
        #expect(wrong.isEmpty, "\(wrong.count) wrong singulars:\n\(wrong.joined(separator: "\n"))")
        let notPlural = Self.pairs.map(\.plural).filter { !Inflector.isPlural($0) }
        #expect(notPlural.isEmpty, "not judged plural: \(notPlural)")
        let notSingular = (Self.pairs.map(\.singular) + ["jobalias", "emailaddress", "jobstatus"]).filter { Inflector.isPlural($0) }
        #expect(notSingular.isEmpty, "singulars judged plural: \(notSingular)")
    }

    static func inflectionFinding(_ sql: String) throws -> Diagnostic? {
        let rules = [ConfiguredRule(try TableNameInflection.make())]
        return Linter(rules: rules, settings: LintSettings()).lint([SourceFile(path: "m.sql", text: sql)]).diagnostics.first
    }

    @Test("The suggested rename keeps a quoted name's case and quotes, and quotes keywords")
    func quotedNames() throws {
        let mixed = try #require(try Self.inflectionFinding(#"CREATE TABLE "TenantAlertingSettings" (id int);"#))
        #expect(mixed.message == #"Table "TenantAlertingSettings" is plural; name tables in the singular ("TenantAlertingSetting")"#)
        #expect(mixed.suggestion == #"ALTER TABLE "TenantAlertingSettings" RENAME TO "TenantAlertingSetting";"#)
        let plain = try #require(try Self.inflectionFinding("CREATE TABLE billing.tag_aliases (id int);"))
        #expect(plain.suggestion == "ALTER TABLE billing.tag_aliases RENAME TO tag_alias;")
        let keyword = try #require(try Self.inflectionFinding("CREATE TABLE users (id int);"))
        #expect(keyword.suggestion == #"ALTER TABLE users RENAME TO "user";"#)
        let upper = try #require(try Self.inflectionFinding(#"CREATE TABLE "PEOPLE" (id int);"#))
        #expect(upper.suggestion == #"ALTER TABLE "PEOPLE" RENAME TO "PERSON";"#)
    }

    @Test("Endings are matched in bytes: a non-ASCII stem, composed or not, keeps its letters")
    func nonASCIIStems() {
        for word in ["cafés", "cafe\u{301}s", "größes", "niños"] {
            #expect(Inflector.isPlural(word), "\(word)")
        }
        #expect(Inflector.singular("cafés") == "café")
        #expect(Inflector.singular("cafe\u{301}s") == "cafe\u{301}")
        #expect(Inflector.singular("niños") == "niño")
        #expect(Inflector.singular("cafés") != "cafe")
        // u and a combining accent are not the u of -us (status): the word is a plural in -s.
        #expect(Inflector.isPlural("statu\u{301}s") && !Inflector.isPlural("status"))
        #expect(Inflector.singular("statu\u{301}s") == "statu\u{301}")
        #expect(Inflector.ends("abc", with: "bc") && !Inflector.ends("bc", with: "abc") && Inflector.ends("x", with: ""))
    }
}
