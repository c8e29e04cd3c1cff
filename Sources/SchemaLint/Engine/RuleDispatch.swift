/// A set of rules of one run, by index, as bits: which rules a statement is shown to.
struct RuleMask: Sendable {
    static let capacity = 256
    private var words: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)

    mutating func insert(_ i: Int) {
        precondition(i < Self.capacity, "more than \(Self.capacity) rules in one run")
        let bit = UInt64(1) << UInt64(i % 64)
        switch i / 64 {
        case 0: words.0 |= bit
        case 1: words.1 |= bit
        case 2: words.2 |= bit
        default: words.3 |= bit
        }
    }

    mutating func formUnion(_ other: RuleMask) {
        words = (words.0 | other.words.0, words.1 | other.words.1, words.2 | other.words.2, words.3 | other.words.3)
    }

    /// Calls `body` with each index in the set, in increasing order (the order of the run's rules).
    func forEach(_ body: (Int) -> Void) {
        Self.forEach(in: words.0, from: 0, body)
        Self.forEach(in: words.1, from: 64, body)
        Self.forEach(in: words.2, from: 128, body)
        Self.forEach(in: words.3, from: 192, body)
    }

    private static func forEach(in word: UInt64, from base: Int, _ body: (Int) -> Void) {
        var rest = word
        while rest != 0 {
            body(base + rest.trailingZeroBitCount)
            rest &= rest - 1
        }
    }
}

/// For each kind of statement and of change, the rules that read it, so the engine calls each rule only for what it
/// declared (`RuleTriggers`).
struct RuleDispatch: Sendable {
    private var byStatement = [RuleMask](repeating: RuleMask(), count: StatementKind.allCases.count)
    private var byChange = [RuleMask](repeating: RuleMask(), count: SchemaChange.Kind.allCases.count)

    init(_ triggers: [RuleTriggers]) {
        for (i, trigger) in triggers.enumerated() {
            for kind in trigger.statements { byStatement[kind.rawValue].insert(i) }
            for kind in trigger.changes { byChange[kind.rawValue].insert(i) }
        }
    }

    func rules(for kind: StatementKind, changes: [SchemaChange]) -> RuleMask {
        var mask = byStatement[kind.rawValue]
        for change in changes { mask.formUnion(byChange[change.kind.rawValue]) }
        return mask
    }
}
