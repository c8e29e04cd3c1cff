/// Just enough English number inflection to judge table names.
enum Inflector {
    static let irregularPlurals: [String: String] = [
        "people": "person", "children": "child", "men": "man", "women": "woman", "mice": "mouse",
        "geese": "goose", "criteria": "criterion", "feet": "foot", "teeth": "tooth", "phenomena": "phenomenon",
        "indices": "index", "matrices": "matrix", "vertices": "vertex", "analyses": "analysis", "axes": "axis",
        "crises": "crisis", "theses": "thesis", "diagnoses": "diagnosis", "bases": "basis",
    ]
    static let irregularSingulars: [String: String] = Dictionary(uniqueKeysWithValues: irregularPlurals.map { ($1, $0) })
    /// Words that end in s but are singular, and words that are the same in both numbers.
    static let singularWithS: Set<String> = [
        "status", "address", "analysis", "news", "series", "bus", "campus", "canvas", "access", "process",
        "alias", "bonus", "virus", "census", "corpus", "axis", "basis", "crisis", "thesis", "diagnosis",
        "chassis", "species", "gas", "lens", "atlas", "radius", "focus", "plus", "minus", "this", "yes",
        "iris", "apparatus", "consensus", "prospectus", "syllabus", "stimulus", "genus", "bias", "has", "was",
        "dns", "sms", "gps", "os", "aws", "cms", "https", "ics", "rss",
    ]
    static let uncountable: Set<String> = [
        "data", "metadata", "info", "information", "equipment", "sheep", "fish", "staff", "media", "software",
        "feedback", "news", "series", "species", "audit", "history", "inventory", "settings",
    ]

    static func isPlural(_ word: String) -> Bool {
        if uncountable.contains(word) || singularWithS.contains(word) { return false }
        if irregularPlurals[word] != nil { return true }
        if irregularSingulars[word] != nil { return false }
        if word.hasSuffix("ss") || word.hasSuffix("us") || word.hasSuffix("is") { return false }
        return word.count > 2 && word.hasSuffix("s")
    }

    static func isSingular(_ word: String) -> Bool {
        uncountable.contains(word) || !isPlural(word)
    }

    static func singular(_ word: String) -> String {
        if let s = irregularPlurals[word] { return s }
        if word.hasSuffix("ies"), word.count > 4 { return String(word.dropLast(3)) + "y" }
        for ending in ["sses", "shes", "ches", "xes", "zes"] where word.hasSuffix(ending) {
            return String(word.dropLast(2))
        }
        return word.hasSuffix("s") ? String(word.dropLast()) : word
    }

    static func plural(_ word: String) -> String {
        if let p = irregularSingulars[word] { return p }
        if word.hasSuffix("y"), let before = word.dropLast().last, !"aeiou".contains(before) {
            return String(word.dropLast()) + "ies"
        }
        if ["s", "x", "z", "ch", "sh"].contains(where: word.hasSuffix) { return word + "es" }
        return word + "s"
    }
}
