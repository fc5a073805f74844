#if canImport(Glibc)
import Glibc
#endif

/// A folder of numbered snapshot files, `snapshot-<sequence>.json`, written atomically, the last K kept.
public struct SnapshotFiles: Sendable {
    public let directory: String
    public let keep: Int

    public init(directory: String, keep: Int) throws(StorageError) {
        self.directory = directory
        self.keep = max(1, keep)
        try Directory.create(directory)
    }

    /// Removes temporary files a writer killed mid-write left behind; they were never renamed into place.
    public func removeLeftovers() throws(StorageError) {
        for name in try Directory.list(directory) where name.hasPrefix("snapshot-") && name.contains(".tmp-") {
            unlink(directory + "/" + name)
        }
    }

    /// Writes the snapshot for `sequence` and removes all but the newest `keep`. Returns its path. A folder removed
    /// while the aggregator runs (someone clearing out old snapshots) is made again, as at the start.
    @discardableResult
    public func write(_ bytes: [UInt8], sequence: UInt64) throws(StorageError) -> String {
        try Directory.create(directory)
        let path = directory + "/" + Self.fileName(sequence)
        try AtomicFile.write(bytes, to: path)
        let files = try snapshotNames()
        for name in files.dropLast(keep) { unlink(directory + "/" + name) }
        return path
    }

    /// Renames a snapshot out of the numbered set (`<name>.ahead-<unix seconds>`), durably, and returns the new path:
    /// one written after records a restored or salvaged store no longer holds, which would otherwise stay the newest
    /// by name, crowd out the snapshots written after it, and be loaded once the store's sequence passes it.
    @discardableResult
    public func setAside(_ path: String) throws(StorageError) -> String {
        let target = path + ".ahead-\(time(nil))"
        _ = try systemCall("rename", path) { rename(path, target) }
        try AtomicFile.syncDirectory(containing: target)
        return target
    }

    /// Snapshot paths, newest first.
    public func newestFirst() throws(StorageError) -> [String] {
        try snapshotNames().reversed().map { directory + "/" + $0 }
    }

    private func snapshotNames() throws(StorageError) -> [String] {
        try Directory.list(directory).filter { $0.hasPrefix("snapshot-") && $0.hasSuffix(".json") }
    }

    static func fileName(_ sequence: UInt64) -> String {
        let digits = String(sequence)
        return "snapshot-" + String(repeating: "0", count: max(0, 20 - digits.count)) + digits + ".json"
    }

    /// The sequence a snapshot path was written for, from its name.
    public static func sequence(ofPath path: String) -> UInt64? {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        guard name.hasPrefix("snapshot-"), name.hasSuffix(".json") else { return nil }
        return UInt64(name.dropFirst("snapshot-".count).dropLast(".json".count))
    }
}
