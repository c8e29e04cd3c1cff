/// JSON-RPC 2.0 as LSP uses it: what a message from the client is, and the messages the server sends.
enum JSONRPC {
    enum Incoming {
        case request(id: JSONValue, method: String, params: JSONValue?)
        case notification(method: String, params: JSONValue?)
        /// A reply to a request of the server's (it sends none that need one): ignored.
        case response
        /// Not a JSON-RPC message; `id` is the message's if it had a usable one, else null.
        case invalid(id: JSONValue, reason: String)
    }

    static func classify(_ message: JSONValue) -> Incoming {
        guard message.isObject else {
            return .invalid(id: .null, reason: message.array != nil ? "batches are not supported" : "a message must be an object")
        }
        let id = message["id"]
        if let id, id.int == nil, id.string == nil, id != .null {
            return .invalid(id: .null, reason: "id must be an integer or a string")
        }
        guard message["jsonrpc"]?.string == "2.0" else { return .invalid(id: id ?? .null, reason: "jsonrpc must be \"2.0\"") }
        if let method = message["method"] {
            guard let name = method.string else { return .invalid(id: id ?? .null, reason: "method must be a string") }
            // `"params": null` is read as no params: JSON-RPC says omit them, but clients send null for `shutdown`.
            let params = message["params"].flatMap { $0 == .null ? nil : $0 }
            if let params, !params.isObject, params.array == nil {
                return .invalid(id: id ?? .null, reason: "params must be an object or an array")
            }
            guard let id else { return .notification(method: name, params: params) }
            return .request(id: id, method: name, params: params)
        }
        if id != nil, message["result"] != nil || message["error"] != nil { return .response }
        return .invalid(id: id ?? .null, reason: "a message needs a method (or a result or error, for a response)")
    }

    static func response(id: JSONValue, result: JSONValue) -> JSONValue {
        .object([("jsonrpc", .string("2.0")), ("id", id), ("result", result)])
    }

    static func error(id: JSONValue, _ error: RPCError) -> JSONValue {
        .object([("jsonrpc", .string("2.0")), ("id", id),
                 ("error", .object([("code", .int(error.code.rawValue)), ("message", .string(error.message))]))])
    }

    static func notification(_ method: String, _ params: JSONValue) -> JSONValue {
        .object([("jsonrpc", .string("2.0")), ("method", .string(method)), ("params", params)])
    }
}

/// An error answered to a request, with JSON-RPC's and LSP's codes.
struct RPCError: Error, Equatable {
    enum Code: Int {
        case parseError = -32700
        case invalidRequest = -32600
        case methodNotFound = -32601
        case invalidParams = -32602
        case internalError = -32603
        case serverNotInitialized = -32002
    }

    var code: Code
    var message: String

    init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    static func invalidParams(_ message: String) -> RPCError { RPCError(.invalidParams, message) }
}
