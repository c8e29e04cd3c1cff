/// A JSON value whose objects keep their key order, so output is byte-for-byte reproducible and reads in
/// the documented order.
public indirect enum JSONValue: Sendable, Equatable {
    case string(String)
    case int(Int)
    case bool(Bool)
    case null
    case array([JSONValue])
    case object([(String, JSONValue)])

    public static func == (a: JSONValue, b: JSONValue) -> Bool { a.rendered() == b.rendered() }

    /// Pretty-printed with two-space indentation.
    public func rendered(indent: Int = 0) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(4096)
        write(to: &out, indent: indent)
        return String(decoding: out, as: UTF8.self)
    }

    /// Writes UTF-8 straight into a byte buffer: reports of thousands of findings stay cheap.
    private func write(to out: inout [UInt8], indent: Int) {
        switch self {
        case .string(let s): Self.writeString(s, to: &out)
        case .int(let i): out += Array(String(i).utf8)
        case .bool(let b): out += Array((b ? "true" : "false").utf8)
        case .null: out += Array("null".utf8)
        case .array(let items):
            if items.isEmpty { out += [UInt8(ascii: "["), UInt8(ascii: "]")]; return }
            out.append(UInt8(ascii: "["))
            for (i, item) in items.enumerated() {
                Self.newline(&out, indent: indent + 1)
                item.write(to: &out, indent: indent + 1)
                if i < items.count - 1 { out.append(UInt8(ascii: ",")) }
            }
            Self.newline(&out, indent: indent)
            out.append(UInt8(ascii: "]"))
        case .object(let members):
            if members.isEmpty { out += [UInt8(ascii: "{"), UInt8(ascii: "}")]; return }
            out.append(UInt8(ascii: "{"))
            for (i, (key, value)) in members.enumerated() {
                Self.newline(&out, indent: indent + 1)
                Self.writeString(key, to: &out)
                out += [UInt8(ascii: ":"), UInt8(ascii: " ")]
                value.write(to: &out, indent: indent + 1)
                if i < members.count - 1 { out.append(UInt8(ascii: ",")) }
            }
            Self.newline(&out, indent: indent)
            out.append(UInt8(ascii: "}"))
        }
    }

    private static func newline(_ out: inout [UInt8], indent: Int) {
        out.append(UInt8(ascii: "\n"))
        out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: indent * 2))
    }

    private static func writeString(_ s: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        var s = s
        s.withUTF8 { bytes in
            var runStart = 0
            for (i, byte) in bytes.enumerated() where byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
                out.append(contentsOf: bytes[runStart..<i])
                runStart = i + 1
                switch byte {
                case UInt8(ascii: "\""): out += [UInt8(ascii: "\\"), UInt8(ascii: "\"")]
                case UInt8(ascii: "\\"): out += [UInt8(ascii: "\\"), UInt8(ascii: "\\")]
                case UInt8(ascii: "\n"): out += [UInt8(ascii: "\\"), UInt8(ascii: "n")]
                case UInt8(ascii: "\r"): out += [UInt8(ascii: "\\"), UInt8(ascii: "r")]
                case UInt8(ascii: "\t"): out += [UInt8(ascii: "\\"), UInt8(ascii: "t")]
                default:
                    let hex = Array(String(byte, radix: 16).utf8)
                    out += Array("\\u00".utf8) + (hex.count == 1 ? [UInt8(ascii: "0")] : []) + hex
                }
            }
            out.append(contentsOf: bytes[runStart...])
        }
        out.append(UInt8(ascii: "\""))
    }
}

extension Optional where Wrapped == String {
    var json: JSONValue { map(JSONValue.string) ?? .null }
}
