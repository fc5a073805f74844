import IngestProtocol
import MeetingModel

extension BrokerStateMachine {
    /// A decoded message from a worker; `key` names the authenticated key it came with (CURVE), if any.
    public mutating func received(_ message: WorkerMessage, from peer: PeerID, key: String? = nil, now: Double) -> [BrokerAction] {
        var actions: [BrokerAction] = []
        if case .ready(let credit) = message {
            if workers[peer] == nil, joinedLog.admit(now: now) {
                actions.append(.log(LogLine(.info, "worker joined", ["worker": "\(peer)", "key": key ?? "none", "credit": "\(credit)", "total": "\(joinedLog.count)"])))
            }
            var worker = workers[peer] ?? Worker(key: key ?? "peer:\(peer)", credit: 0, lastSeen: now)
            worker.credit = max(0, credit - worker.jobs.count)
            worker.lastSeen = now
            workers[peer] = worker
            return actions + dispatch(now: now)
        }
        // Anything else from a worker the broker does not know (it restarted, or declared the worker dead):
        // ask it to say READY again. Its jobs, still journaled, simply run once more.
        guard workers[peer] != nil else { return [.send(.reconnect, to: peer)] }
        workers[peer]?.lastSeen = now
        switch message {
        case .ready, .heartbeat:
            break
        case .done(let id, let receipt):
            actions += done(id, receipt: receipt, from: peer, now: now)
        case .doneBatch(let documents):
            for document in documents { actions += done(document.id, receipt: document.receipt, from: peer, now: now) }
        case .hello(let features):
            actions.append(.send(.hello(features: features.filter { $0 == WorkerMessage.Feature.doneBatches }), to: peer))
        case .processed(let ids):
            for id in ids where inFlight[id]?.worker == peer { inFlight[id]?.processed = true }
        case .failed(let id, let reason):
            // Only the worker holding the job may fail it; anyone else's FAILED changes nothing and is not logged
            // beyond the rate limit.
            guard let entry = inFlight[id], entry.worker == peer else { break }
            inFlight[id] = nil
            release(entry.job, from: peer)
            if failedLog.admit(now: now) {
                actions.append(.log(LogLine(.warning, "worker failed a job", ["id": "\(id)", "reason": reason.clipped(), "total": "\(failedLog.count)"])))
            }
            actions += strike(entry.job, reason: "worker failed it: " + reason.clipped())
        case .disconnect:
            actions += removeWorker(peer, reason: "worker left", strikeSuspect: false, now: now)
        }
        return actions + dispatch(now: now)
    }

    /// A job's DONE: finished, if the aggregator's receipt checks.
    private mutating func done(_ id: DocumentID, receipt: Receipt, from peer: PeerID, now: Double) -> [BrokerAction] {
        guard verifyReceipt(id, receipt) else {
            guard receiptLog.admit(now: now) else { return [] }
            return [.log(LogLine(.warning, "ignored a DONE without the aggregator's receipt", ["id": "\(id)", "worker": "\(peer)", "total": "\(receiptLog.count)"]))]
        }
        return finish(id, reportedBy: peer, now: now)
    }

    /// Their keys were taken off the allow-list: the workers are forgotten at once (no strike, no hold-back: they
    /// did nothing wrong) and their jobs go back to the front of the queue for the workers still allowed.
    public mutating func workersRevoked(_ peers: [PeerID], now: Double) -> [BrokerAction] {
        var actions: [BrokerAction] = []
        var returning: [Returning] = []
        for peer in peers { actions += removeWorker(peer, reason: "worker key no longer allowed", strikeSuspect: false, now: now, returning: &returning) }
        return actions + putBack(returning) + dispatch(now: now)
    }

    /// The broker itself ran nothing for `seconds` (stopped, swapped out, its disk stalled): the silence of its
    /// workers over that time is its own. Each worker gets a fresh liveness window from `now`; one that goes silent
    /// within it (it gave the broker up and came back under another identity, and what its old connection had
    /// queued arrives now and tells nothing) loses its jobs without a strike or a hold-back; the jobs' timeouts do
    /// not count the time away.
    public mutating func wasAway(seconds: Double, now: Double) -> [BrokerAction] {
        guard seconds > 0, !workers.isEmpty || !inFlight.isEmpty else { return [] }
        let excusedUntil = now + settings.heartbeatInterval * (Double(settings.liveness) + 1)
        for peer in workers.keys {
            workers[peer]?.lastSeen = now
            workers[peer]?.excusedUntil = excusedUntil
        }
        for (id, entry) in inFlight { inFlight[id]?.since = min(now, entry.since + seconds) }
        return [.log(LogLine(.warning, "the broker ran nothing for a while; its workers' silence then is not held against them",
                             ["seconds": "\((seconds * 10).rounded() / 10)", "workers": "\(workers.count)"]))]
    }

    /// A message on the backend that could not be decoded.
    public mutating func malformedFromWorker(reason: String, now: Double) -> [BrokerAction] {
        logMalformed("worker", reason, now: now)
    }

    /// Time passes: workers that stopped heartbeating lose their jobs, jobs a worker sat on too long get a strike,
    /// heartbeats go out, the disk is retried, and the queue is dispatched.
    public mutating func tick(now: Double) -> [BrokerAction] {
        var actions: [BrokerAction] = []
        let deadline = settings.heartbeatInterval * Double(settings.liveness)
        var returning: [Returning] = []
        for (peer, worker) in workers where now - worker.lastSeen > deadline {
            actions += removeWorker(peer, reason: "worker stopped heartbeating", strikeSuspect: now > worker.excusedUntil, now: now, returning: &returning)
        }
        for (id, entry) in inFlight where !entry.processed && now - entry.since > settings.jobTimeout {
            inFlight[id] = nil
            release(entry.job, from: entry.worker)
            formerHolders[id, default: []].insert(entry.worker)
            returning.append(Returning(entry: entry, strike: "timed out: not extracted within \(settings.jobTimeout) s"))
        }
        actions += putBack(returning)
        if now - lastHeartbeatSent >= settings.heartbeatInterval {
            lastHeartbeatSent = now
            // Penalties long expired are forgotten, so identities that come once and go do not pile up.
            penalties = penalties.filter { now - $0.value.heldUntil < 600 }
            for peer in workers.keys { actions.append(.send(.heartbeat, to: peer)) }
        }
        let storageDue: Bool
        if case .failing(let retryAt, _) = storage { storageDue = now >= retryAt } else { storageDue = true }
        if storageDue {
            while let entry = unjournaled.popFirst() {
                batch.append(entry)
                actions.append(.journal(entry))
            }
        }
        for (id, letter) in deadLettering {
            guard let retryAt = letter.retryAt, now >= retryAt else { continue }
            deadLettering[id]?.retryAt = nil
            actions.append(.writeDeadLetter(letter.job, reason: letter.reason))
        }
        actions += dispatch(now: now)
        if batch.isEmpty, staged.isEmpty, !compacting, storage == .healthy, entriesSinceCompaction >= settings.compactAfterEntries {
            compacting = true
            actions.append(.compact)
        }
        return actions
    }

    /// The broker is stopping: compact if anything was journaled, or DUPLICATE or REJECTED answered, since the last
    /// compaction, so that a restart keeps every counter.
    public mutating func stopping() -> [BrokerAction] {
        guard batch.isEmpty, staged.isEmpty, storage == .healthy, entriesSinceCompaction > 0 || answersSinceCompaction else { return [] }
        compacting = true
        return [.compact]
    }

    /// The loop could not hand a job over: the worker is gone (no strike, the job goes back to the front), or the
    /// JOB would not fit any worker's limit (the document's own fault: dead-lettered at once).
    public mutating func jobUndeliverable(_ id: DocumentID, to peer: PeerID, reason: UndeliverableReason, now: Double) -> [BrokerAction] {
        switch reason {
        case .peerGone:
            return removeWorker(peer, reason: "worker unreachable", strikeSuspect: false, now: now) + dispatch(now: now)
        case .tooLarge(let why):
            guard var entry = inFlight.removeValue(forKey: id) else { return [] }
            release(entry.job, from: peer)
            entry.job.attempts = settings.maxAttempts - 1
            return strike(entry.job, reason: why) + dispatch(now: now)
        }
    }

    public enum UndeliverableReason: Equatable, Sendable {
        case peerGone
        case tooLarge(String)
    }

    // MARK: dead letters

    /// The dead letter is on disk: journal that the document is given up on. Returns no action when no dead letter was
    /// pending for `id`, so a caller may count the non-empty answers as dead-letterings.
    public mutating func deadLetterWritten(_ id: DocumentID, now: Double) -> [BrokerAction] {
        guard let letter = deadLettering.removeValue(forKey: id) else { return [] }
        if deadLetterError != nil {
            deadLetterError = nil
            deadLetterBackoff.reset()
        }
        counters.deadLettered += 1
        deadLettered.insert(id)
        retried.remove(id)
        batch.append(.deadLettered(id))
        return [.journal(.deadLettered(id)),
                .log(LogLine(.error, "dead-lettered a document", ["id": "\(id)", "attempts": "\(letter.job.attempts)", "reason": letter.reason]))]
    }

    /// The dead letter could not be written; the document stays pending and the write is retried with backoff. Only
    /// the dead letters wait: the journal takes new documents as before (a full disk fails it too, and says so).
    public mutating func deadLetterFailed(_ id: DocumentID, error: String, now: Double) -> [BrokerAction] {
        let delay = deadLetterBackoff.next()
        let first = deadLetterError == nil
        deadLetterError = error
        deadLettering[id]?.retryAt = now + delay
        // Each failed letter is retried; the log says so once per outage, not once per letter and retry.
        return first ? [.log(LogLine(.error, "cannot write a dead letter; will retry", ["id": "\(id)", "error": error]))] : []
    }

    // MARK: rules

    /// One failed attempt that was the document's own fault: back to the front of the queue, or dead-lettered.
    mutating func strike(_ job: QueuedJob, reason: String) -> [BrokerAction] {
        var job = job
        job.attempts += 1
        guard job.attempts >= settings.maxAttempts else {
            enqueueFront(job)
            return []
        }
        deadLettering[job.id] = (job, reason, nil)
        return [.writeDeadLetter(job, reason: reason)]
    }

    /// DONE: the aggregator stored the record. It counts only from the worker holding the job, or one that held
    /// it before it was handed on (its record, under its own ticket, may be the one stored); anyone else's DONE,
    /// or a DONE for something already done, changes nothing.
    mutating func finish(_ id: DocumentID, reportedBy peer: PeerID, now: Double) -> [BrokerAction] {
        let heldBefore = formerHolders[id]?.contains(peer) == true
        guard inFlight[id]?.worker == peer || heldBefore else { return [] }
        formerHolders[id] = nil
        if let worker = workers[peer], !worker.proven {
            // A new worker of the key finished a job: the key behaves again.
            workers[peer]?.proven = true
            penalties[worker.key] = nil
        }
        var acceptedAt: Double?
        if let entry = inFlight.removeValue(forKey: id) {
            release(entry.job, from: entry.worker)
            acceptedAt = entry.job.acceptedAt
        } else if let index = queue.firstIndex(where: { $0.id == id }) {
            let job = queue.remove(at: index)
            queuedBytes -= job.body.count
            acceptedAt = job.acceptedAt
        } else if deadLettering.removeValue(forKey: id) != nil {
            // Stored while its dead letter waited for the folder: it is done after all, and with no letter left
            // waiting, nothing is kept from being written.
            if deadLettering.isEmpty {
                deadLetterError = nil
                deadLetterBackoff.reset()
            }
        } else if deadLettered.remove(id) != nil {
            counters.deadLettered -= 1
            counters.done += 1
            batch.append(.done(id))
            return [.journal(.done(id)), .removeDeadLetter(id), .log(LogLine(.warning, "a dead-lettered document was stored after all", ["id": "\(id)"]))]
        } else {
            return []
        }
        counters.done += 1
        batch.append(.done(id))
        var actions: [BrokerAction] = [.journal(.done(id)), .finished(id, secondsSinceAccepted: acceptedAt.map { now - $0 })]
        if retried.remove(id) != nil { actions.append(.removeDeadLetter(id)) }
        return actions
    }

    func isHeldBack(_ worker: Worker, now: Double) -> Bool {
        guard let penalty = penalties[worker.key] else { return false }
        return !worker.proven && now < penalty.heldUntil
    }

    mutating func release(_ job: QueuedJob, from peer: PeerID) {
        guard workers[peer]?.jobs.remove(job.id) != nil else { return }
        workers[peer]?.credit += 1
        workers[peer]?.heldBytes -= job.body.count
    }

    mutating func enqueueFront(_ job: QueuedJob) {
        queue.prepend(job)
        queuedBytes += job.body.count
    }

    /// Forgets a worker and hands its jobs back (see ``putBack(_:)``). When it died (`strikeSuspect`), the job it was
    /// extracting may be what killed it: that one gets a strike; jobs already extracted, or waiting behind it, do not;
    /// and its key is held back from new jobs for a while that doubles each time (a worker that takes jobs and
    /// vanishes, again and again, cannot starve the others).
    mutating func removeWorker(_ peer: PeerID, reason: String, strikeSuspect: Bool, now: Double) -> [BrokerAction] {
        var returning: [Returning] = []
        let actions = removeWorker(peer, reason: reason, strikeSuspect: strikeSuspect, now: now, returning: &returning)
        return actions + putBack(returning)
    }

    /// ``removeWorker(_:reason:strikeSuspect:now:)``, its jobs added to `returning` for the caller to put back with
    /// others that go back at the same moment.
    mutating func removeWorker(_ peer: PeerID, reason: String, strikeSuspect: Bool, now: Double, returning: inout [Returning]) -> [BrokerAction] {
        guard let worker = workers.removeValue(forKey: peer) else { return [] }
        var actions: [BrokerAction] = []
        if leftLog.admit(now: now) {
            actions.append(.log(LogLine(.warning, reason + "; re-queueing its jobs", ["worker": "\(peer)", "jobs": "\(worker.jobs.count)", "total": "\(leftLog.count)"])))
        }
        let jobs = worker.jobs.compactMap { inFlight.removeValue(forKey: $0) }.sorted(by: InFlight.older)
        let suspect = strikeSuspect ? jobs.first(where: { !$0.processed })?.job.id : nil
        if suspect != nil {
            var penalty = penalties[worker.key] ?? Penalty(count: 0, heldUntil: now)
            penalty.count += 1
            let hold = min(settings.maximumHoldBack, settings.heartbeatInterval * Double(1 << min(penalty.count, 16)))
            penalty.heldUntil = now + hold
            penalties[worker.key] = penalty
            if heldBackLog.admit(now: now) {
                actions.append(.log(LogLine(.warning, "holding back a worker key that took jobs and vanished",
                                            ["key": worker.key, "times": "\(penalty.count)", "seconds": "\(hold)"])))
            }
        }
        for entry in jobs {
            formerHolders[entry.job.id, default: []].insert(peer)
            returning.append(Returning(entry: entry, strike: entry.job.id == suspect ? "a worker died while extracting it" : nil))
        }
        return actions
    }

    /// An in-flight job on its way back to the queue, struck (with the reason) or not.
    struct Returning {
        let entry: InFlight
        let strike: String?
    }

    /// Puts jobs that left the workers at one moment back at the front of the queue in the order they were handed
    /// out, the oldest first, whichever worker held them; a struck one counts an attempt and may be dead-lettered
    /// instead. (Put back one by one in the order found, they would come back in a Dictionary's order.)
    mutating func putBack(_ returning: [Returning]) -> [BrokerAction] {
        var actions: [BrokerAction] = []
        for back in returning.sorted(by: { InFlight.older($0.entry, $1.entry) }).reversed() {
            if let reason = back.strike {
                actions += strike(back.entry.job, reason: reason)
            } else {
                enqueueFront(back.entry.job)
            }
        }
        return actions
    }

    /// Hands queued jobs to the workers with the most credit, passing over keys held back and workers whose
    /// held text would pass ``BrokerSettings/workerBytes`` (a worker holding nothing takes any job).
    mutating func dispatch(now: Double) -> [BrokerAction] {
        var actions: [BrokerAction] = []
        while let next = queue.first {
            let bytes = next.body.count
            let eligible = workers.filter { entry in
                entry.value.credit > 0 && !isHeldBack(entry.value, now: now)
                    && (entry.value.jobs.isEmpty || entry.value.heldBytes + bytes <= settings.workerBytes)
            }
            // Ties go to the lowest routing id, not to a Dictionary's order, so the same events give the same dispatch.
            guard let (peer, _) = eligible.max(by: { first, second in
                      first.value.credit != second.value.credit ? first.value.credit < second.value.credit
                          : second.key.bytes.lexicographicallyPrecedes(first.key.bytes)
                  }),
                  let job = queue.popFirst() else { break }
            queuedBytes -= bytes
            workers[peer]?.credit -= 1
            workers[peer]?.heldBytes += bytes
            workers[peer]?.jobs.insert(job.id)
            dispatchedCount &+= 1
            inFlight[job.id] = InFlight(job: job, worker: peer, since: now, dispatched: dispatchedCount)
            actions.append(.dispatch(job, to: peer))
        }
        return actions
    }
}
