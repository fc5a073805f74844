#if canImport(Glibc)
import Glibc
#endif

/// Writes files so that a reader (or a restart after a crash) sees either the old file or the whole new one.
public enum AtomicFile {
    /// Writes a temporary file (created with `permissions`), fsyncs it, renames it over `path`, and fsyncs the
    /// directory. On any failure the temporary file is removed, so a failed write leaves nothing behind.
    public static func write(_ bytes: [UInt8], to path: String, permissions: mode_t = 0o640) throws(StorageError) {
        let temporary = path + ".tmp-\(getpid())"
        do throws(StorageError) {
            let file = try FileDescriptor.open(temporary, O_WRONLY | O_CREAT | O_TRUNC, permissions: permissions)
            try bytes.withTypedBytes { bytes throws(StorageError) in try file.write(bytes, at: 0) }
            try file.sync()
            try systemCall("rename", path) { rename(temporary, path) }
        } catch {
            unlink(temporary)
            throw error
        }
        try syncDirectory(containing: path)
    }

    static func syncDirectory(containing path: String) throws(StorageError) {
        let directory = Directory.parent(of: path)
        try FileDescriptor.open(directory, O_RDONLY | O_DIRECTORY).sync()
    }

    public static func read(_ path: String) throws(StorageError) -> [UInt8] {
        try read(PathBytes(path))
    }

    /// ``read(_:)`` of a path given as the system's bytes (see ``PathBytes``).
    public static func read(_ path: PathBytes) throws(StorageError) -> [UInt8] {
        switch try read(path, atMost: Int.max - 1) {
        case .bytes(let bytes): bytes
        case .over(let size): throw StorageError(.recordTooLarge(bytes: size ?? Int.max, limit: Int.max - 1), function: "read", path: path.display)
        }
    }

    /// A file read whole, or how large it is when that is over `limit` bytes.
    public enum Contents: Sendable {
        case bytes([UInt8])
        /// The file's length as `fstat` gave it; nil when it has none (a device, a file of /proc) or grew past the
        /// limit as it was read, read no further than the limit and one byte.
        case over(size: Int?)
    }

    /// Reads the file unless it holds more than `limit` bytes, told by `fstat` on the open file before reading, or
    /// by reading `limit` + 1 (a file that grows, or one whose length the system does not know). Nothing in the path
    /// is looked up twice: `submit` and `ingest extract` read every document through here.
    public static func read(_ path: String, atMost limit: Int) throws(StorageError) -> Contents {
        try read(PathBytes(path), atMost: limit)
    }

    /// ``read(_:atMost:)`` of a path given as the system's bytes (see ``PathBytes``).
    public static func read(_ raw: PathBytes, atMost limit: Int) throws(StorageError) -> Contents {
        // Opened without blocking: a named pipe would otherwise wait for a writer forever (`submit` hung on one found in a
        // folder). A pipe or a socket is refused; anything else is read as usual, blocking again.
        let descriptor: Int32
        do {
            descriptor = try systemCall("open", raw.display) { raw.withCString { open($0, O_RDONLY | O_CLOEXEC | O_NONBLOCK) } }
        } catch where error.errno == ENXIO {
            // A socket cannot be opened at all (ENXIO): said as what it is rather than as "no such device".
            var status = stat()
            if raw.withCString({ stat($0, &status) }) == 0, status.st_mode & S_IFMT == S_IFSOCK {
                throw StorageError(.notAFile("a socket"), function: "open", path: raw.display)
            }
            throw error
        }
        defer { close(descriptor) }
        var status = stat()
        let known = fstat(descriptor, &status) == 0
        // (A socket never gets here: open refuses it, above.)
        if known, status.st_mode & S_IFMT == S_IFIFO {
            throw StorageError(.notAFile("a named pipe"), function: "open", path: raw.display)
        }
        // O_NONBLOCK means nothing to a regular file (nearly every document): cleared only for a device.
        if !known || status.st_mode & S_IFMT != S_IFREG { _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) & ~O_NONBLOCK) }
        let limit = max(0, min(limit, Int.max - 1))
        // Read straight into the result, sized by the file's length (one byte more, so the read that finds the end
        // needs no room of its own): a 64 KiB buffer zeroed and copied out of for each document cost more than the read.
        let size = known && status.st_size > 0 ? Int(clamping: status.st_size) : 0
        if size > limit { return .over(size: size) }
        var bytes = [UInt8](repeating: 0, count: max(min(size, 1 << 26) + 1, min(4096, limit + 1)))
        var filled = 0
        // A regular file whose length fstat gave is whole once that much is read and a read fell short (a read of
        // nothing to be told so is a system call per document). Files of length 0 (those of /proc) and anything
        // else may give less before their end, and are read on until a read gives nothing.
        let knownLength = known && status.st_mode & S_IFMT == S_IFREG && size > 0 ? size : nil
        while filled <= limit {
            if filled == bytes.count { bytes.append(contentsOf: repeatElement(0, count: min(bytes.count, limit + 1 - filled))) }
            let asked = bytes.count - filled
            let count = try systemCall("read", raw.display) {
                bytes.withUnsafeMutableBytes { buffer in Glibc.read(descriptor, buffer.baseAddress.map { $0 + filled }, asked) }
            }
            if count == 0 { break }
            filled += count
            if let knownLength, count < asked, filled >= knownLength { break }
        }
        if filled > limit { return .over(size: nil) }
        bytes.removeLast(bytes.count - filled)
        return .bytes(bytes)
    }
}

/// Directory helpers.
public enum Directory {
    public static func parent(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    /// Creates `path` and its parents that are missing, with `mode` (less the umask); existing ones are left as they are.
    public static func create(_ path: String, mode: mode_t = 0o750) throws(StorageError) {
        var current = path.hasPrefix("/") ? "" : "."
        for component in path.split(separator: "/") {
            current += "/" + component
            if mkdir(current, mode) == -1 && errno != EEXIST {
                throw StorageError(function: "mkdir", path: current, errno: errno)
            }
        }
    }

    /// File names in `path`, sorted.
    public static func list(_ path: String) throws(StorageError) -> [String] {
        guard let directory = opendir(path) else { throw StorageError(function: "opendir", path: path, errno: errno) }
        defer { closedir(directory) }
        var names: [String] = []
        while let entry = readdir(directory) {
            let name = entryName(entry)
            if name != "." && name != ".." { names.append(name) }
        }
        return names.sorted()
    }

    /// Every entry below `path` (files, folders, links), as paths relative to it, in no particular order; folders
    /// are entered, links to folders are not (as `FileManager`'s enumerator does, which cost `submit` a tenth of
    /// its time), and a folder that cannot be read is passed over.
    public static func descendants(of path: String) -> [String] {
        descendants(of: PathBytes(path)).map(\.display)
    }

    /// ``descendants(of:)`` with the names as the system's bytes, which need not be UTF-8 (see ``PathBytes``).
    public static func descendants(of root: PathBytes) -> [PathBytes] {
        var found: [PathBytes] = []
        _ = walk(root) { found.append($0) }
        return found
    }

    /// Hands `found` every entry below `root`, as ``descendants(of:)`` finds them (one at a time, so that the caller
    /// keeps what it wants as it likes: a folder can hold millions), and returns the folders it could not open
    /// (relative to `root`, empty for `root` itself), with why: what they hold was not listed, and a caller that lists
    /// documents must say so rather than leave them out in silence (a path past `PATH_MAX`, a folder without read
    /// permission).
    public static func walk(_ root: PathBytes, found: (PathBytes) -> Void) -> [(folder: PathBytes, error: StorageError)] {
        var unreadable: [(folder: PathBytes, error: StorageError)] = []
        var pending: [PathBytes] = [PathBytes(bytes: [])]
        while let relative = pending.popLast() {
            let folder = relative.bytes.isEmpty ? root : root.appending(relative)
            guard let directory = folder.withCString({ opendir($0) }) else {
                let failure = errno
                unreadable.append((relative, StorageError(function: "opendir", path: folder.display, errno: failure)))
                continue
            }
            defer { closedir(directory) }
            while let entry = readdir(directory) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { PathBytes(bytes: $0) }
                guard name.bytes != [UInt8(ascii: ".")] && name.bytes != [UInt8(ascii: "."), UInt8(ascii: ".")] else { continue }
                let child = relative.appending(name)
                found(child)
                var isFolder = entry.pointee.d_type == UInt8(DT_DIR)
                if entry.pointee.d_type == UInt8(DT_UNKNOWN) {
                    var status = stat()
                    isFolder = root.appending(child).withCString { lstat($0, &status) } == 0 && status.st_mode & S_IFMT == S_IFDIR
                }
                if isFolder { pending.append(child) }
            }
        }
        return unreadable
    }

    private static func entryName(_ entry: UnsafeMutablePointer<dirent>) -> String {
        withUnsafeBytes(of: entry.pointee.d_name) { raw in String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self) }
    }
}
