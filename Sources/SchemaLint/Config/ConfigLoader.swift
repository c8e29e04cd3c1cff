import FoundationEssentials

/// Reads and validates a `.schemalint.toml`. Anything it does not know is an error, with the line of the key:
/// unknown keys, unknown rule ids or selectors, wrong types, bad severities, unknown or undecodable options.
public enum ConfigLoader {
    /// Keys of the top level; `[[overrides]]` takes the same minus the run-wide ones, plus `files`.
    static let layerKeys = ["select", "extend-select", "ignore", "pg-version", "assume-in-transaction", "context",
                            "ignore-objects", "rules"]
    /// Keys that apply to the whole run, so only at the top level.
    static let runKeys = ["exclude", "layout", "replay-first", "lint-down", "database", "overrides"]
    static let databaseKeys = ["large-table-rows", "small-table-rows"]
    static let topLevelKeys = layerKeys + runKeys
    static let overrideKeys = ["files"] + layerKeys
    static let ruleKeys = ["severity", "ignore-objects"]
    static let pgVersions = 9...18

    /// Reads the file at `path` (relative paths in it are relative to its folder). Errors name it `shownAs`.
    public static func load(path: String, shownAs: String? = nil) throws -> Configuration {
        let shown = shownAs ?? path
        guard let data = FileManager.default.contents(atPath: path) else {
            var isDirectory = false
            let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
            throw ConfigError(path: shown, line: nil,
                              message: !exists ? "no such file" : isDirectory ? "is a folder, not a config file" : "cannot read file")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ConfigError(path: shown, line: nil, message: "not UTF-8 text")
        }
        let directory = Paths.folder(Paths.absolute(path))
        return try parse(text, path: shown, directory: directory)
    }

    /// Validates config text. `path` is how errors name the file; `directory` anchors its relative paths.
    public static func parse(_ text: String, path: String, directory: String) throws -> Configuration {
        let document: [String: ConfigValue]
        do {
            document = try TOMLDocument.parse(text)
        } catch let error as TOMLDocument.SyntaxError {
            throw ConfigError(path: path, line: error.line, message: error.message)
        }
        var reader = Reader(path: path, directory: Paths.absolute(directory), locator: TOMLKeyLocator(text))
        let configuration = reader.configuration(document)
        // The first problem in file order: one line on stderr, like every other error.
        if let first = reader.errors.min(by: { ($0.line ?? 0) < ($1.line ?? 0) }) { throw first }
        return configuration
    }

    /// Validation state: errors are collected (the earliest in the file is reported).
    struct Reader {
        var path: String
        var directory: String
        var locator: TOMLKeyLocator
        var errors: [ConfigError] = []

        mutating func fail(_ at: [String], _ message: String) {
            errors.append(ConfigError(path: path, line: locator.line(of: at), message: message))
        }

        static func name(_ path: [String]) -> String {
            var out = ""
            for part in path {
                if Int(part) != nil { out += "[\(part)]"; continue }
                let bare = !part.isEmpty && part.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }
                let shown = bare ? part : "\"\(part)\""
                out += out.isEmpty ? shown : ".\(shown)"
            }
            return out
        }

        mutating func configuration(_ document: [String: ConfigValue]) -> Configuration {
            var configuration = Configuration(path: path, directory: directory)
            for key in document.keys.sorted() where !topLevelKeys.contains(key) {
                fail([key], "unknown key `\(key)` (expected one of: \(topLevelKeys.joined(separator: ", ")))")
            }
            configuration.base = layer(document, at: [])
            if let value = document["exclude"] { configuration.exclude = strings(value, at: ["exclude"]) }
            readRunKeys(document, into: &configuration)
            if let value = document["overrides"] {
                guard case .array(let items) = value else {
                    fail(["overrides"], "`overrides` must be an array of tables ([[overrides]]), not \(value.typeName)")
                    return configuration
                }
                for (index, item) in items.enumerated() {
                    let at = ["overrides", String(index)]
                    guard case .table(let table) = item else {
                        fail(at, "each [[overrides]] entry must be a table, not \(item.typeName)")
                        continue
                    }
                    configuration.overrides.append(override(table, at: at))
                }
            }
            return configuration
        }

        /// `layout`, `replay-first` and `lint-down`.
        mutating func readRunKeys(_ document: [String: ConfigValue], into configuration: inout Configuration) {
            if let value = document["layout"] {
                if case .string(let name) = value, let layout = MigrationLayout(named: name) {
                    configuration.layout = layout
                } else if case .string(let name) = value {
                    fail(["layout"], "unknown layout `\(name)` (expected one of: \(MigrationLayout.acceptedNames))")
                } else {
                    fail(["layout"], "`layout` must be a string (such as \"goose\"), not \(value.typeName)")
                }
            }
            if let value = document["lint-down"] {
                if case .bool(let b) = value { configuration.lintDown = b } else {
                    fail(["lint-down"], "`lint-down` must be true or false, not \(value.typeName)")
                }
            }
            if let value = document["database"] { configuration.database = database(value) }
            if let value = document["replay-first"] {
                for (i, relative) in strings(value, at: ["replay-first"]).enumerated() {
                    let absolute = Paths.absolute(relative, from: directory)
                    if FileManager.default.fileExists(atPath: absolute) {
                        configuration.replayFirst.append(absolute)
                    } else {
                        fail(["replay-first", String(i)], "replay-first path `\(relative)` does not exist (relative to \(directory))")
                    }
                }
            }
        }

        /// `[database]`: row counts, each a non-negative integer.
        mutating func database(_ value: ConfigValue) -> DatabaseSettings {
            var settings = DatabaseSettings()
            guard case .table(let table) = value else {
                fail(["database"], "`database` must be a table ([database]), not \(value.typeName)")
                return settings
            }
            for key in table.keys.sorted() where !databaseKeys.contains(key) {
                fail(["database", key], "unknown key `\(key)` in [database] (expected one of: \(databaseKeys.joined(separator: ", ")))")
            }
            for key in databaseKeys {
                guard let item = table[key] else { continue }
                guard case .integer(let n) = item, n >= 0 else {
                    let shown = if case .integer(let n) = item { String(n) } else { item.typeName }
                    fail(["database", key], "`\(key)` must be a number of rows (a non-negative integer), not \(shown)")
                    continue
                }
                if key == "large-table-rows" { settings.largeTableRows = n } else { settings.smallTableRows = n }
            }
            if let large = settings.largeTableRows, let small = settings.smallTableRows, small > large {
                fail(["database", "small-table-rows"], "`small-table-rows` (\(small)) must not exceed `large-table-rows` (\(large))")
            }
            return settings
        }

        mutating func override(_ table: [String: ConfigValue], at: [String]) -> ConfigOverride {
            for key in table.keys.sorted() where !overrideKeys.contains(key) {
                let message = runKeys.contains(key)
                    ? "`\(key)` is not allowed in [[overrides]] (it applies to the whole run: set it at the top level)"
                    : "unknown key `\(key)` in [[overrides]] (expected one of: \(overrideKeys.joined(separator: ", ")))"
                fail(at + [key], message)
            }
            var files: [String] = []
            if let value = table["files"] {
                files = strings(value, at: at + ["files"])
                if files.isEmpty, case .array = value { fail(at + ["files"], "`files` must name at least one glob") }
            } else {
                fail(at, "[[overrides]] needs `files`, the globs of the files it applies to")
            }
            return ConfigOverride(files: files, layer: layer(table, at: at))
        }

        mutating func layer(_ table: [String: ConfigValue], at: [String]) -> ConfigLayer {
            var layer = ConfigLayer()
            if let value = table["select"] { layer.select = selectors(value, at: at + ["select"]) }
            if let value = table["extend-select"] { layer.extendSelect = selectors(value, at: at + ["extend-select"]) }
            if let value = table["ignore"] { layer.ignore = selectors(value, at: at + ["ignore"]) }
            if let value = table["pg-version"] {
                if case .integer(let n) = value, pgVersions.contains(n) {
                    layer.pgVersion = n
                } else if case .integer(let n) = value {
                    fail(at + ["pg-version"], "`pg-version` must be between \(pgVersions.lowerBound) and \(pgVersions.upperBound), not \(n)")
                } else {
                    fail(at + ["pg-version"], "`pg-version` must be an integer (such as 15), not \(value.typeName)")
                }
            }
            if let value = table["assume-in-transaction"] {
                if case .bool(let b) = value { layer.assumeInTransaction = b } else {
                    fail(at + ["assume-in-transaction"], "`assume-in-transaction` must be true or false, not \(value.typeName)")
                }
            }
            if let value = table["context"] {
                let key = at + ["context"]
                var paths: [String] = []
                for (i, relative) in strings(value, at: key).enumerated() {
                    let absolute = Paths.absolute(relative, from: directory)
                    if FileManager.default.fileExists(atPath: absolute) {
                        paths.append(absolute)
                    } else {
                        fail(key + [String(i)], "context path `\(relative)` does not exist (relative to \(directory))")
                    }
                }
                layer.context = paths
            }
            if let value = table["ignore-objects"] { layer.ignoreObjects = strings(value, at: at + ["ignore-objects"]) }
            if let value = table["rules"] {
                guard case .table(let rules) = value else {
                    fail(at + ["rules"], "`rules` must be a table of [rules.<rule-id>] tables, not \(value.typeName)")
                    return layer
                }
                for id in rules.keys.sorted() {
                    if let config = rule(id, rules[id]!, at: at + ["rules", id]) { layer.rules[id] = config }
                }
            }
            return layer
        }

        mutating func rule(_ id: String, _ value: ConfigValue, at: [String]) -> RuleConfig? {
            guard let ruleType = RuleRegistry.rule(id: id) else {
                fail(at, "unknown rule `\(id)` in [\(Self.name(Array(at.dropLast())))] (see `schemalint rules`)")
                return nil
            }
            guard case .table(let table) = value else {
                fail(at, "`\(Self.name(at))` must be a table (severity and the rule's options), not \(value.typeName)")
                return nil
            }
            var config = RuleConfig()
            if let severity = table["severity"] {
                if case .string(let text) = severity, let parsed = ConfiguredSeverity(text) {
                    config.severity = parsed
                } else {
                    let shown = if case .string(let text) = severity { "\"\(text)\"" } else { severity.typeName }
                    fail(at + ["severity"], "bad severity \(shown) for rule `\(id)` (expected \"error\", \"warning\", \"info\" or \"off\")")
                }
            }
            if let objects = table["ignore-objects"] { config.ignoreObjects = strings(objects, at: at + ["ignore-objects"]) }

            let known = Set(ruleType.defaultOptionValues.map(\.key)).union(ruleType.optionDocumentation.keys)
            for key in table.keys.sorted() where !ruleKeys.contains(key) {
                if known.contains(key) {
                    config.options[key] = table[key]
                } else {
                    let expected = (ruleKeys + known.sorted()).map { "`\($0)`" }.joined(separator: ", ")
                    fail(at + [key], "unknown key `\(key)` for rule `\(id)` (expected \(expected))")
                }
            }
            if !config.options.isEmpty {
                do {
                    _ = try ruleType.make(optionsJSON: OptionsJSON.encode(config.options, for: ruleType))
                } catch let error as DecodingError {
                    let (key, reason) = OptionsJSON.explain(error)
                    let option = key ?? config.options.keys.sorted().first!
                    let hint = ruleType.optionDocumentation[option].map { " (`\(option)`: \($0))" } ?? ""
                    fail(at + [option], "bad value for option `\(option)` of rule `\(id)`: \(reason)\(hint)")
                } catch {
                    fail(at, "bad options for rule `\(id)`: \(error)")
                }
            }
            return config
        }

        /// An array of strings (each a glob or path).
        mutating func strings(_ value: ConfigValue, at: [String]) -> [String] {
            guard case .array(let items) = value else {
                fail(at, "`\(Self.name(at))` must be an array of strings, not \(value.typeName)")
                return []
            }
            var out: [String] = []
            for (i, item) in items.enumerated() {
                if case .string(let s) = item { out.append(s) } else {
                    fail(at + [String(i)], "`\(Self.name(at))` must be an array of strings; item \(i + 1) is \(item.typeName)")
                }
            }
            return out
        }

        /// Rule ids, categories or presets, each checked.
        mutating func selectors(_ value: ConfigValue, at: [String]) -> [String] {
            let list = strings(value, at: at)
            var valid: [String] = []
            for (i, selector) in list.enumerated() {
                do {
                    _ = try RuleSelection(select: [selector]).resolve()
                    valid.append(selector)
                } catch let error as RuleSelection.UnknownSelector {
                    fail(at + [String(i)], "\(error.description) in `\(Self.name(at))`")
                } catch {
                    fail(at + [String(i)], "\(error)")
                }
            }
            return valid
        }
    }
}

/// Rule options travel as JSON into `Rule.make(optionsJSON:)`, which decodes them with the rule's `Options`.
/// The configured keys are laid over the encoded defaults, so a config may set one option of several whatever
/// the rule's `Codable` conformance requires.
enum OptionsJSON {
    static func encode(_ options: [String: ConfigValue], for rule: any Rule.Type) -> String {
        var object = rule.defaultOptionsObject
        for (key, value) in options { object[key] = value.json }
        return JSONValue.object(object.keys.sorted().map { ($0, object[$0]!) }).compact
    }

    /// The option a decoding error is about (the first coding key) and a short reason.
    static func explain(_ error: DecodingError) -> (key: String?, reason: String) {
        switch error {
        case .typeMismatch(let type, let context):
            return (context.codingPath.first?.stringValue, "expected \(describe(type))")
        case .valueNotFound(let type, let context):
            return (context.codingPath.first?.stringValue, "expected \(describe(type))")
        case .keyNotFound(let key, let context):
            return (context.codingPath.first?.stringValue ?? key.stringValue, "missing `\(key.stringValue)`")
        case .dataCorrupted(let context):
            return (context.codingPath.first?.stringValue, context.debugDescription)
        @unknown default:
            return (nil, "\(error)")
        }
    }

    private static func describe(_ type: Any.Type) -> String {
        let name = String(describing: type)
        switch name {
        case "String": return "a string"
        case "Int", "Int64", "Int32": return "an integer"
        case "Double", "Float": return "a number"
        case "Bool": return "true or false"
        default:
            if name.hasPrefix("Array<") || name.hasPrefix("[") { return "an array" }
            if name.hasPrefix("Dictionary<") { return "a table" }
            return name
        }
    }
}

extension Rule {
    /// `Options()` encoded as a JSON object (keys whose default is nil are absent).
    static var defaultOptionsObject: [String: JSONValue] {
        guard let data = try? JSONEncoder().encode(Options()),
              case .object(let members) = JSONValue.parse(data) else { return [:] }
        return Dictionary(members, uniquingKeysWith: { first, _ in first })
    }
}
