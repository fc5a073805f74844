#if canImport(Glibc)
import Glibc
#endif

/// A daemon's open-file limit. Every connection a peer opens costs the daemon a descriptor, and a soft limit of
/// 1,024 (Debian's default) lets a local stranger holding a thousand idle connections leave it none to accept a
/// producer with, or to open a snapshot or a journal segment. The soft limit is raised to the hard one at start, as
/// servers do, so that the same stranger needs as many connections as the administrator allows a process.
public enum OpenFileLimit {
    public struct Raise: Sendable, Equatable {
        public let from: UInt64
        public let to: UInt64
    }

    /// The most a raise asks for: Linux refuses a soft limit above `fs.nr_open` (1,048,576 by default), and a hard
    /// limit of "unlimited" would otherwise ask for that.
    static let ceiling: UInt64 = 1 << 20

    /// The soft limit now, nil when it cannot be read.
    public static var current: UInt64? {
        var limit = rlimit()
        guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0 else { return nil }
        return UInt64(limit.rlim_cur)
    }

    /// Raises the soft limit to the hard one (at most ``ceiling``); the raise made, or nil when none was needed or
    /// the system refused it (the daemon then runs with the limit it had).
    @discardableResult
    public static func raiseToHardLimit() -> Raise? {
        var limit = rlimit()
        guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0 else { return nil }
        let wanted = min(UInt64(limit.rlim_max), ceiling)
        let current = UInt64(limit.rlim_cur)
        guard wanted > current else { return nil }
        limit.rlim_cur = rlim_t(wanted)
        guard setrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0 else { return nil }
        return Raise(from: current, to: wanted)
    }
}
