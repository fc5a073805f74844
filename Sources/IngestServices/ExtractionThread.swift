import Foundation
import IngestProtocol
import MeetingExtraction
import MeetingModel
import Synchronization
import ZeroMQ

/// Extracts records on a thread of its own, so a long document never stops the worker's loop from
/// heartbeating. Jobs go in and records come out over an inproc PAIR socket pair, so the two threads
/// share no memory: each socket lives on the thread that made it.
final class ExtractionThread {
    /// The loop's end of the pair; readable when a record (or a failure) is ready.
    let socket: Socket
    private let finished = DispatchSemaphore(value: 0)
    private let running = RunningFlag()

    /// With `skipExtraction` (benchmark only), records come from ``CeilingRecords`` instead of the extractor.
    init(context: ZeroMQContext, extractor: MeetingExtractor, skipExtraction: Bool = false) throws {
        let endpoint = "inproc://extraction-\(UUID().uuidString)"
        socket = try Socket(context: context, type: .pair)
        try socket.setLinger(milliseconds: 0)
        try socket.bind(endpoint)
        let finished = finished
        let running = running
        let thread = Thread {
            nameThisThread("extraction")
            ThreadScheduling.extract()
            Self.serve(context: context, endpoint: endpoint, extractor: extractor, skipExtraction: skipExtraction)
            running.clear()
            finished.signal()
        }
        thread.name = "extraction"
        thread.stackSize = 16 << 20
        thread.start()
    }

    /// False once the thread has ended (asked to, or its socket failed): a worker without it must not take jobs.
    var isRunning: Bool { running.isSet }

    /// Hands over a job: `[id, published, body]`.
    func submit(id: DocumentID, metadata: DocumentMetadata, body: [UInt8]) throws {
        try socket.send([Array(id.rawValue.utf8), Array((metadata.published ?? "").utf8), body])
    }

    /// Reads one answer: the id and the record in its binary form, or the id and why it failed.
    func receive() throws -> (DocumentID, Result<[UInt8], ExtractionFailure>)? {
        guard let frames = try socket.receive(dontWait: true), frames.count == 3,
              let id = DocumentID(String(decoding: frames[0], as: UTF8.self)) else { return nil }
        if frames[1].isEmpty { return (id, .failure(ExtractionFailure(reason: String(decoding: frames[2], as: UTF8.self)))) }
        return (id, .success(frames[1]))
    }

    /// Asks the thread to finish and waits for it (at most `timeout` seconds: a long extraction is abandoned).
    func stop(timeout: Double = 2) {
        _ = try? socket.send([[]], dontWait: true)
        _ = finished.wait(timeout: .now() + timeout)
    }

    struct ExtractionFailure: Error { let reason: String }

    private static func serve(context: ZeroMQContext, endpoint: String, extractor: MeetingExtractor, skipExtraction: Bool) {
        guard let socket = try? Socket(context: context, type: .pair) else { return }
        defer { socket.close() }
        _ = try? socket.setLinger(milliseconds: 0)
        guard (try? socket.connect(endpoint)) != nil else { return }
        let ceiling = skipExtraction ? CeilingRecords(extractor: extractor) : nil
        while let frames = try? socket.receive(), frames.count == 3 {
            let answer: [[UInt8]]
            if let ceiling {
                answer = [frames[0], ceiling.record(for: frames[0]).binaryEncoded(), []]
            } else {
                let published = frames[1].isEmpty ? nil : String(decoding: frames[1], as: UTF8.self)
                // The body's bytes are decoded once, here: a body that is not UTF-8 (the broker checks every one at
                // its door, so only a fault gets here) is this job's failure, not the thread's end.
                do throws(ExtractionError) {
                    answer = [frames[0], try extractor.extract(bytes: frames[2], published: published).binaryEncoded(), []]
                } catch {
                    answer = [frames[0], [], Array("the body is not valid UTF-8".utf8)]
                }
            }
            guard (try? socket.send(answer)) != nil else { return }
        }
    }
}

/// Set until its thread ends; read from another.
final class RunningFlag: Sendable {
    private let flag = Atomic<Bool>(true)
    var isSet: Bool { flag.load(ordering: .acquiring) }
    func clear() { flag.store(false, ordering: .releasing) }
}

/// Why a worker stops on its own.
enum WorkerFailure: Error, CustomStringConvertible {
    case extractionStopped

    var description: String { "the extraction thread ended; stopping so that no job waits on it (restart the worker)" }
}
