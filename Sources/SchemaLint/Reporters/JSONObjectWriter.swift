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
    var out: [UInt8]
    private var count = 0

    private init(indent: Int, out: [UInt8]) {
        self.indent = indent
        self.out = out
    }

    /// An object at `indent` (its braces' indentation), its members written by `body`.
    static func object(into out: inout [UInt8], indent: Int, _ body: (inout JSONObjectStream) -> Void) {
        out.append(UInt8(ascii: "{"))
        // The buffer moves into the member writer and back, so appending never copies it.
        var members = JSONObjectStream(indent: indent + 1, out: [])
        swap(&members.out, &out)
        body(&members)
        swap(&members.out, &out)
        if members.count == 0 { out.append(UInt8(ascii: "}")); return }
        JSONValue.newline(&out, indent: indent)
        out.append(UInt8(ascii: "}"))
    }

    /// An array of objects at `indent`, one per element, each one's members written by `body`.
    static func array<Element>(_ elements: [Element], into out: inout [UInt8], indent: Int,
                               _ body: (Element, inout JSONObjectStream) -> Void) {
        if elements.isEmpty { out += [UInt8(ascii: "["), UInt8(ascii: "]")]; return }
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

    /// The separator, newline, indentation and `"key": ` of the next member: put together on the stack and appended
    /// once (a report has a dozen of these per finding).
    private mutating func key(_ key: StaticString) {
        let separator = count > 0 ? 1 : 0
        count += 1
        let spaces = indent * 2
        let length = separator + 1 + spaces + 1 + key.utf8CodeUnitCount + 3
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: length) { buffer in
            var i = 0
            func put(_ byte: UInt8) { buffer[i] = byte; i += 1 }
            if separator == 1 { put(UInt8(ascii: ",")) }
            put(UInt8(ascii: "\n"))
            for _ in 0..<spaces { put(UInt8(ascii: " ")) }
            put(UInt8(ascii: "\""))
            key.withUTF8Buffer { for byte in $0 { put(byte) } }
            put(UInt8(ascii: "\"")); put(UInt8(ascii: ":")); put(UInt8(ascii: " "))
            out.append(contentsOf: UnsafeBufferPointer(buffer))
        }
    }
}
