import FoundationEssentials

/// A finding, located. Reporters see only these and the rule catalogue.
public struct Diagnostic: Sendable, Equatable {
    public var rule: String
    public var severity: Severity
    public var message: String
    public var help: String?
    /// SQL that fixes the finding, where the fix is mechanical.
    public var suggestion: String?
    /// The suggestion as an edit of the file (SARIF `fixes`): the statement replaced, or the SQL added after it.
    public var suggestionEdit: SuggestionEdit?
    /// The path as given on the command line (or `--stdin-filename`).
    public var file: String
    public var start: SourcePosition
    /// Exclusive end.
    public var end: SourcePosition
    /// Byte offsets, for reporters that print the source under a finding.
    public var byteRange: Range<Int>
    /// Byte offsets of the statement the finding is in, without its leading comments (where a statement
    /// suppression goes); nil when it is in none (a whole-schema finding about no statement).
    public var statementRange: Range<Int>? = nil
    /// Set when an inline `schemalint-ignore` comment silenced the finding.
    public var suppression: Suppression?
    /// The object the finding is about, qualified: `schema.table` or `schema.table.column` (`public.dog.client_id`).
    /// Nil when the rule does not say (syntax errors, suppression comments); `ignore-objects` cannot match those.
    public var object: String? = nil

    /// Identifies the finding across runs without line numbers (SARIF partialFingerprints, baselines):
    /// rule, file and the qualified object (the message, which names it, when there is none).
    public var fingerprint: String { StableHash.hex([rule, file, object ?? message]) }

    /// Puts `diagnostics` in report order (see `ordered`), each compared on keys computed once: a file's position is
    /// one dictionary lookup per finding, not one per comparison. The findings are moved into place, never copied
    /// (a finding holds a dozen strings: a copy retains each, and the old array's release frees them again).
    static func sort(_ diagnostics: inout [Diagnostic], byFileOrder order: [String: Int]) {
        // Findings come grouped by file: the previous finding's file answers most lookups without hashing a path.
        var last: (file: String, index: Int)?
        let keys = diagnostics.indices.map { i in
            let file: Int
            if let last, last.file == diagnostics[i].file { file = last.index } else {
                file = order[diagnostics[i].file] ?? Int.max
                last = (diagnostics[i].file, file)
            }
            return (file: file, line: diagnostics[i].start.line, column: diagnostics[i].start.column)
        }
        let sorted = diagnostics.indices.sorted { i, j in
            let (a, b) = (keys[i], keys[j])
            if a.file != b.file { return a.file < b.file }
            if a.file == Int.max, diagnostics[i].file != diagnostics[j].file { return diagnostics[i].file < diagnostics[j].file }
            if a.line != b.line { return a.line < b.line }
            if a.column != b.column { return a.column < b.column }
            return diagnostics[i].rule < diagnostics[j].rule
        }
        // Position k takes the finding at sorted[k]: each cycle of the permutation is walked with swaps.
        var placed = [Bool](repeating: false, count: sorted.count)
        for start in sorted.indices where !placed[start] {
            var k = start
            while true {
                placed[k] = true
                let next = sorted[k]
                if next == start { break }
                diagnostics.swapAt(k, next)
                k = next
            }
        }
    }

    /// Active and suppressed findings together in report order: the active ones as they are when none is suppressed.
    static func all(_ active: [Diagnostic], _ suppressed: [Diagnostic], byFileOrder order: [String: Int]) -> [Diagnostic] {
        guard !suppressed.isEmpty else { return active }
        var all = active + suppressed
        sort(&all, byFileOrder: order)
        return all
    }

    /// Files in the order of the run (a folder's natural order, paths in the order given), then line, column, rule.
    static func ordered(byFileOrder order: [String: Int]) -> (Diagnostic, Diagnostic) -> Bool {
        { a, b in
            let (x, y) = (order[a.file] ?? Int.max, order[b.file] ?? Int.max)
            if x != y { return x < y }
            return (a.file, a.start.line, a.start.column, a.rule) < (b.file, b.start.line, b.start.column, b.rule)
        }
    }
}

/// Collects findings and turns byte anchors into positions: the one place that does.
final class DiagnosticCollector: @unchecked Sendable {
    private(set) var diagnostics: [Diagnostic] = []
    /// Files replayed for context only (`--context`): nothing in them is reported.
    var silenced: Set<ObjectIdentifier> = []
    /// Each linted file's statements and unparsable chunks (leading comments included), to place findings that
    /// name no statement (whole-schema rules) in the one their anchor is in.
    private var pieces: [ObjectIdentifier: PieceIndex] = [:]
    /// Findings that stand only if the final model still has the problem (`StatementContext.report(…, unlessFixedLater:)`).
    private var deferred: [(SchemaModel) -> Void] = []

    func notePieces(_ index: PieceIndex, of file: SourceFile) { pieces[ObjectIdentifier(file)] = index }

    /// The findings so far, handed over: the collector keeps none, so the caller's array is not shared.
    func takeDiagnostics() -> [Diagnostic] {
        defer { diagnostics = [] }
        return diagnostics
    }

    func deferUntilFinalModel(_ decide: @escaping (SchemaModel) -> Void) { deferred.append(decide) }

    /// Called once the whole run is replayed: each deferred finding is reported if its problem remains.
    func resolveDeferred(on model: SchemaModel) {
        let decisions = deferred
        deferred = []
        for decide in decisions { decide(model) }
    }

    func add(rule: String, severity: Severity, anchor: SourceAnchor, message: String, help: String?, suggestion: String?,
             object: String? = nil, statement: Range<Int>? = nil, fix: RuleFix? = nil) {
        let file = anchor.file
        guard !silenced.contains(ObjectIdentifier(file)) else { return }
        var diagnostic = Diagnostic(rule: rule, severity: severity, message: message, help: help,
                                    suggestion: suggestion, file: file.path,
                                    start: file.position(ofByte: anchor.range.lowerBound),
                                    end: file.position(ofByte: anchor.range.upperBound),
                                    byteRange: anchor.range, object: object)
        diagnostic.statementRange = statement ?? pieces[ObjectIdentifier(file)]?
            .first(containing: anchor.range.lowerBound).flatMap { SourceTrim.content(of: $0, in: file.bytes) }
        if let suggestion, let statement {
            diagnostic.suggestionEdit = SuggestionEdit.make(suggestion, statement: statement,
                                                            replacing: fix?.placement == .replacesStatement,
                                                            safety: fix?.safety ?? .unsafe, in: file)
        } else if let suggestion {
            // Whole-schema findings have no statement: their suggestion is a statement of its own, added at the end.
            let end = file.position(ofByte: file.bytes.count)
            let newline = file.bytes.last == UInt8(ascii: "\n") || file.bytes.isEmpty ? "" : "\n"
            diagnostic.suggestionEdit = SuggestionEdit(start: end, end: end, text: newline + suggestion + "\n",
                                                       replacesStatement: false, byteRange: file.bytes.count..<file.bytes.count,
                                                       safety: fix?.safety ?? .unsafe)
        }
        diagnostics.append(diagnostic)
    }
}

/// A suggestion as a text edit: replace `start..<end` (empty for an insertion) with `text`.
public struct SuggestionEdit: Sendable, Equatable {
    public var start: SourcePosition
    public var end: SourcePosition
    public var text: String
    public var replacesStatement: Bool
    /// `start..<end` as byte offsets (for editors that count columns in other units).
    public var byteRange: Range<Int>
    /// The rule's declared fix safety: `--fix` applies only safe edits unless `--unsafe-fixes` is given.
    public var safety: FixSafety = .unsafe

    /// The rule's fix placement decides: a rewrite replaces the statement (its `;` stays); an addition goes after
    /// the statement's `;`.
    static func make(_ suggestion: String, statement: Range<Int>, replacing: Bool, safety: FixSafety,
                     in file: SourceFile) -> SuggestionEdit {
        if replacing {
            var text = suggestion.trimming(.whitespacesAndNewlines)
            if text.hasSuffix(";") { text.removeLast() }
            return SuggestionEdit(start: file.position(ofByte: statement.lowerBound),
                                  end: file.position(ofByte: statement.upperBound), text: text, replacesStatement: true,
                                  byteRange: statement, safety: safety)
        }
        var at = statement.upperBound
        var i = at
        while i < file.bytes.count, [9, 10, 13, 32].contains(file.bytes[i]) { i += 1 }
        if i < file.bytes.count, file.bytes[i] == UInt8(ascii: ";") { at = i + 1 }
        let position = file.position(ofByte: at)
        return SuggestionEdit(start: position, end: position, text: (at == statement.upperBound ? ";" : "") + "\n" + suggestion,
                              replacesStatement: false, byteRange: at..<at, safety: safety)
    }
}
