/// One enabled rule during one lint: the rule, where its findings go, and its per-file state. Made once per run, so a
/// statement costs the engine one call per rule that reads it.
class RuleRunner {
    let sink: FindingSink
    let triggers: RuleTriggers

    init(sink: FindingSink, triggers: RuleTriggers) {
        self.sink = sink
        self.triggers = triggers
    }

    /// Whether `startFile` has state to reset.
    var keepsFileState: Bool { false }
    func startFile() {}
    func check(statement: StatementContext) {}
    func check(schema: SchemaContext) {}
}

private final class TypedRuleRunner<R: Rule>: RuleRunner {
    let rule: R
    var state = R.FileState()

    init(rule: R, sink: FindingSink) {
        self.rule = rule
        super.init(sink: sink, triggers: R.triggers)
    }

    override var keepsFileState: Bool { R.FileState.self != NoFileState.self }
    override func startFile() { state = R.FileState() }
    override func check(statement: StatementContext) { rule.check(statement: statement, state: &state) }
    override func check(schema: SchemaContext) { rule.check(schema: schema) }
}

extension Rule {
    func runner(sink: FindingSink) -> RuleRunner { TypedRuleRunner(rule: self, sink: sink) }
}
