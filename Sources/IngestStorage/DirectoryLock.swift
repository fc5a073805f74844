#if canImport(Glibc)
import Glibc
#endif

/// An exclusive lock on a daemon's files, so that two daemons never append to the same journal.
///
/// It is `flock(LOCK_EX | LOCK_NB)` on `<directory>/<name>.lock`, a file that holds the holder's pid and start
/// time as text so the refusal can say who holds it. The lock belongs to the open file, so it is released when
/// this object goes away or the process dies, even by `kill -9`: no stale lock is ever left to clean up. The
/// file itself stays (removing it would let a third process lock a fresh file while the second still holds
/// the old one).
public final class DirectoryLock {
    /// The lock file's path.
    public let path: String
    private let file: FileDescriptor

    /// Takes the lock, or throws ``LockError`` naming the holder if another open file holds it (another
    /// process, or another `DirectoryLock` in this one).
    public init(directory: String, name: String) throws(LockError) {
        path = directory + "/" + name + ".lock"
        do {
            file = try FileDescriptor.open(path, O_RDWR | O_CREAT, permissions: 0o640)
        } catch {
            throw LockError(path: path, name: name, holder: nil, failure: error)
        }
        while flock(file.raw, LOCK_EX | LOCK_NB) == -1 {
            if errno == EINTR { continue }
            if errno == EWOULDBLOCK {
                throw LockError(path: path, name: name, holder: Self.readHolder(file), failure: nil)
            }
            throw LockError(path: path, name: name, holder: nil, failure: StorageError(function: "flock", path: path, errno: errno))
        }
        let text = "pid \(getpid())\nstarted \(Self.now())\n"
        do throws(StorageError) {
            try systemCall("ftruncate", path) { ftruncate(file.raw, 0) }
            try Array(text.utf8).withTypedBytes { bytes throws(StorageError) in try file.write(bytes, at: 0) }
        } catch {
            throw LockError(path: path, name: name, holder: nil, failure: error)
        }
    }

    /// The holder's own text, as far as it can be read: a holder that has just locked may not have written it yet.
    private static func readHolder(_ file: FileDescriptor) -> LockError.Holder {
        var bytes = [UInt8](repeating: 0, count: 256)
        let count = bytes.withUnsafeMutableBytes { pread(file.raw, $0.baseAddress, $0.count, 0) }
        let text = String(decoding: bytes.prefix(max(0, count)), as: UTF8.self)
        var holder = LockError.Holder(pid: nil, started: nil)
        for line in text.split(separator: "\n") {
            if line.hasPrefix("pid ") { holder.pid = Int32(line.dropFirst(4)) }
            if line.hasPrefix("started ") { holder.started = String(line.dropFirst(8)) }
        }
        return holder
    }

    /// The current time as UTC ISO 8601, to the second.
    private static func now() -> String {
        var seconds = time(nil)
        var parts = tm()
        gmtime_r(&seconds, &parts)
        var buffer = [CChar](repeating: 0, count: 32)
        let count = strftime(&buffer, buffer.count, "%Y-%m-%dT%H:%M:%SZ", &parts)
        return String(decoding: buffer.prefix(count).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}

/// Why a ``DirectoryLock`` could not be taken: another holder (named when its text could be read), or a
/// failed system call.
public struct LockError: Error, CustomStringConvertible {
    /// What the lock file says about the process holding the lock.
    public struct Holder: Sendable, Equatable {
        public var pid: Int32?
        public var started: String?
    }

    public let path: String
    /// The daemon's name, as given to the lock (`broker`, `aggregator`).
    public let name: String
    /// Set when another open file holds the lock.
    public let holder: Holder?
    /// Set when the lock could not even be tried.
    public let failure: StorageError?

    public var description: String {
        if let failure { return "cannot lock \(path): \(failure)" }
        var who = holder?.pid.map { "pid \($0)" } ?? "another process"
        if let started = holder?.started { who += " (started \(started))" }
        return "\(path) is held by \(who); is another \(name) running on this data directory?"
    }
}
