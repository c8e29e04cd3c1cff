extension String {
    /// `replacing(pattern, with:)` done on bytes when the text and the pattern are ASCII, where bytes and Characters
    /// agree (the pattern holds no CR or LF, so no `\r\n` pair can straddle a match); otherwise the standard
    /// library's. That one compares Characters and cost ~30,000 instructions a call, once per name a rule builds
    /// from a template.
    func replacingASCII(_ pattern: String, with replacement: String) -> String {
        let isASCII = { (byte: UInt8) in byte < 0x80 }
        guard !pattern.isEmpty, pattern.utf8.allSatisfy({ isASCII($0) && $0 != 0x0A && $0 != 0x0D }),
              utf8.allSatisfy(isASCII) else { return replacing(pattern, with: replacement) }
        let text = Array(utf8), target = Array(pattern.utf8)
        var out: [UInt8] = []
        var i = 0, runStart = 0
        while i + target.count <= text.count {
            if text[i] == target[0], text[i..<(i + target.count)].elementsEqual(target) {
                if out.isEmpty { out.reserveCapacity(text.count + replacement.utf8.count) }
                out += text[runStart..<i]
                out += replacement.utf8
                i += target.count
                runStart = i
            } else {
                i += 1
            }
        }
        guard runStart > 0 else { return self }
        out += text[runStart...]
        return String(decoding: out, as: UTF8.self)
    }
}
