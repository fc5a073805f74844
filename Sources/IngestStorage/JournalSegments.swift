#if canImport(Glibc)
import Glibc
#endif

/// A directory of journal segments, `<directory>/<prefix>-<base as 20 digits>.journal`, where `base` is the
/// state sequence the segment starts from. A new segment starts after each snapshot; segments wholly before
/// the oldest snapshot kept are removed. Names sort by base because the digits are zero-padded.
public struct JournalSegments {
    public let directory: String
    public let prefix: String
    public let permissions: mode_t

    /// Creates `directory` if missing.
    public init(directory: String, prefix: String, permissions: mode_t = 0o640) throws(StorageError) {
        self.directory = directory
        self.prefix = prefix
        self.permissions = permissions
        try Directory.create(directory)
    }

    /// The segments present, ascending by base. Other files (damaged copies, temporary files) are ignored.
    public func list() throws(StorageError) -> [(base: UInt64, path: String)] {
        try Directory.list(directory)
            .compactMap { name in base(of: name).map { (base: $0, path: directory + "/" + name) } }
            .sorted { $0.base < $1.base }
    }

    /// Opens the segment starting at `base`, creating it if missing.
    public func open(base: UInt64) throws(StorageError) -> Journal {
        try Journal(path: path(base: base), permissions: permissions)
    }

    /// Deletes the segments whose base is below `base`, then fsyncs the directory so the deletions hold.
    public func remove(before base: UInt64) throws(StorageError) {
        for segment in try list() where segment.base < base {
            if unlink(segment.path) == -1 && errno != ENOENT {
                throw StorageError(function: "unlink", path: segment.path, errno: errno)
            }
        }
        try AtomicFile.syncDirectory(containing: directory + "/" + prefix)
    }

    /// The path of the segment starting at `base`.
    public func path(base: UInt64) -> String {
        let digits = String(base)
        return directory + "/" + prefix + "-" + String(repeating: "0", count: max(0, 20 - digits.count)) + digits + ".journal"
    }

    /// The base a segment's file name carries, or `nil` if the name is not exactly a segment's.
    private func base(of name: String) -> UInt64? {
        let head = prefix + "-", tail = ".journal"
        guard name.hasPrefix(head), name.hasSuffix(tail) else { return nil }
        let digits = name.dropFirst(head.count).dropLast(tail.count)
        guard digits.count == 20, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return UInt64(digits)
    }
}
