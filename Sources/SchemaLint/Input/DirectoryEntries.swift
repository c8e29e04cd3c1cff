#if canImport(Glibc)
import Glibc
#endif

/// A folder's entries read with `readdir`, each with its kind from the entry itself: walking a migration folder of
/// hundreds of files costs no `stat` per file (only links and file systems that leave the kind out are asked).
enum DirectoryEntries {
    enum Kind { case file, directory, missing }

    struct Entry {
        var name: String
        /// What the entry is, links followed (`missing`: a dangling link).
        var kind: Kind
        var isLink: Bool
    }

    /// Nil when the folder cannot be read.
    static func of(_ directory: String) -> [Entry]? {
        guard let stream = opendir(directory) else { return nil }
        defer { closedir(stream) }
        var entries: [Entry] = []
        while let entry = readdir(stream) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(cString: raw.baseAddress!.assumingMemoryBound(to: CChar.self))
            }
            if name == "." || name == ".." { continue }
            switch Int32(entry.pointee.d_type) {
            case Int32(DT_REG): entries.append(Entry(name: name, kind: .file, isLink: false))
            case Int32(DT_DIR): entries.append(Entry(name: name, kind: .directory, isLink: false))
            case let type:
                let kind = Self.kind(ofPath: Paths.join(directory, name))
                entries.append(Entry(name: name, kind: kind, isLink: type == Int32(DT_LNK)))
            }
        }
        return entries
    }

    /// What a path is, links followed.
    static func kind(ofPath path: String) -> Kind {
        var info = stat()
        guard stat(path, &info) == 0 else { return .missing }
        return (info.st_mode & S_IFMT) == S_IFDIR ? .directory : .file
    }

    /// The device and inode of a folder, links followed: the same folder reached twice (a link back up the tree) has
    /// the same identity.
    static func identity(of directory: String) -> Identity? {
        var info = stat()
        guard stat(directory, &info) == 0 else { return nil }
        return Identity(device: UInt64(info.st_dev), inode: UInt64(info.st_ino))
    }

    struct Identity: Hashable { var device: UInt64, inode: UInt64 }
}
