import Foundation

/// Standard output and standard error written with `write(2)`: `FileHandle.write` traps on a full disk or a closed
/// reader (a crash dump instead of a line), and `print` loses what it buffered in silence. A failed write to
/// standard output ends the command with one line and exit 1; one to standard error is let go (there is nowhere
/// left to say it).
enum StandardStreams {
    /// glibc's `stdout` (where `print` writes), found by its symbol: Swift 6 refuses the C global itself as shared
    /// mutable state, though it is never reassigned and stdio locks the stream on every call. `RTLD_DEFAULT` is 0.
    private static var printStream: UnsafeMutablePointer<FILE>? {
        dlsym(UnsafeMutableRawPointer(bitPattern: 0), "stdout")?.load(as: UnsafeMutablePointer<FILE>?.self)
    }


    /// Writes `bytes` whole to standard output, or says why it cannot and exits 1.
    static func writeOutput(_ bytes: [UInt8]) {
        if let error = write(bytes, to: STDOUT_FILENO) { failedOutput(error) }
    }

    static func writeError(_ bytes: [UInt8]) {
        _ = write(bytes, to: STDERR_FILENO)
    }

    /// After the command: what `print` left buffered is written now, and a failure said (exit 1), not lost.
    static func finishOutput() {
        guard let stream = printStream else { return }
        if fflush(stream) != 0 || ferror(stream) != 0 { failedOutput(errno == 0 ? EIO : errno) }
    }

    /// Standard input up to `limit` bytes (stopping there: a device or a pipe that never ends cannot take the memory),
    /// or an error saying why it cannot be read (closed, a folder) instead of the trap `FileHandle` makes of that.
    static func readInput(atMost limit: Int) throws -> [UInt8] {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while bytes.count < limit {
            let asked = min(chunk.count, limit - bytes.count)
            let count = chunk.withUnsafeMutableBytes { Glibc.read(STDIN_FILENO, $0.baseAddress, asked) }
            if count < 0 {
                if errno == EINTR { continue }
                throw CommandFailure("cannot read standard input: \(String(cString: strerror(errno))) (errno \(errno))")
            }
            if count == 0 { break }
            bytes += chunk[0..<count]
        }
        return bytes
    }

    /// The errno of the write that failed, nil when every byte was written.
    private static func write(_ bytes: [UInt8], to descriptor: Int32) -> Int32? {
        // What `print` buffered goes first, so that the order holds.
        if descriptor == STDOUT_FILENO, let stream = printStream, fflush(stream) != 0 { return errno }
        return bytes.withUnsafeBytes { buffer -> Int32? in
            var offset = 0
            while offset < buffer.count {
                let written = Glibc.write(descriptor, buffer.baseAddress.map { $0 + offset }, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                offset += written
            }
            return nil
        }
    }

    private static func failedOutput(_ error: Int32) -> Never {
        writeError(Array("Error: cannot write standard output: \(String(cString: strerror(error))) (errno \(error))\n".utf8))
        exit(1)
    }
}
