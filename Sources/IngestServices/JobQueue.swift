import IngestProtocol

/// The broker's FIFO of jobs, with cheap removal from the front and re-queueing at the front.
struct JobQueue {
    private var jobs: [Job] = []
    private var head = 0
    private var front: [Job] = []

    var count: Int { jobs.count - head + front.count }
    var isEmpty: Bool { count == 0 }
    /// The UTF-8 size of every queued body, for the broker's memory bound.
    private(set) var bytes = 0

    mutating func append(_ job: Job) {
        jobs.append(job)
        bytes += job.body.utf8.count
    }

    /// Puts a job back at the front (a re-delivery goes before new work).
    mutating func prepend(_ job: Job) {
        front.append(job)
        bytes += job.body.utf8.count
    }

    mutating func removeFirst() -> Job {
        let job = takeFirst()
        bytes -= job.body.utf8.count
        return job
    }

    private mutating func takeFirst() -> Job {
        if let job = front.popLast() { return job }
        let job = jobs[head]
        head += 1
        if head > 1024 && head * 2 > jobs.count {
            jobs.removeFirst(head)
            head = 0
        }
        return job
    }

    /// Drops a queued job that turned out to be done already; false when it was not queued.
    @discardableResult
    mutating func remove(_ id: DocumentID) -> Bool {
        if let index = front.firstIndex(where: { $0.id == id }) {
            bytes -= front.remove(at: index).body.utf8.count
            return true
        }
        if let index = jobs[head...].firstIndex(where: { $0.id == id }) {
            bytes -= jobs.remove(at: index).body.utf8.count
            return true
        }
        return false
    }

    /// Every queued job, front first.
    var all: [Job] { front.reversed() + jobs[head...] }
}
