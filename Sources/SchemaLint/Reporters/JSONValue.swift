import FoundationEssentials

/// A JSON value whose objects keep their key order, so output is byte-for-byte reproducible and reads in
/// the documented order.
public enum JSONValue: Sendable, Equatable {
    case string(String)
    case int(Int)
    /// A number that is not an integer (config floats, options read back from JSON).
    case double(Double)
    case bool(Bool)
    case null
    case array([JSONValue])
    case object([(String, JSONValue)])

    public static func == (a: JSONValue, b: JSONValue) -> Bool { a.rendered() == b.rendered() }

    /// Pretty-printed with two-space indentation.
    public func rendered(indent: Int = 0) -> String {
        String(decoding: ByteWriter.collect(capacity: 1 << 12) { write(to: &$0, indent: indent) }, as: UTF8.self)
    }

    /// `rendered()` and a newline, as a report file ends: appending it to the rendered string would copy the
    /// whole report once more.
    public func renderedLine() -> String { String(decoding: renderedLineUTF8(), as: UTF8.self) }

    /// `renderedLine()` as the bytes it is made of, for writing out: making a String of them checks every byte.
    public func renderedLineUTF8() -> [UInt8] {
        ByteWriter.collect(capacity: 1 << 16) { out in
            write(to: &out, indent: 0)
            out.append(UInt8(ascii: "\n"))
        }
    }

    /// On one line without spaces (`["a","b"]`), as option values are shown in the docs.
    public var compact: String {
        String(decoding: ByteWriter.collect(capacity: 64) { write(to: &$0, indent: nil) }, as: UTF8.self)
    }

    /// The member `key` of an object; nil for a missing key or a value that is not an object.
    public subscript(key: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        return members.first { $0.0 == key }?.1
    }

    /// Writes UTF-8 straight into a byte buffer: reports of thousands of findings stay cheap. A nil indent writes
    /// compactly.
    func write(to out: inout ByteWriter, indent: Int?) {
        switch self {
        case .string(let s): Self.writeString(s, to: &out)
        case .int(let i): Self.writeInt(i, to: &out)
        case .double(let d): out.append(utf8: d.isFinite ? "\(d)" : "null")
        case .bool(let b): out.append(b ? "true" : "false")
        case .null: out.append("null")
        case .array(let items):
            if items.isEmpty { out.append("[]"); return }
            out.append(UInt8(ascii: "["))
            for (i, item) in items.enumerated() {
                Self.newline(&out, indent: indent.map { $0 + 1 })
                item.write(to: &out, indent: indent.map { $0 + 1 })
                if i < items.count - 1 { out.append(UInt8(ascii: ",")) }
            }
            Self.newline(&out, indent: indent)
            out.append(UInt8(ascii: "]"))
        case .object(let members):
            if members.isEmpty { out.append("{}"); return }
            out.append(UInt8(ascii: "{"))
            for (i, (key, value)) in members.enumerated() {
                Self.newline(&out, indent: indent.map { $0 + 1 })
                Self.writeString(key, to: &out)
                out.append(UInt8(ascii: ":"))
                if indent != nil { out.append(UInt8(ascii: " ")) }
                value.write(to: &out, indent: indent.map { $0 + 1 })
                if i < members.count - 1 { out.append(UInt8(ascii: ",")) }
            }
            Self.newline(&out, indent: indent)
            out.append(UInt8(ascii: "}"))
        }
    }

    /// Decimal digits, written in place (no string per number: a report has six numbers per finding).
    private static func writeInt(_ value: Int, to out: inout ByteWriter) {
        if value < 0 { out.append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        withUnsafeMutableBytes(of: &digits) { buffer in
            repeat {
                buffer[count] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
                count += 1
            } while magnitude > 0
            for i in 0..<count / 2 { buffer.swapAt(i, count - 1 - i) }
            out.append(UnsafeBufferPointer(rebasing: buffer.bindMemory(to: UInt8.self)[..<count]))
        }
    }

    /// A newline and its indentation, copied from one buffer of spaces: a report has a dozen lines per finding.
    static func newline(_ out: inout ByteWriter, indent: Int?) {
        guard let indent else { return }
        out.append(UInt8(ascii: "\n"))
        out.append(UInt8(ascii: " "), times: indent * 2)
    }

    /// Whether any of a word's eight bytes is a control character, `"` or `\\` (bit tricks from "Bit Twiddling
    /// Hacks": a byte below 0x20, or a zero byte after xor with the quote or the backslash).
    @inline(__always)
    private static func needsEscape(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        func hasZero(_ v: UInt64) -> Bool { (v &- ones) & ~v & highs != 0 }
        let below20 = (word &- ones &* 0x20) & ~word & highs != 0
        return below20 || hasZero(word ^ (ones &* 0x22)) || hasZero(word ^ (ones &* 0x5C))
    }

    /// Copies runs of bytes that need no escape whole, from the string's own buffer.
    private static func writeString(_ s: String, to out: inout ByteWriter) {
        out.append(UInt8(ascii: "\""))
        if s.utf8.withContiguousStorageIfAvailable({ writeEscaped($0, to: &out) }) == nil {
            Array(s.utf8).withUnsafeBufferPointer { writeEscaped($0, to: &out) }
        }
        out.append(UInt8(ascii: "\""))
    }

    private static func writeEscaped(_ bytes: UnsafeBufferPointer<UInt8>, to out: inout ByteWriter) {
        var runStart = 0
        var i = 0
        while i < bytes.count {
            // Eight bytes at a time while none needs an escape (most of a report's text).
            if i + 8 <= bytes.count, !needsEscape(UnsafeRawPointer(bytes.baseAddress! + i).loadUnaligned(as: UInt64.self)) {
                i += 8
                continue
            }
            let byte = bytes[i]
            guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { i += 1; continue }
            out.append(UnsafeBufferPointer(rebasing: bytes[runStart..<i]))
            runStart = i + 1
            i += 1
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"): out.append(UInt8(ascii: "\\")); out.append(byte)
            case UInt8(ascii: "\n"): out.append(UInt8(ascii: "\\")); out.append(UInt8(ascii: "n"))
            case UInt8(ascii: "\r"): out.append(UInt8(ascii: "\\")); out.append(UInt8(ascii: "r"))
            case UInt8(ascii: "\t"): out.append(UInt8(ascii: "\\")); out.append(UInt8(ascii: "t"))
            default:
                let hex = String(byte, radix: 16)
                out.append(hex.utf8.count == 1 ? "\\u000" : "\\u00")
                out.append(utf8: hex)
            }
        }
        out.append(UnsafeBufferPointer(rebasing: bytes[runStart...]))
    }
}

extension Optional where Wrapped == String {
    var json: JSONValue { map(JSONValue.string) ?? .null }
}

/// Any JSON text read back as a `JSONValue` (baselines, rule options); object members come in no set order.
extension JSONValue: Decodable {
    public init(from decoder: any Decoder) throws {
        if var array = try? decoder.unkeyedContainer() {
            var items: [JSONValue] = []
            while !array.isAtEnd { items.append(try array.decode(JSONValue.self)) }
            self = .array(items)
        } else if let object = try? decoder.container(keyedBy: AnyKey.self) {
            self = .object(try object.allKeys.map { ($0.stringValue, try object.decode(JSONValue.self, forKey: $0)) })
        } else {
            let value = try decoder.singleValueContainer()
            if value.decodeNil() { self = .null }
            else if let b = try? value.decode(Bool.self) { self = .bool(b) }
            else if let i = try? value.decode(Int.self) { self = .int(i) }
            else if let d = try? value.decode(Double.self) { self = .double(d) }
            else { self = .string(try value.decode(String.self)) }
        }
    }

    /// Parses JSON text; nil when it is not JSON.
    public static func parse(_ bytes: some Collection<UInt8>) -> JSONValue? {
        try? JSONDecoder().decode(JSONValue.self, from: Data(bytes))
    }

    private struct AnyKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }
}

/// Typed reads of parsed JSON (protocol messages): nil when the value is missing or of another type.
extension JSONValue {
    public var string: String? { if case .string(let s) = self { s } else { nil } }
    public var int: Int? { if case .int(let i) = self { i } else { nil } }
    public var array: [JSONValue]? { if case .array(let items) = self { items } else { nil } }
    public var isObject: Bool { if case .object = self { true } else { false } }

    /// The value at a path of object keys: `params["textDocument", "uri"]`.
    public subscript(first: String, rest: String...) -> JSONValue? {
        rest.reduce(self[first]) { value, key in value?[key] }
    }
}
