import Foundation
import Synchronization

/// Standard output and standard error written with `write(2)`: `FileHandle.write` traps on a full disk or a closed
/// reader (a crash dump instead of a line), and `print` loses what it buffered in silence. A failed write to
/// standard output ends the command with one line and exit 1; one to standard error is let go (there is nowhere
/// left to say it).
enum StandardStreams {
    /// Descriptors 0 to 2 the command was started without (`<&-`), found by ``guardClosedDescriptors()``.
    private static let closedAtStart = Mutex<Set<Int32>>([])

    /// glibc's `stdout` (where `print` writes), kept as its address: Swift 6 refuses the C global itself as shared
    /// mutable state, though it is never reassigned and stdio locks the stream on every call. Found by its symbol
    /// once (`RTLD_DEFAULT` is 0).
    private static let printStreamAddress: Int? = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "stdout")
        .flatMap { $0.load(as: UnsafeMutablePointer<FILE>?.self) }
        .map { Int(bitPattern: $0) }

    private static var printStream: UnsafeMutablePointer<FILE>? { printStreamAddress.flatMap { UnsafeMutablePointer(bitPattern: $0) } }

    /// Puts /dev/null on any of descriptors 0 to 2 the command was started without, before anything opens a file
    /// or a socket: the next descriptor opened would otherwise take the number, and output meant for standard output
    /// would go into a ZeroMQ socket. Reading a closed standard input is then an error that says so.
    static func guardClosedDescriptors() {
        for descriptor in STDIN_FILENO...STDERR_FILENO where fcntl(descriptor, F_GETFD) == -1 && errno == EBADF {
            let placeholder = open("/dev/null", descriptor == STDIN_FILENO ? O_RDONLY : O_WRONLY)
            if placeholder >= 0, placeholder != descriptor {
                _ = dup2(placeholder, descriptor)
                close(placeholder)
            }
            closedAtStart.withLock { _ = $0.insert(descriptor) }
        }
        // `print` and the log write through stdio, which gives up on a descriptor left non-blocking when its reader is
        // slow (EAGAIN): made blocking again, so that they wait as a terminal or a file would make them.
        for descriptor in [STDOUT_FILENO, STDERR_FILENO] {
            let flags = fcntl(descriptor, F_GETFL)
            if flags >= 0, flags & O_NONBLOCK != 0 { _ = fcntl(descriptor, F_SETFL, flags & ~O_NONBLOCK) }
        }
    }

    /// For a command whose output is the point (every one but the daemons): started with standard output closed, it
    /// says so and exits 1 before doing anything, rather than work and print into nothing.
    static func requireOutput() {
        if closedAtStart.withLock({ $0.contains(STDOUT_FILENO) }) { failedOutput("it is closed") }
    }

    /// Writes `bytes` whole to standard output, or says why it cannot and exits 1.
    static func writeOutput(_ bytes: [UInt8]) {
        if closedAtStart.withLock({ $0.contains(STDOUT_FILENO) }) { failedOutput("it is closed") }
        if let error = write(bytes, to: STDOUT_FILENO) { failedOutput(error) }
    }

    /// Writes `bytes` to standard error after what `print` buffered for standard output, so that on one terminal or
    /// file the order holds.
    static func writeError(_ bytes: [UInt8]) {
        if let stream = printStream { fflush(stream) }
        _ = write(bytes, to: STDERR_FILENO)
    }

    /// What `print` left buffered is written now, and a failure said (exit 1), not lost: after every command, and by
    /// a command that refreshes its output (`status --watch`) after each refresh.
    /// `note` ends the error line, to say where the output can still be found.
    static func flushPrinted(note: String? = nil) {
        guard let stream = printStream else { return }
        let flushed = fflush(stream)
        let error = errno
        let ending = note.map { "; " + $0 } ?? ""
        if flushed != 0 { failedOutput(error, ending) }
        // A write that failed earlier, its buffer dropped: nothing left to flush, but the stream remembers.
        if ferror(stream) != 0 { failedOutput("an earlier write failed" + ending) }
    }

    /// Standard input up to `limit` bytes (stopping there: a device or a pipe that never ends cannot take the memory),
    /// or an error saying why it cannot be read (closed, a folder) instead of the trap `FileHandle` makes of that.
    static func readInput(atMost limit: Int) throws -> [UInt8] {
        if closedAtStart.withLock({ $0.contains(STDIN_FILENO) }) { throw CommandFailure("cannot read standard input: it is closed") }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while bytes.count < limit {
            let asked = min(chunk.count, limit - bytes.count)
            let count = chunk.withUnsafeMutableBytes { Glibc.read(STDIN_FILENO, $0.baseAddress, asked) }
            let error = errno
            if count < 0 {
                if error == EINTR { continue }
                if error == EAGAIN || error == EWOULDBLOCK { waitUntilReady(STDIN_FILENO, for: Int16(POLLIN)); continue }
                throw CommandFailure("cannot read standard input: \(String(cString: strerror(error))) (errno \(error))")
            }
            if count == 0 { break }
            bytes += chunk[0..<count]
        }
        return bytes
    }

    /// The errno of the write that failed, nil when every byte was written. A descriptor its parent left
    /// non-blocking is waited on, not given up.
    private static func write(_ bytes: [UInt8], to descriptor: Int32) -> Int32? {
        if descriptor == STDOUT_FILENO, let stream = printStream, fflush(stream) != 0 { return errno }
        return bytes.withUnsafeBytes { buffer -> Int32? in
            var offset = 0
            while offset < buffer.count {
                let written = Glibc.write(descriptor, buffer.baseAddress.map { $0 + offset }, buffer.count - offset)
                let error = errno
                if written < 0 {
                    if error == EINTR { continue }
                    if error == EAGAIN || error == EWOULDBLOCK { waitUntilReady(descriptor, for: Int16(POLLOUT)); continue }
                    return error
                }
                if written == 0 { return EIO }
                offset += written
            }
            return nil
        }
    }

    private static func waitUntilReady(_ descriptor: Int32, for events: Int16) {
        var entry = pollfd(fd: descriptor, events: events, revents: 0)
        _ = poll(&entry, 1, -1)
    }

    private static func failedOutput(_ error: Int32, _ ending: String = "") -> Never {
        failedOutput("\(String(cString: strerror(error))) (errno \(error))" + ending)
    }

    /// Says why standard output cannot be written and ends the process at once: it may be an extracting thread that
    /// finds out, and exit's handlers would run under the others still at work.
    private static func failedOutput(_ reason: String) -> Never {
        _ = write(Array("Error: cannot write standard output: \(reason)\n".utf8), to: STDERR_FILENO)
        _exit(1)
    }
}
