/// A document the client has open: its text as the editor holds it (saved or not), and its last lint.
struct OpenDocument {
    var uri: String
    /// The file the URI names; nil for documents that are not files (`untitled:`).
    var path: String?
    var version: Int?
    var text: [UInt8]
    /// The text changed (or a file before it was saved) since the last lint.
    var stale = true
    /// The last lint, of `text` when not stale: what code actions and hovers are computed from.
    var lint: DocumentLint?
}

/// The documents the client has open, by URI.
struct DocumentStore {
    private(set) var documents: [String: OpenDocument] = [:]

    subscript(uri: String) -> OpenDocument? {
        get { documents[uri] }
        set { documents[uri] = newValue }
    }

    /// Open buffers by path: they replace the files on disk for every lint, the document's own and its neighbours'.
    var buffersByPath: [String: [UInt8]] {
        Dictionary(documents.values.compactMap { doc in doc.path.map { ($0, doc.text) } }, uniquingKeysWith: { a, _ in a })
    }

    /// Marks every open document of `folder` (and below) stale: a saved file is context for the files after it.
    mutating func markStale(under folder: String) {
        let prefix = folder.hasSuffix("/") ? folder : folder + "/"
        for (uri, doc) in documents where doc.path?.hasPrefix(prefix) == true { documents[uri]?.stale = true }
    }

    var staleURIs: [String] { documents.values.filter(\.stale).map(\.uri).sorted() }
}
