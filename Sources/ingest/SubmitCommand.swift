import ArgumentParser
import DeliveryRules
import Foundation
import IngestConfig
import IngestProtocol
import IngestServices
import MeetingModel

struct SubmitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "submit",
        abstract: "Submit documents to the broker and wait for each to be accepted.",
        discussion: "Ends with `submitted N accepted A duplicate D rejected R`; exits non-zero if anything was rejected or never acknowledged.")

    @OptionGroup var options: CommonOptions

    @Argument(help: "Files, folders (recursively, *.txt and *.md), or - for standard input.")
    var paths: [String]

    @Option(help: "Publication date YYYY-MM-DD, for the meeting's year when the text does not give it.")
    var published: String?

    @Flag(help: "Also wait until the aggregator has applied every accepted document.")
    var wait = false

    @Flag(help: "Send documents the broker already knows through again (one at a time), for those `salvage-records` names as not counted; the aggregator still applies each id once.")
    var again = false

    @Option(help: "How long --wait waits, in seconds.")
    var waitTimeout: Double = 600

    /// Scripts/benchmark-cluster.sh's latency at half load: documents per second, sent in slices every 10 ms.
    @Option(name: .customLong("benchmark-rate"), help: .hidden)
    var benchmarkRate: Double?

    /// Scripts/benchmark-cluster.sh: `id<TAB>unix seconds` of each document's first send, for latencies.
    @Option(name: .customLong("benchmark-timings"), help: .hidden)
    var benchmarkTimings: String?

    func validate() throws {
        guard waitTimeout > 0, waitTimeout <= 7 * 86_400 else { throw ValidationError("--wait-timeout must be more than 0 and at most 604800 seconds, got \(waitTimeout)") }
        if let published, !MetadataRules.isCalendarDate(published) { throw ValidationError("--published must be YYYY-MM-DD, got \(published)") }
        if let benchmarkRate, !(benchmarkRate >= 1 && benchmarkRate <= 1_000_000) { throw ValidationError("--benchmark-rate must be between 1 and 1000000") }
    }

    func run() async throws {
        let config = try options.loadConfig()
        let logger = options.makeLogger(label: "ingest.submit")
        let brokerFeatures = try checkBroker(config)
        let sources = try DocumentSources.list(paths)
        let submitter = try Submitter(config: config, logger: logger)
        submitter.namesProducer = brokerFeatures.contains(BrokerStatus.Feature.producerNames)
        var tally = SubmitTally()
        let progress = ProgressLine(label: "submitted", total: sources.count)
        var pacing = Pacing(rate: benchmarkRate)
        // A chunk at a time, sent and answered before the next is sent; the next is read and identified meanwhile, on
        // a thread of its own.
        let limit = config.maxDocumentBytes
        let published = published
        let reading = ChunkReading(DocumentChunks(sources) { try $0.read(atMost: limit) })
        let chunks = ReadAhead<[PreparedDocument]>(named: "submit-reading") { reading.next(published: published) }
        defer { chunks.stop() }
        // With --again, the ids sent in earlier chunks: a second copy of a text is a duplicate, as it is within a
        // chunk, not a RETRY that would run a finished document once more.
        var sentAgainBefore = Set<DocumentID>()
        // What --wait asks the aggregator about at the end, in the order answered (each chunk's accepted, then its
        // duplicates); the tally only counts them.
        var awaited = PackedDocumentIDs()
        if wait { awaited.reserveCapacity(sources.count) }
        func add(_ chunkOutcome: SubmitOutcome) {
            if wait { for id in chunkOutcome.accepted + chunkOutcome.duplicates { awaited.append(id) } }
            tally.add(chunkOutcome)
        }
        while let chunk = chunks.next() {
            var submissions: [Submission] = []
            for document in chunk {
                switch document {
                case .submission(let submission): submissions.append(submission)
                case .unreadable(let source, let reason): tally.addUnreadable(source, reason: reason)
                }
            }
            var fresh = submissions
            if again {
                let (sentAgain, unknown) = try sendAgain(submissions, config: config, taken: &sentAgainBefore)
                add(sentAgain)
                fresh = unknown
            }
            let handled = tally.submitted
            submitter.onProgress = { done, _ in progress.update(handled + done) }
            let submitted = try submitPaced(fresh, with: submitter, pacing: &pacing)
            // Sent as new documents, these are known now: a copy in a later chunk is a duplicate, not a RETRY.
            if again { sentAgainBefore.formUnion(submitted.accepted + submitted.duplicates) }
            add(submitted)
            progress.update(tally.submitted)
        }
        try writeTimings(pacing.timings)
        progress.finish()
        for rejection in tally.rejected { printError("rejected \(rejection.source): \(rejection.reason)") }
        for source in tally.unacknowledged { printError("never acknowledged: \(source)") }
        var waited = Submitter.WaitOutcome(missing: 0, deadLettered: 0)
        if wait {
            let applied = ProgressLine(label: "applied", total: awaited.count)
            waited = try submitter.waitUntilApplied(awaited, timeout: waitTimeout,
                                                    asksBroker: brokerFeatures.contains(BrokerStatus.Feature.deadLetteredQuestion)) { done, _ in
                applied.update(done)
            }
            applied.finish()
            // Counted as sent: a text in three files that is not applied is three.
            if waited.deadLettered > 0 {
                printError("\(waited.deadLettered) of the \(awaited.count) documents accepted or answered DUPLICATE were dead-lettered by the broker "
                           + "(`ingest deadletter list` says why; `ingest deadletter retry` sends them again)")
            }
            if waited.missing > 0 {
                printError("\(waited.missing) of the \(awaited.count) documents accepted or answered DUPLICATE not applied within \(Int(waitTimeout)) s")
            }
        }
        print(tally.summary)
        if !tally.rejected.isEmpty || !tally.unacknowledged.isEmpty || waited.missing > 0 || waited.deadLettered > 0 { throw ExitCode(1) }
    }
}

extension SubmitCommand {
    /// What `--benchmark-rate` paces against: the documents sent so far and when the first went; and, for
    /// `--benchmark-timings`, when each was first sent.
    struct Pacing {
        let rate: Double?
        var started: Date?
        /// When the last chunk was answered: reading the next one does not count against the rate.
        var pausedAt: Date?
        var sent = 0
        var timings: [(DocumentID, Double)] = []
    }

    /// A document's submission: its id is the SHA-256 of its canonical text (of its bytes, if they are not UTF-8, so
    /// that its REJECTED can be matched to it).
    static func submission(_ bytes: [UInt8], source: String, published: String?) -> Submission {
        // Checked in place: making a String of the text only to hash its bytes cost a fifth of the reading thread.
        let identity = bytes.withUnsafeBufferPointer { UTF8Check.isValid($0) ? DocumentIdentity.id(validUTF8: $0) : nil }
            ?? DocumentIdentity.id(for: "invalid-utf8:" + bytes.map { String($0) }.joined(separator: ","))
        return Submission(id: identity, source: source, metadata: DocumentMetadata(published: published, source: source), body: bytes)
    }

    /// Submits a chunk at once, or with `--benchmark-rate` a slice every 10 ms (paced over the whole run).
    func submitPaced(_ submissions: [Submission], with submitter: Submitter, pacing: inout Pacing) throws -> SubmitOutcome {
        let slice = pacing.rate.map { max(1, Int($0 / 100)) } ?? max(1, submissions.count)
        var outcome = SubmitOutcome()
        var started = pacing.started ?? Date()
        if let pausedAt = pacing.pausedAt { started += Date().timeIntervalSince(pausedAt) }
        pacing.started = started
        defer { pacing.pausedAt = Date() }
        for piece in submissions.slices(of: slice) {
            if let rate = pacing.rate {
                let wait = Double(pacing.sent) / rate - Date().timeIntervalSince(started)
                if wait > 0 { Thread.sleep(forTimeInterval: wait) }
            }
            let part = Array(piece)
            pacing.sent += part.count
            if benchmarkTimings != nil {
                let sent = Date().timeIntervalSince1970
                pacing.timings += part.map { ($0.id, sent) }
            }
            outcome.add(try submitter.submit(part))
        }
        return outcome
    }

    private func writeTimings(_ timings: [(DocumentID, Double)]) throws {
        guard let benchmarkTimings else { return }
        let lines = timings.map { "\($0.0)\t\(String(format: "%.6f", $0.1))\n" }.joined()
        try Data(lines.utf8).write(to: URL(fileURLWithPath: benchmarkTimings))
    }

    /// `--again`: each document as a RETRY, one at a time, which the broker queues again even though it knows the id
    /// (the aggregator answers one it has stored without applying it twice). Returns what the broker took, and the
    /// documents it never saw, to be submitted as usual. A copy of a text the broker took in this run (`taken`:
    /// ACCEPTED, or still pending) is a duplicate, not a second RETRY that would run it again; a copy of one it
    /// refused is sent.
    func sendAgain(_ submissions: [Submission], config: ClusterConfig, taken: inout Set<DocumentID>) throws -> (SubmitOutcome, [Submission]) {
        let client = StatusClient(config: config, timeoutMilliseconds: 5000)
        var outcome = SubmitOutcome()
        var unknown: [Submission] = []
        var unknownIDs = Set<DocumentID>()
        for submission in submissions {
            if taken.contains(submission.id) {
                outcome.submitted += 1
                outcome.duplicates.append(submission.id)
                continue
            }
            if unknownIDs.contains(submission.id) {
                // A copy of a text the broker never saw: submitted with it, the broker answers it DUPLICATE.
                unknown.append(submission)
                continue
            }
            // Resent on silence (a resend of one already queued answers that it is pending) and backed off on BUSY,
            // as `submit` does.
            let reply = try client.retryBackingOff(id: submission.id, metadata: submission.metadata, body: submission.body,
                                                   attempts: max(20, config.submitRetries), resendOnSilence: true)
            if case .rejected(_, BrokerStateMachine.neverAccepted)? = reply {
                unknown.append(submission)
                unknownIDs.insert(submission.id)
                continue
            }
            outcome.submitted += 1
            switch reply {
            case .accepted?:
                outcome.accepted.append(submission.id)
                taken.insert(submission.id)
            case .rejected(_, BrokerStateMachine.stillPending)?:
                outcome.duplicates.append(submission.id)
                taken.insert(submission.id)
            case .rejected(_, let reason)?:
                outcome.rejected.append((submission.source, reason))
            case .error(let reason)?:
                throw BrokerRefusal(endpoint: config.frontend, reason: reason)
            default:
                outcome.unacknowledged.append(submission.source)
            }
        }
        return (outcome, unknown)
    }

    /// How long `submit` waits for the broker's STATUS before it gives up on one that never took the connection: the
    /// whole check stays under 3 s.
    static let brokerCheckMilliseconds = 2000
    /// How much longer a broker that took the connection is given: its loop may be held up by a slow `fsync`.
    static let busyBrokerMilliseconds = 30_000

    /// Fails at once, naming the endpoint, when no broker answers STATUS (rather than resending for a
    /// minute), and warns when it answers with no live worker to take the documents. Returns the features the broker
    /// takes.
    func checkBroker(_ config: ClusterConfig) throws -> [String] {
        let frontend = config.frontend
        let busy = StatusClient.BusyPatience(milliseconds: Self.busyBrokerMilliseconds) {
            printError("the broker at \(frontend) took the connection but has not answered STATUS within \(Self.brokerCheckMilliseconds / 1000) s "
                       + "(busy: a slow disk, say); waiting up to \(Self.busyBrokerMilliseconds / 1000) s more")
        }
        switch try StatusClient(config: config, timeoutMilliseconds: Self.brokerCheckMilliseconds, busyPatience: busy).probeBroker() {
        case .silent:
            throw CommandFailure(StatusClient.notAnswering("broker", at: config.frontend, config: config))
        case .busy:
            throw CommandFailure("the broker at \(config.frontend) took the connection but did not answer STATUS within "
                                 + "\((Self.brokerCheckMilliseconds + Self.busyBrokerMilliseconds) / 1000) s: its loop is held (its log may say why)")
        case .refused(let reason):
            throw CommandFailure("the broker at \(config.frontend) refused STATUS: \(reason)")
        case .answered(let status):
            if status.liveWorkers == 0 {
                printError("warning: the broker at \(config.frontend) reports 0 live workers; documents will wait in the queue until a worker connects")
            }
            return status.features ?? []
        }
    }
}

/// One line on standard error; file names and what documents say in it cannot reach the terminal as escape sequences
/// or break the line (``PrintableText``).
func printError(_ line: String) {
    StandardStreams.writeError(Array((PrintableText.escaping(line) + "\n").utf8))
}

/// A live `count/total, rate, ETA` line on a terminal, for batches of more than 50.
final class ProgressLine {
    let label: String
    let total: Int
    let enabled: Bool
    let start = Date()
    var lastDraw = Date.distantPast

    init(label: String, total: Int) {
        self.label = label
        self.total = total
        enabled = total > 50 && isatty(STDERR_FILENO) == 1
    }

    func update(_ done: Int) {
        guard enabled, Date().timeIntervalSince(lastDraw) > 0.1 || done == total else { return }
        lastDraw = Date()
        let elapsed = max(Date().timeIntervalSince(start), 0.001)
        let rate = Double(done) / elapsed
        let eta = rate > 0 ? Double(total - done) / rate : 0
        let line = String(format: "\r%@ %d/%d  %.0f docs/s  ETA %.0f s   ", label, done, total, rate, eta)
        StandardStreams.writeError(Array(line.utf8))
    }

    func finish() {
        if enabled { StandardStreams.writeError(Array("\n".utf8)) }
    }
}

/// A document of a chunk as the reading thread leaves it: its submission, id made, or why it could not be read.
enum PreparedDocument: Sendable {
    case submission(Submission)
    case unreadable(source: String, reason: String)
}

/// The chunks of `submit`'s documents, read and identified on the read-ahead thread.
// @unchecked Sendable: made on the command's thread and handed to the read-ahead thread, the only one that calls
// `next(published:)` afterwards.
final class ChunkReading: @unchecked Sendable {
    private var chunks: DocumentChunks<DocumentList>

    init(_ chunks: DocumentChunks<DocumentList>) { self.chunks = chunks }

    func next(published: String?) -> [PreparedDocument]? {
        chunks.nextChunk()?.map { document in
            switch document.bytes {
            case .success(let bytes): .submission(SubmitCommand.submission(bytes, source: document.source.name, published: published))
            case .failure(let error): .unreadable(source: document.source.name, reason: "\(error)")
            }
        }
    }
}
