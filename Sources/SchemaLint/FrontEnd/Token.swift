import PgQueryProto

/// A lexical token from `pg_query_scan`. Offsets are bytes, absolute in the file once the statement
/// that owns the token has rebased it.
public struct Token: Sendable, Equatable {
    public var start: Int
    public var end: Int
    public var kind: PgQuery_Token
    public var isKeyword: Bool

    public var isComment: Bool { kind == .sqlComment || kind == .cComment }
    public var range: Range<Int> { start..<end }

    func shifted(by offset: Int) -> Token {
        Token(start: start + offset, end: end + offset, kind: kind, isKeyword: isKeyword)
    }
}
