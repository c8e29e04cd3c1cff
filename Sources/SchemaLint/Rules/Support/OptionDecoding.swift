extension KeyedDecodingContainer {
    /// An option's value, or its default when the configuration leaves it out: options are given one at a time.
    func option<T: Decodable>(_ key: Key, or fallback: T) throws -> T {
        try decodeIfPresent(T.self, forKey: key) ?? fallback
    }
}
