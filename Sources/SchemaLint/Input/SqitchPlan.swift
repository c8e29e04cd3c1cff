/// The changes of a `sqitch.plan` in deploy order, each as the name of the script it deploys. A change
/// reworked later in the plan ran its earlier version from `name@tag.sql` (the copy `sqitch rework` keeps,
/// named for a tag between the two), so each occurrence names the script that was current when it deployed.
public struct SqitchPlan: Sendable {
    /// Script names without folder or `.sql`: `users`, `update_acl@1.2.0`.
    public var scripts: [String]

    /// `exists(script)` says whether `deploy/<script>.sql` exists, to choose among the tags a rework may name.
    public init(text: String, exists: (String) -> Bool) {
        enum Entry { case change(String), tag(String) }
        var entries: [Entry] = []
        for raw in text.split(whereSeparator: \.isNewline) {
            let line = raw.trimming(.whitespaces)
            if line.isEmpty || line.hasPrefix("#") || line.hasPrefix("%") { continue }
            guard var name = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).first.map(String.init) else { continue }
            if name.hasPrefix("@") { entries.append(.tag(String(name.dropFirst()))); continue }
            // The old plan syntax marks deploys with `+` and reverts with `-`.
            if name.hasPrefix("-") { continue }
            if name.hasPrefix("+") { name.removeFirst() }
            entries.append(.change(name))
        }
        var scripts: [String] = []
        for (i, entry) in entries.enumerated() {
            guard case .change(let name) = entry else { continue }
            let later = entries[(i + 1)...].firstIndex { if case .change(name) = $0 { true } else { false } }
            guard let later else { scripts.append(name); continue }
            let tags = entries[(i + 1)..<later].compactMap { if case .tag(let t) = $0 { t } else { nil } }
            // `sqitch rework` names the copy for the latest tag before the rework; older plans, the first.
            let script = (tags.reversed() + tags).map { "\(name)@\($0)" }.first(where: exists) ?? name
            scripts.append(script)
        }
        self.scripts = scripts
    }
}
