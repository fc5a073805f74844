#if canImport(Glibc)
import Glibc
#endif

/// Writes a new journal file beside the real one and, on ``install()``, puts it in place atomically:
/// fsync, rename over the target, fsync the directory. A reader or a crash sees the old file or the new one.
///
/// If the writer goes away before ``install()`` succeeds, the temporary file is removed.
final class RecordFileWriter {
    let target: String
    let temporary: String
    private let file: FileDescriptor
    private var pending: [UInt8] = []
    private var installed = false
    /// Bytes of whole records written so far.
    private(set) var length = 0
    private let flushBytes = 1 << 20

    init(replacing target: String, permissions: mode_t) throws(StorageError) {
        self.target = target
        temporary = target + ".rewrite"
        file = try FileDescriptor.open(temporary, O_WRONLY | O_CREAT | O_TRUNC, permissions: permissions)
    }

    deinit {
        if !installed { unlink(temporary) }
    }

    func append(_ payload: UnsafeRawBufferPointer) throws(StorageError) {
        try append(Array(payload))
    }

    func append(_ payload: [UInt8]) throws(StorageError) {
        guard payload.count <= Journal.maxRecordBytes else {
            throw StorageError(.recordTooLarge(bytes: payload.count, limit: Journal.maxRecordBytes), function: "rewrite", path: target)
        }
        pending.append(contentsOf: JournalRecordFormat.encode(payload))
        if pending.count >= flushBytes { try flush() }
    }

    /// Makes the new file durable and renames it over the target.
    func install() throws(StorageError) {
        try flush()
        try file.sync()
        try systemCall("rename", target) { rename(temporary, target) }
        installed = true
        try AtomicFile.syncDirectory(containing: target)
    }

    private func flush() throws(StorageError) {
        try pending.withTypedBytes { bytes throws(StorageError) in try file.write(bytes, at: length) }
        length += pending.count
        pending.removeAll(keepingCapacity: true)
    }
}
