import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// strace, for tests that attack a promise about system calls (an `fsync` before an answer, a sync off the writer's
/// thread), which only the calls themselves show.
public enum SystemCallTrace {
    public static let strace = "/usr/bin/strace"

    /// Whether strace is here and may attach to a process that is not its child (a container without
    /// CAP_SYS_PTRACE may not): it attaches to a sleeping process for a second, which only an attach that held lasts.
    public static let canAttach: Bool = {
        guard FileManager.default.isExecutableFile(atPath: strace) else { return false }
        let sleeper = Process()
        sleeper.executableURL = URL(fileURLWithPath: "/bin/sleep")
        sleeper.arguments = ["10"]
        guard (try? sleeper.run()) != nil else { return false }
        defer {
            kill(sleeper.processIdentifier, SIGKILL)
            sleeper.waitUntilExit()
        }
        // Killed when the second is up (timeout passes the SIGKILL on to itself, which Process reports as 9), as
        // strace may not see a SIGTERM; a refused attach exits 1 at once.
        let attach = Process()
        attach.executableURL = URL(fileURLWithPath: "/usr/bin/timeout")
        attach.arguments = ["-s", "KILL", "1", strace, "-qq", "-o", "/dev/null", "-e", "trace=none", "-p", "\(sleeper.processIdentifier)"]
        attach.standardOutput = FileHandle.nullDevice
        attach.standardError = FileHandle.nullDevice
        guard (try? attach.run()) != nil else { return false }
        attach.waitUntilExit()
        let status = attach.terminationStatus
        return status == SIGKILL || status == 128 + SIGKILL
    }()

    public struct AttachFailed: Error, CustomStringConvertible {
        public let description: String
    }

    /// The `calls` (strace's `trace=` list) the calling thread makes while `body` runs, one line each, with every file
    /// descriptor followed by its path (`fdatasync(5</tmp/x/records.sqlite>) = 0`).
    public static func calls(_ calls: String, in directory: String, madeDuring body: () throws -> Void) throws -> [String] {
        let output = directory + "/strace-\(UUID().uuidString).out"
        let log = output + ".log"
        _ = FileManager.default.createFile(atPath: log, contents: nil)
        let tracer = Process()
        tracer.executableURL = URL(fileURLWithPath: strace)
        // `/proc/thread-self` is `PID/task/TID` of the thread that reads it (Glibc's module shows no `gettid`).
        let thread = try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/thread-self").split(separator: "/").last.map(String.init) ?? ""
        tracer.arguments = ["-y", "-o", output, "-e", "trace=" + calls, "-p", thread]
        tracer.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
        try tracer.run()
        // SIGKILL, not SIGTERM: strace started from a test inherits the runner's blocked signals. The kernel detaches
        // this thread when its tracer dies, and it runs on as before.
        defer {
            if tracer.isRunning { kill(tracer.processIdentifier, SIGKILL) }
            tracer.waitUntilExit()
        }
        // "Process N attached": strace says so once it holds the thread.
        let deadline = Date(timeIntervalSinceNow: 10)
        while !((try? String(contentsOfFile: log, encoding: .utf8)) ?? "").contains(" attached") {
            guard tracer.isRunning, Date() < deadline else {
                throw AttachFailed(description: "strace could not attach: \((try? String(contentsOfFile: log, encoding: .utf8)) ?? "")")
            }
            usleep(10_000)
        }
        try body()
        kill(tracer.processIdentifier, SIGKILL)
        tracer.waitUntilExit()
        return ((try? String(contentsOfFile: output, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
    }
}
