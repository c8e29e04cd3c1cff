/// `«` and `»` in example SQL mark where findings land; they are stripped before parsing and in docs.
public struct MarkedSQL: Sendable {
    public var text: String
    /// Byte ranges in `text` of the marked spans, in order.
    public var marks: [Range<Int>]

    public init(_ marked: String) {
        var bytes: [UInt8] = []
        var marks: [Range<Int>] = []
        var open: [Int] = []
        for scalar in marked.unicodeScalars {
            switch scalar {
            case "«": open.append(bytes.count)
            case "»": if let start = open.popLast() { marks.append(start..<bytes.count) }
            default: bytes.append(contentsOf: Array(String(scalar).utf8))
            }
        }
        text = String(decoding: bytes, as: UTF8.self)
        self.marks = marks.sorted { $0.lowerBound < $1.lowerBound }
    }
}
