import Testing
@testable import SchemaLint

/// A folder's files are linted in natural order: runs of digits compare by value.
struct NaturalOrderTests {
    @Test("Digit runs compare by value, then by leading zeros; digits before text; a shorter run first")
    func examples() {
        let sorted = InputFiles.naturallySorted([
            "m/10_b.sql", "m/2_a.sql", "m/02_a.sql", "m/2_a.sql.bak", "m/V1_1__x.sql", "m/V1_10__x.sql", "m/V1_2__x.sql",
            "m/a.sql", "m/_a.sql", "m/1.sql", "m/001.sql", "m/20240101000001_init.sql", "m/9_z.sql", "m/2/x.sql",
            "m/10/x.sql", "m/ab.sql", "m/a1.sql",
        ])
        #expect(sorted == [
            "m/1.sql", "m/001.sql", "m/2/x.sql", "m/2_a.sql", "m/2_a.sql.bak", "m/02_a.sql", "m/9_z.sql", "m/10/x.sql",
            "m/10_b.sql", "m/20240101000001_init.sql", "m/V1_1__x.sql", "m/V1_2__x.sql", "m/V1_10__x.sql", "m/_a.sql",
            "m/a1.sql", "m/a.sql", "m/ab.sql",  // "m/a" before "m/a.sql": a run that is a prefix of the other first
        ])
    }

    /// The order as first written: the path cut into runs, compared run by run.
    static func reference(_ a: String, _ b: String) -> Bool {
        func runs(_ s: String) -> [(digits: Bool, bytes: [UInt8])] {
            var out: [(Bool, [UInt8])] = []
            for byte in s.utf8 {
                let digit = byte >= 48 && byte <= 57
                if let last = out.last, last.0 == digit { out[out.count - 1].1.append(byte) } else { out.append((digit, [byte])) }
            }
            return out
        }
        for (p, q) in zip(runs(a), runs(b)) where p.digits != q.digits || p.bytes != q.bytes {
            switch (p.digits, q.digits) {
            case (true, true):
                let (m, n) = (p.bytes.drop { $0 == 48 }, q.bytes.drop { $0 == 48 })
                let (m1, n1) = (m.isEmpty ? [48][...] : m, n.isEmpty ? [48][...] : n)
                if m1.count != n1.count { return m1.count < n1.count }
                if m1 != n1 { return m1.lexicographicallyPrecedes(n1) }
                return p.bytes.count < q.bytes.count
            case (false, false): return p.bytes.lexicographicallyPrecedes(q.bytes)
            case (true, false): return true
            case (false, true): return false
            }
        }
        return runs(a).count < runs(b).count
    }

    @Test("The byte key orders 2,000 random paths as the run-by-run comparison does")
    func agreesWithReference() {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("0012389a_b./Vé".utf8) + [0x01]
        let paths = (0..<2_000).map { _ in
            String(decoding: (0..<Int.random(in: 0...12, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! },
                   as: UTF8.self)
        }
        for _ in 0..<20_000 {
            let (a, b) = (paths.randomElement()!, paths.randomElement()!)
            #expect(InputFiles.naturalLess(a, b) == Self.reference(a, b), "\(Array(a.utf8)) \(Array(b.utf8))")
        }
    }
}
