/// Where an object's members go, one at a time: into a `JSONValue` (callers that keep the tree) or straight into
/// bytes (a report of thousands of findings), so that the members are listed once for both.
protocol JSONObjectWriter {
    mutating func member(_ key: StaticString, _ value: JSONValue)
    /// A member whose value is an array of objects, one per element, each one's members written by `body`.
    mutating func objects<Element>(_ key: StaticString, _ elements: [Element], _ body: (Element, inout Self) -> Void)
}

/// Members collected for a `JSONValue.object`.
struct JSONMemberList: JSONObjectWriter {
    var members: [(String, JSONValue)] = []

    mutating func member(_ key: StaticString, _ value: JSONValue) { members.append(("\(key)", value)) }

    mutating func objects<Element>(_ key: StaticString, _ elements: [Element], _ body: (Element, inout Self) -> Void) {
        member(key, .array(elements.map { element in
            var object = JSONMemberList()
            body(element, &object)
            return .object(object.members)
        }))
    }
}

/// An object's members written as `JSONValue.rendered` writes them. Keys are ASCII literals that need no escape.
struct JSONObjectStream: JSONObjectWriter {
    /// The members' indentation.
    let indent: Int
    var out: ByteWriter
    private var count = 0

    private init(indent: Int, out: ByteWriter) {
        self.indent = indent
        self.out = out
    }

    /// An object at `indent` (its braces' indentation), its members written by `body`.
    @inline(__always)
    static func object(into out: inout ByteWriter, indent: Int, _ body: (inout JSONObjectStream) -> Void) {
        out.append(UInt8(ascii: "{"))
        // The writer moves into the member writer and back (it is one buffer, never shared).
        var members = JSONObjectStream(indent: indent + 1, out: out)
        body(&members)
        out = members.out
        if members.count == 0 { out.append(UInt8(ascii: "}")); return }
        JSONValue.newline(&out, indent: indent)
        out.append(UInt8(ascii: "}"))
    }

    /// An array of objects at `indent`, one per element, each one's members written by `body`.
    static func array<Element>(_ elements: [Element], into out: inout ByteWriter, indent: Int,
                               _ body: (Element, inout JSONObjectStream) -> Void) {
        if elements.isEmpty { out.append("[]"); return }
        out.append(UInt8(ascii: "["))
        for i in elements.indices {  // by index: `enumerated()` hands out a copy of each element
            if i > 0 { out.append(UInt8(ascii: ",")) }
            JSONValue.newline(&out, indent: indent + 1)
            object(into: &out, indent: indent + 1) { body(elements[i], &$0) }
        }
        JSONValue.newline(&out, indent: indent)
        out.append(UInt8(ascii: "]"))
    }

    mutating func member(_ key: StaticString, _ value: JSONValue) {
        self.key(key)
        value.write(to: &out, indent: indent)
    }

    mutating func objects<Element>(_ key: StaticString, _ elements: [Element], _ body: (Element, inout Self) -> Void) {
        self.key(key)
        Self.array(elements, into: &out, indent: indent, body)
    }

    /// The separator, newline, indentation and `"key": ` of the next member.
    private mutating func key(_ key: StaticString) {
        if count > 0 { out.append(UInt8(ascii: ",")) }
        count += 1
        out.append(UInt8(ascii: "\n"))
        out.append(UInt8(ascii: " "), times: indent * 2)
        out.append(UInt8(ascii: "\""))
        out.append(key)
        out.append("\": ")
    }
}
