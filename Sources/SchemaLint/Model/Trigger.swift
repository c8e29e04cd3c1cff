/// A trigger on a table (`CREATE TRIGGER`).
public struct Trigger: Sendable {
    public enum Timing: String, Sendable { case before = "BEFORE", after = "AFTER", insteadOf = "INSTEAD OF" }
    public enum Event: String, Sendable { case insert = "INSERT", update = "UPDATE", delete = "DELETE", truncate = "TRUNCATE" }

    public var name: String
    public var timing: Timing
    public var events: Set<Event>
    public var forEachRow: Bool
    /// The function it runs (unqualified, lower case).
    public var function: String
    public var anchor: SourceAnchor
}
