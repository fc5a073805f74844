import Logging
import Synchronization

/// The allow-lists as they are now, shared by a daemon's loop (who sent a message) and its ZAP thread (who may
/// connect): read again, once, by whichever of them first looks after a SIGHUP (``ReloadSignal``).
final class LiveAllowList: Sendable {
    private struct State {
        var list: AllowList
        /// The ``ReloadSignal`` generation the list was read at.
        var generation: Int
        /// How many times the list was read again.
        var reloads = 0
    }

    private let keys: KeyFiles
    private let logger: Logger
    private let state: Mutex<State>

    init(keys: KeyFiles, logger: Logger) {
        self.keys = keys
        self.logger = logger
        let list = AllowList(keys: keys)
        state = Mutex(State(list: list, generation: ReloadSignal.shared.generation))
        Self.report(list, keys: keys, logger: logger)
    }

    /// `body` over the list as it is now (read again first if a SIGHUP came since).
    func withCurrent<Result>(_ body: (AllowList) -> Result) -> Result {
        state.withLock { state in
            refresh(&state)
            return body(state.list)
        }
    }

    /// How many times the list was read again, after reading it again if a SIGHUP came since the last look.
    func reloadCount() -> Int {
        state.withLock { state in
            refresh(&state)
            return state.reloads
        }
    }

    private func refresh(_ state: inout State) {
        let current = ReloadSignal.shared.generation
        guard current != state.generation else { return }
        state.generation = current
        state.list = AllowList(keys: keys)
        state.reloads += 1
        logger.info("re-read the allow-lists")
        Self.report(state.list, keys: keys, logger: logger)
    }

    private static func report(_ list: AllowList, keys: KeyFiles, logger: Logger) {
        logger.info("CURVE on; keys allowed", metadata: ["keys": "\(list.count)", "directory": "\(keys.directory)"])
        for (path, reason) in list.skipped { logger.warning("skipped an allow-list file", metadata: ["path": "\(path)", "reason": "\(reason)"]) }
    }
}
