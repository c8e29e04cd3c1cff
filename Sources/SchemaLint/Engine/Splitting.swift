extension String {
    /// The pieces between occurrences of `separator`, empty pieces kept (Foundation's `components(separatedBy:)`),
    /// found by comparing UTF-8 bytes: FoundationEssentials' version costs tens of thousands of instructions a call.
    func pieces(separatedBy separator: String) -> [String] {
        let bytes = Array(utf8), needle = Array(separator.utf8)
        guard !needle.isEmpty, bytes.count >= needle.count else { return [self] }
        var pieces: [String] = [], start = 0, i = 0
        while i + needle.count <= bytes.count {
            if bytes[i] == needle[0], bytes[i..<(i + needle.count)].elementsEqual(needle) {
                pieces.append(String(decoding: bytes[start..<i], as: UTF8.self))
                i += needle.count
                start = i
            } else {
                i += 1
            }
        }
        pieces.append(String(decoding: bytes[start...], as: UTF8.self))
        return pieces
    }
}
