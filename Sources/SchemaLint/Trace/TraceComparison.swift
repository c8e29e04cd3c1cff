/// Sets each statement's findings beside what PostgreSQL did: every claimed lock and rewrite is confirmed or
/// static only; an ACCESS EXCLUSIVE lock on an existing relation, or a rewrite of one, that no finding names is
/// trace only.
enum TraceComparison {
    static func judge(_ statement: inout TracedStatement) {
        // Index names to their tables, for claims on "the table of index …".
        var tablesOfIndexes: [String: QualifiedName] = [:]
        for relation in statement.locks.map(\.relation) + statement.rewrites.map(\.relation) {
            if let table = relation.table { tablesOfIndexes[relation.name] = table }
        }
        func matching<T>(_ items: [T], _ relation: (T) -> TracedRelation, _ target: FindingClaims.Target) -> [T] {
            items.filter { relation($0).matches(target, tablesOfIndexes: tablesOfIndexes) }
        }
        var spoken: [FindingClaims.Target] = []
        var rewriteSpoken: [FindingClaims.Target] = []
        var checks: [ClaimCheck] = []
        for finding in statement.findings {
            let claims = FindingClaims(message: finding.message, object: finding.object)
            spoken += claims.locks.map(\.target) + claims.rewrites + claims.possibleRewrites
            rewriteSpoken += claims.rewrites + claims.possibleRewrites
            if statement.error != nil {
                if claims.fails { checks.append(ClaimCheck(rule: finding.rule, claim: "fails", outcome: .confirmed)) }
                continue
            }
            for lock in claims.locks {
                let claim = "\(lock.mode) lock on \(lock.target)"
                guard statement.locksObserved else {
                    checks.append(ClaimCheck(rule: finding.rule, claim: claim, outcome: .unobserved))
                    continue
                }
                let candidates = matching(statement.locks, \.relation, lock.target)
                // The mode is held after the statement, and nothing stronger was newly taken (a mode an earlier statement
                // of the transaction took is not listed again).
                let holds = candidates.contains { observed in
                    observed.held.contains(lock.mode) && (lock.heldFromEarlier || (observed.strongestNew ?? lock.mode) <= lock.mode)
                }
                let seen = candidates.map { "\($0.strongestNew ?? $0.strongestHeld) on \($0.relation.qualified)" }
                checks.append(ClaimCheck(rule: finding.rule, claim: claim, outcome: holds ? .confirmed : .staticOnly,
                                         observed: holds ? nil : seen.isEmpty ? "no lock on it" : "took " + seen.joined(separator: ", ")))
            }
            for target in claims.rewrites {
                let happened = !matching(statement.rewrites, \.relation, target).isEmpty
                checks.append(ClaimCheck(rule: finding.rule, claim: "rewrite of \(target)", outcome: happened ? .confirmed : .staticOnly,
                                         observed: happened ? nil : "not rewritten"))
            }
        }
        statement.checks = checks
        guard statement.error == nil else { statement.verdict = .failed; return }

        // A relation is named by a claim on it; an index also by a claim on its table (every table included).
        func named(_ relation: TracedRelation, by targets: [FindingClaims.Target]) -> Bool {
            targets.contains { relation.matches($0, tablesOfIndexes: tablesOfIndexes) }
                || relation.table.map { table in
                    targets.contains { target in
                        switch target {
                        case .relation(let schema, let name): name == table.name && (schema ?? table.schema) == table.schema
                        case .everyTable: true
                        case .tableOfIndex, .rebuiltIndexes: false
                        }
                    }
                } == true
        }
        var traceOnly: [String] = []
        for lock in statement.locks where lock.strongestNew == .accessExclusive && lock.onExistingRelation
            && lock.relation.isTableLike && !named(lock.relation, by: spoken) {
            traceOnly.append("ACCESS EXCLUSIVE on \(lock.relation.qualified)")
        }
        for rewrite in statement.rewrites where rewrite.onExistingRelation {
            // A table's rewrite needs a rewrite claim; an index rebuilt needs a finding about it or its table.
            let covered = rewrite.relation.isIndex ? named(rewrite.relation, by: spoken) : named(rewrite.relation, by: rewriteSpoken)
            if !covered, rewrite.relation.isTableLike || rewrite.relation.isIndex {
                traceOnly.append("rewrote \(rewrite.relation.qualified)")
            }
        }
        statement.traceOnly = traceOnly
        if !traceOnly.isEmpty { statement.verdict = .traceOnly }
        else if checks.contains(where: { $0.outcome == .staticOnly }) { statement.verdict = .staticOnly }
        else if checks.contains(where: { $0.outcome == .confirmed }) { statement.verdict = .confirmed }
        else { statement.verdict = .quiet }
    }
}
