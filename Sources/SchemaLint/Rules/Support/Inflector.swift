/// Just enough English number inflection to judge table names. Words are lower case (one snake_case word).
enum Inflector {
    /// Plurals no suffix rule derives: Latin and Greek ones, and the old English ones.
    static let irregularPlurals: [String: String] = [
        "people": "person", "children": "child", "men": "man", "women": "woman", "mice": "mouse", "lice": "louse",
        "geese": "goose", "oxen": "ox", "feet": "foot", "teeth": "tooth", "dice": "die", "aches": "ache",
        "criteria": "criterion", "phenomena": "phenomenon", "automata": "automaton",
        "curricula": "curriculum", "memoranda": "memorandum", "strata": "stratum", "bacteria": "bacterium",
        "millennia": "millennium", "addenda": "addendum", "errata": "erratum", "spectra": "spectrum",
        "quanta": "quantum", "maxima": "maximum", "minima": "minimum", "optima": "optimum", "consortia": "consortium",
        "symposia": "symposium", "referenda": "referendum", "schemata": "schema",
        "cacti": "cactus", "fungi": "fungus", "alumni": "alumnus", "radii": "radius", "nuclei": "nucleus",
        "syllabi": "syllabus", "stimuli": "stimulus", "foci": "focus", "loci": "locus", "termini": "terminus",
        "formulae": "formula", "antennae": "antenna", "larvae": "larva", "vertebrae": "vertebra", "algae": "alga",
        "nebulae": "nebula", "alumnae": "alumna", "bureaux": "bureau", "plateaux": "plateau", "chateaux": "chateau",
        "axes": "axis", "bases": "base", "crises": "crisis", "lives": "life", "elves": "elf", "uses": "use",
        "ruses": "ruse", "pies": "pie", "ties": "tie", "lies": "lie", "dies": "die",
    ]
    static let irregularSingulars: [String: String] = Dictionary(irregularPlurals.map { ($1, $0) }) { first, _ in first }

    /// Endings whose singular the general rules below get wrong, as (plural ending, singular ending); the first
    /// that ends the word wins. An ending is a whole word or the end of one (`headaches`, `housewives`).
    static let exceptionalEndings: [(plural: String, singular: String)] = [
        // -ches whose singular keeps its e
        ("caches", "cache"), ("kaches", "kache"), ("daches", "dache"), ("haches", "hache"), ("staches", "stache"),
        ("niches", "niche"), ("cliches", "cliche"), ("quiches", "quiche"), ("fiches", "fiche"),
        ("pastiches", "pastiche"), ("avalanches", "avalanche"), ("douches", "douche"), ("psyches", "psyche"),
        ("creches", "creche"), ("brioches", "brioche"),
        // -ves from -f and -fe
        ("leaves", "leaf"), ("loaves", "loaf"), ("knives", "knife"), ("wives", "wife"), ("thieves", "thief"),
        ("wolves", "wolf"), ("halves", "half"), ("shelves", "shelf"), ("selves", "self"), ("calves", "calf"),
        ("scarves", "scarf"), ("wharves", "wharf"), ("hooves", "hoof"), ("sheaves", "sheaf"),
        // -uses and -ases from -use and -ase, or singulars in -s
        ("abuses", "abuse"), ("excuses", "excuse"), ("fuses", "fuse"), ("muses", "muse"), ("recluses", "recluse"),
        ("misuses", "misuse"), ("disuses", "disuse"), ("reuses", "reuse"), ("overuses", "overuse"),
        ("ouses", "ouse"), ("auses", "ause"),
        ("iases", "ias"), ("canvases", "canvas"), ("atlases", "atlas"), ("gases", "gas"), ("lenses", "lens"),
        // Greek -sis and Latin -ix/-ex
        ("yses", "ysis"), ("theses", "thesis"), ("emphases", "emphasis"), ("synopses", "synopsis"),
        ("geneses", "genesis"), ("gnoses", "gnosis"), ("neuroses", "neurosis"), ("psychoses", "psychosis"),
        ("metamorphoses", "metamorphosis"), ("thromboses", "thrombosis"), ("scleroses", "sclerosis"),
        ("symbioses", "symbiosis"), ("osmoses", "osmosis"),
        ("indices", "index"), ("matrices", "matrix"), ("vertices", "vertex"), ("appendices", "appendix"),
        ("vortices", "vortex"), ("cortices", "cortex"), ("codices", "codex"), ("helices", "helix"),
        ("apices", "apex"), ("simplices", "simplex"),
        // -zes
        ("quizzes", "quiz"), ("fezzes", "fez"), ("whizzes", "whiz"), ("topazes", "topaz"), ("zzes", "zz"), ("tzes", "tz"),
        // -oes from -o
        ("heroes", "hero"), ("potatoes", "potato"), ("tomatoes", "tomato"), ("echoes", "echo"), ("vetoes", "veto"),
        ("torpedoes", "torpedo"), ("volcanoes", "volcano"), ("dominoes", "domino"), ("mosquitoes", "mosquito"),
        ("tornadoes", "tornado"), ("embargoes", "embargo"), ("cargoes", "cargo"), ("mangoes", "mango"),
        ("buffaloes", "buffalo"),
        // -ies from -ie
        ("movies", "movie"), ("cookies", "cookie"), ("zombies", "zombie"), ("calories", "calorie"),
        ("rookies", "rookie"), ("selfies", "selfie"), ("smoothies", "smoothie"), ("brownies", "brownie"),
        ("hoodies", "hoodie"), ("freebies", "freebie"), ("newbies", "newbie"), ("goalies", "goalie"),
        ("genies", "genie"), ("prairies", "prairie"), ("sorties", "sortie"), ("magpies", "magpie"),
        ("neckties", "necktie"), ("lingeries", "lingerie"), ("eyries", "eyrie"),
    ]

    /// The general rules, after the exceptions: the first ending that matches wins.
    static let regularEndings: [(plural: String, singular: String)] = [
        ("ies", "y"), ("sses", "ss"), ("shes", "sh"), ("ches", "ch"), ("xes", "x"), ("uses", "us"), ("s", ""),
    ]

    /// Words that end in s but are singular, and words that are the same in both numbers.
    static let singularWithS: Set<String> = [
        "status", "address", "analysis", "news", "series", "bus", "campus", "canvas", "access", "process",
        "alias", "bonus", "virus", "census", "corpus", "axis", "basis", "crisis", "thesis", "diagnosis",
        "chassis", "species", "gas", "lens", "atlas", "radius", "focus", "plus", "minus", "this", "yes",
        "iris", "apparatus", "consensus", "prospectus", "syllabus", "stimulus", "genus", "bias", "has", "was",
        "chaos", "ethos", "kudos", "cosmos", "pathos", "thermos",
        "dns", "sms", "gps", "os", "aws", "cms", "https", "ics", "rss",
    ]
    static let uncountable: Set<String> = [
        "data", "metadata", "info", "information", "equipment", "sheep", "fish", "staff", "media", "software",
        "feedback", "news", "series", "species", "audit", "history", "inventory", "settings",
    ]

    /// The singular words in -s long enough to end a name run together from words.
    static let longSingularWithS = singularWithS.filter { $0.count >= 5 }.sorted()

    /// Whether `word` ends with the ASCII `ending`, compared in UTF-8 bytes: `hasSuffix` compares grapheme clusters,
    /// and a table name is checked against a hundred endings.
    static func ends(_ word: String, with ending: String) -> Bool { word.hasUTF8Suffix(ending) }

    static func isPlural(_ word: String) -> Bool {
        if uncountable.contains(word) || singularWithS.contains(word) { return false }
        // A name run together from words (`jobalias`, `emailaddress`) ends in the singular one.
        if longSingularWithS.contains(where: { ends(word, with: $0) }) { return false }
        if irregularPlurals[word] != nil { return true }
        if irregularSingulars[word] != nil { return false }
        if ends(word, with: "ss") || ends(word, with: "us") || ends(word, with: "is") { return false }
        return ends(word, with: "s") && word.count > 2
    }

    static func isSingular(_ word: String) -> Bool {
        uncountable.contains(word) || !isPlural(word)
    }

    static func singular(_ word: String) -> String {
        if let s = irregularPlurals[word] { return s }
        for (plural, singular) in exceptionalEndings where ends(word, with: plural) {
            return String(word.dropLast(plural.count)) + singular
        }
        for (plural, singular) in regularEndings where ends(word, with: plural) {
            // `ies` → `y` only past a short stem (`pies` is in the irregular list).
            if plural == "ies", word.count <= 4 { continue }
            return String(word.dropLast(plural.count)) + singular
        }
        return word
    }

    static func plural(_ word: String) -> String {
        if let p = irregularSingulars[word] { return p }
        if word.hasSuffix("y"), let before = word.dropLast().last, !"aeiou".contains(before) {
            return String(word.dropLast()) + "ies"
        }
        if ["s", "x", "z", "ch", "sh"].contains(where: word.hasSuffix) { return word + "es" }
        return word + "s"
    }

    /// `changed` spelled in the case of `original`, the word it was derived from: the letters they share keep
    /// the original's case and the new ending is upper case when the original is (`Settings` → `Setting`,
    /// `PEOPLE` → `PERSON`).
    static func recased(_ changed: String, like original: String) -> String {
        let originalCharacters = Array(original), lower = Array(original.lowercased())
        guard lower.count == originalCharacters.count, original != original.lowercased() else { return changed }
        let new = Array(changed)
        var shared = 0
        while shared < min(lower.count, new.count), lower[shared] == new[shared] { shared += 1 }
        let upper = original == original.uppercased()
        let tail = String(new[shared...])
        return String(originalCharacters[..<shared]) + (upper ? tail.uppercased() : tail)
    }
}
