import MeetingModel

/// Recovery: the journal replayed, oldest first, before the broker serves; then what was pending queued again.
extension BrokerStateMachine {
    /// Feeds one journal entry, oldest first, before the broker serves. The entries after a compaction's counters
    /// count toward the next one (with the image's own pending jobs and dead letters, a few more than were appended;
    /// its lists of known ids not), so that a broker restarted often still compacts: counted from zero at each start,
    /// a journal killed just short of the threshold kept growing past it.
    public mutating func replay(_ entry: BrokerJournalEntry) {
        switch entry {
        case .counters: entriesSinceCompaction = 0
        case .known: break
        default: entriesSinceCompaction += 1
        }
        switch entry {
        case .accepted(let job):
            guard known.insert(job.id).inserted else { return }
            recoveringPending[job.id] = job
        case .done(let id):
            if recoveringPending.removeValue(forKey: id) != nil {
                counters.done += 1
                if retried.remove(id) != nil { retriedDoneInReplay.append(id) }
            } else if deadLettered.remove(id) != nil {
                counters.done += 1
                counters.deadLettered -= 1
            }
        case .deadLettered(let id):
            if recoveringPending.removeValue(forKey: id) != nil {
                counters.deadLettered += 1
                deadLettered.insert(id)
                retried.remove(id)
            } else if known.contains(id) {
                // A compacted journal's list: the counters already count it.
                deadLettered.insert(id)
            }
        case .retried(let job):
            known.insert(job.id)
            recoveringPending[job.id] = job
            retried.insert(job.id)
            if deadLettered.remove(job.id) != nil { counters.deadLettered -= 1 }
        case .known(let ids):
            known.formUnion(ids)
        case .counters(let saved):
            counters = saved
        case .origins(let origins):
            recoveredOrigins.append(origins)
        }
    }

    /// Ends recovery: what was accepted and not finished is queued again, oldest first; the journaled acceptances'
    /// producers are remembered as if they had been accepted `now`.
    public mutating func finishRecovery(now: Double) -> [BrokerAction] {
        // Every id ever accepted stays known (a compaction keeps them all), so the two counts agree.
        counters.accepted = known.count
        for origins in recoveredOrigins {
            for id in origins.ids where known.contains(id) { recentAcceptances.record(id, from: origins.producer, now: now) }
        }
        recoveredOrigins = []
        for job in recoveringPending.values {
            queue.append(job)
            queuedBytes += job.body.count
        }
        let count = recoveringPending.count
        recoveringPending = [:]
        var actions = retriedDoneInReplay.map { BrokerAction.removeDeadLetter($0) }
        retriedDoneInReplay = []
        guard count > 0 else { return actions }
        actions.append(.log(LogLine(.info, "re-queued documents accepted before a restart", ["count": "\(count)"])))
        return actions
    }
}
