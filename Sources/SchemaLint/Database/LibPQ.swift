#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// PostgreSQL's client library, loaded with `dlopen` the first time a database feature needs it. Linting never
/// loads it, so the lint binary stays self-contained: only `--database-url` and `trace` need `libpq5` installed.
/// Only the handful of calls schemalint makes are looked up; libpq's C ABI has been stable since PostgreSQL 7.4.
final class LibPQ: @unchecked Sendable {
    typealias Connection = OpaquePointer
    typealias Result = OpaquePointer
    typealias NoticeProcessor = @convention(c) (UnsafeMutableRawPointer?, UnsafePointer<CChar>?) -> Void

    let connectdb: @convention(c) (UnsafePointer<CChar>) -> Connection?
    let status: @convention(c) (Connection) -> Int32
    let errorMessage: @convention(c) (Connection) -> UnsafePointer<CChar>?
    let finish: @convention(c) (Connection) -> Void
    let exec: @convention(c) (Connection, UnsafePointer<CChar>) -> Result?
    let execParams: @convention(c) (Connection, UnsafePointer<CChar>, Int32, UnsafePointer<UInt32>?,
                                    UnsafePointer<UnsafePointer<CChar>?>?, UnsafePointer<Int32>?, UnsafePointer<Int32>?,
                                    Int32) -> Result?
    let resultStatus: @convention(c) (Result) -> Int32
    let resultErrorField: @convention(c) (Result, Int32) -> UnsafePointer<CChar>?
    let resultErrorMessage: @convention(c) (Result) -> UnsafePointer<CChar>?
    let ntuples: @convention(c) (Result) -> Int32
    let nfields: @convention(c) (Result) -> Int32
    let fname: @convention(c) (Result, Int32) -> UnsafePointer<CChar>?
    let getvalue: @convention(c) (Result, Int32, Int32) -> UnsafePointer<CChar>?
    let getisnull: @convention(c) (Result, Int32, Int32) -> Int32
    let cmdStatus: @convention(c) (Result) -> UnsafePointer<CChar>?
    let clear: @convention(c) (Result) -> Void
    let serverVersion: @convention(c) (Connection) -> Int32
    let backendPID: @convention(c) (Connection) -> Int32
    let transactionStatus: @convention(c) (Connection) -> Int32
    let setNoticeProcessor: @convention(c) (Connection, NoticeProcessor?, UnsafeMutableRawPointer?) -> NoticeProcessor?
    let putCopyEnd: @convention(c) (Connection, UnsafePointer<CChar>?) -> Int32
    let getResult: @convention(c) (Connection) -> Result?
    /// PQconninfoParse and PQconninfoFree, over `PQconninfoOption` arrays read as raw memory (see `ConnectionEnvironment`).
    let conninfoParse: @convention(c) (UnsafePointer<CChar>, UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> UnsafeMutableRawPointer?
    let conninfoFree: @convention(c) (UnsafeMutableRawPointer?) -> Void
    let freemem: @convention(c) (UnsafeMutableRawPointer?) -> Void

    /// libpq names tried in order: Debian's and most distributions' soname, then macOS's.
    static let names = ["libpq.so.5", "libpq.so", "libpq.5.dylib", "libpq.dylib"]

    private static let loaded: Swift.Result<LibPQ, DatabaseError> = {
        for name in names {
            if let handle = dlopen(name, RTLD_NOW | RTLD_LOCAL) {
                do { return .success(try LibPQ(handle)) } catch let error as DatabaseError { return .failure(error) }
                catch { return .failure(DatabaseError(message: "\(error)")) }
            }
        }
        let reason = dlerror().map { String(cString: $0) } ?? "not found"
        return .failure(DatabaseError(message: "PostgreSQL's client library libpq is not installed (\(reason)); "
            + "install it with `apt-get install libpq5` (Debian, Ubuntu) or `brew install libpq` (macOS)"))
    }()

    /// The library, loaded once per process.
    static func shared() throws -> LibPQ { try loaded.get() }

    private init(_ handle: UnsafeMutableRawPointer) throws {
        func symbol<T>(_ name: String, _ type: T.Type) throws -> T {
            guard let pointer = dlsym(handle, name) else {
                throw DatabaseError(message: "libpq has no \(name): it is older than PostgreSQL 9.0's; install a newer libpq5")
            }
            return unsafeBitCast(pointer, to: type)
        }
        connectdb = try symbol("PQconnectdb", type(of: connectdb))
        status = try symbol("PQstatus", type(of: status))
        errorMessage = try symbol("PQerrorMessage", type(of: errorMessage))
        finish = try symbol("PQfinish", type(of: finish))
        exec = try symbol("PQexec", type(of: exec))
        execParams = try symbol("PQexecParams", type(of: execParams))
        resultStatus = try symbol("PQresultStatus", type(of: resultStatus))
        resultErrorField = try symbol("PQresultErrorField", type(of: resultErrorField))
        resultErrorMessage = try symbol("PQresultErrorMessage", type(of: resultErrorMessage))
        ntuples = try symbol("PQntuples", type(of: ntuples))
        nfields = try symbol("PQnfields", type(of: nfields))
        fname = try symbol("PQfname", type(of: fname))
        getvalue = try symbol("PQgetvalue", type(of: getvalue))
        getisnull = try symbol("PQgetisnull", type(of: getisnull))
        cmdStatus = try symbol("PQcmdStatus", type(of: cmdStatus))
        clear = try symbol("PQclear", type(of: clear))
        serverVersion = try symbol("PQserverVersion", type(of: serverVersion))
        backendPID = try symbol("PQbackendPID", type(of: backendPID))
        transactionStatus = try symbol("PQtransactionStatus", type(of: transactionStatus))
        setNoticeProcessor = try symbol("PQsetNoticeProcessor", type(of: setNoticeProcessor))
        putCopyEnd = try symbol("PQputCopyEnd", type(of: putCopyEnd))
        getResult = try symbol("PQgetResult", type(of: getResult))
        conninfoParse = try symbol("PQconninfoParse", type(of: conninfoParse))
        conninfoFree = try symbol("PQconninfoFree", type(of: conninfoFree))
        freemem = try symbol("PQfreemem", type(of: freemem))
    }
}
