/// How many pieces of code a run did not replay forward, by kind, for the summary line.
public struct SetAside: Sendable, Equatable {
    public enum Kind: Int, CaseIterable, Sendable {
        case downSection, downFile, undoFile, revertScript, verifyScript, unplannedScript

        /// Code that undoes a migration, as opposed to code that is no migration at all.
        var isRollback: Bool { self != .verifyScript && self != .unplannedScript }

        func noun(_ n: Int) -> String {
            let s = n == 1 ? "" : "s"
            switch self {
            case .downSection: return "down section\(s)"
            case .downFile: return "down file\(s)"
            case .undoFile: return "undo file\(s)"
            case .revertScript: return "revert script\(s)"
            case .verifyScript: return "verify script\(s)"
            case .unplannedScript: return "deploy script\(s) not in sqitch.plan"
            }
        }
    }

    public private(set) var counts: [Kind: Int] = [:]

    public init() {}

    public mutating func add(_ kind: Kind, _ n: Int = 1) {
        if n > 0 { counts[kind, default: 0] += n }
    }

    public mutating func add(_ other: SetAside) {
        for (kind, n) in other.counts { add(kind, n) }
    }

    public var total: Int { counts.values.reduce(0, +) }

    /// `42 down sections, 3 undo files`; empty when nothing was set aside. `rollbacks`: only the kinds that
    /// undo a migration (what `--lint-down` lints), or only the others (sqitch's verify scripts, say).
    public func description(rollbacks: Bool? = nil) -> String {
        Kind.allCases.filter { rollbacks == nil || $0.isRollback == rollbacks }
            .compactMap { kind in counts[kind].map { "\($0) \(kind.noun($0))" } }.joined(separator: ", ")
    }
}
