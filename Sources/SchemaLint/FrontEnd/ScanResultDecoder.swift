import PgQueryProto

/// Decodes libpg_query's `ScanResult` protobuf (`repeated ScanToken tokens = 2`, each with varint
/// `start = 1`, `end = 2`, `token = 4`, `keyword_kind = 5`) straight into `Token`s. Every statement with
/// findings is scanned, and the generic decoder spent more time on these four integers than the scan.
/// Unknown fields are skipped, so a newer libpg_query that adds some still decodes.
enum ScanResultDecoder {
    static func tokens(_ buffer: UnsafeRawBufferPointer) -> [Token] {
        var reader = Reader(buffer: buffer, position: 0, end: buffer.count)
        var tokens: [Token] = []
        while let (field, wireType) = reader.tag() {
            guard field == 2, wireType == 2, let length = reader.varint() else {
                if !reader.skip(wireType) { return tokens }
                continue
            }
            let end = reader.position + Int(length)
            guard end <= buffer.count else { return tokens }
            var sub = Reader(buffer: buffer, position: reader.position, end: end)
            var token = Token(start: 0, end: 0, kind: .nul, isKeyword: false)
            while let (f, w) = sub.tag() {
                guard w == 0, let value = sub.varint() else {
                    if !sub.skip(w) { break }
                    continue
                }
                switch f {
                case 1: token.start = Int(Int32(truncatingIfNeeded: value))
                case 2: token.end = Int(Int32(truncatingIfNeeded: value))
                case 4: token.kind = PgQuery_Token(rawValue: Int(truncatingIfNeeded: value)) ?? .nul
                case 5: token.isKeyword = value != 0
                default: break
                }
            }
            tokens.append(token)
            reader.position = end
        }
        return tokens
    }

    private struct Reader {
        let buffer: UnsafeRawBufferPointer
        var position: Int
        let end: Int

        mutating func varint() -> UInt64? {
            var result: UInt64 = 0
            var shift: UInt64 = 0
            while position < end, shift < 64 {
                let byte = buffer[position]
                position += 1
                result |= UInt64(byte & 0x7F) << shift
                if byte & 0x80 == 0 { return result }
                shift += 7
            }
            return nil
        }

        mutating func tag() -> (field: Int, wireType: Int)? {
            guard position < end, let key = varint() else { return nil }
            return (Int(key >> 3), Int(key & 7))
        }

        /// Skips a field of a wire type we do not read; false when the data is malformed.
        mutating func skip(_ wireType: Int) -> Bool {
            switch wireType {
            case 0: return varint() != nil
            case 1: position += 8
            case 2: guard let n = varint() else { return false }; position += Int(n)
            case 5: position += 4
            default: return false
            }
            return position <= end
        }
    }
}
