/// A file's statement pieces (byte ranges of statements and unparsable chunks, nested only where a statement lies in
/// another's body), indexed by start: the pieces around an offset cost a binary search, not a scan of every statement.
/// Scans made each whole-schema finding and each suppression comment O(statements); on a 50 MB dump with 60,000
/// tables that was quadratic.
struct PieceIndex: Sendable {
    /// As given (source order, with nested pieces after the one they are in).
    let pieces: [Range<Int>]
    /// Indices into `pieces`, by start.
    private let byStart: [Int]
    /// `reach[k]`: the largest end among `pieces[byStart[0...k]]`, so a walk back from an offset stops as soon as
    /// no earlier piece can still contain it.
    private let reach: [Int]

    init(_ pieces: [Range<Int>]) {
        self.pieces = pieces
        byStart = pieces.indices.sorted { (pieces[$0].lowerBound, $0) < (pieces[$1].lowerBound, $1) }
        var reach: [Int] = []
        reach.reserveCapacity(pieces.count)
        var far = Int.min
        for i in byStart {
            far = max(far, pieces[i].upperBound)
            reach.append(far)
        }
        self.reach = reach
    }

    /// Indices into `pieces` of the pieces that contain `offset`, in no particular order.
    func containing(_ offset: Int) -> [Int] {
        // The last piece by start that starts at or before the offset.
        var low = 0, high = byStart.count
        while low < high {
            let mid = (low + high) / 2
            if pieces[byStart[mid]].lowerBound <= offset { low = mid + 1 } else { high = mid }
        }
        var found: [Int] = []
        var k = low - 1
        while k >= 0, reach[k] > offset {
            if pieces[byStart[k]].contains(offset) { found.append(byStart[k]) }
            k -= 1
        }
        return found
    }

    /// The first piece (in the given order) that contains `offset`: the statement a finding without one is placed in.
    func first(containing offset: Int) -> Range<Int>? {
        containing(offset).min().map { pieces[$0] }
    }

    /// The smallest piece that contains `offset` (the first given, among equals): a statement inside a DO block is a
    /// piece within the DO statement's.
    func innermost(containing offset: Int) -> Range<Int>? {
        containing(offset).min { (pieces[$0].count, $0) < (pieces[$1].count, $1) }.map { pieces[$0] }
    }

    /// The pieces that lie within another piece (statements of a DO block or function body), in the given order.
    var nested: [Range<Int>] {
        pieces.filter { piece in
            containing(piece.lowerBound).contains { pieces[$0] != piece && pieces[$0].upperBound >= piece.upperBound }
        }
    }
}
