import DeliveryRules
import Foundation
import IngestServices
import MeetingExtraction

/// Documents read and extracted on `threads` threads, the calling thread one of them, each line written in its
/// document's place. A thread takes the next document as soon as it is done with one, at most `ahead` past the last
/// one written, so memory stays flat and no thread waits for a window's slowest document; the thread that finishes
/// the next document to write writes it and whatever is ready after it, so no thread only waits to write (with one
/// job, nothing changes threads at all).
enum ExtractedLines {
    enum Line: Sendable {
        /// The JSON line, newline included.
        case record([UInt8])
        case failure(String)
    }

    static func extract(_ sources: DocumentList, threads: Int, ahead: Int,
                        _ extract: @escaping @Sendable (DocumentSource) -> Line, write: @escaping @Sendable (Line) -> Void) {
        let queue = OrderedHandOff(count: sources.count, ahead: max(ahead, 1), write: write)
        let turns = InputTurns(sources.standardInputPositions)
        let work: @Sendable () -> Void = {
            while let index = queue.take() { queue.finish(index, turns.inTurn(index) { extract(sources[index]) }) }
        }
        for _ in 1..<max(1, min(threads, sources.count)) {
            let thread = Thread(block: work)
            thread.stackSize = 16 << 20  // as the worker's extraction thread: room for the longest document
            thread.start()
        }
        work()
        queue.waitUntilWritten()
    }

    /// A document over `limit` bytes (`max_document_bytes`) is an error line, as the broker refuses it, read no further
    /// than that: a device or a pipe that never ends cannot take all memory.
    static func extractOne(_ source: DocumentSource, extractor: MeetingExtractor, published: String?, limit: Int) -> Line {
        do {
            let bytes = try source.read(atMost: limit)
            // As the broker refuses it: a record of nothing would be no meeting at all (bytes that are not UTF-8 are not
            // blank, and the extractor says what they are).
            if MetadataRules.isBlank(utf8: bytes) { return .failure("\(source.name): document is empty") }
            let record = try extractor.extract(bytes: bytes, published: published)
            // The extractor took the bytes, so they are valid UTF-8: not validated a second time for the id.
            let id = bytes.withUnsafeBufferPointer { DocumentIdentity.id(validUTF8: $0).rawValue }
            return .record(RecordJSON.line(record, file: source.name, id: id))
        } catch {
            return .failure("\(source.name): \(error)")
        }
    }
}

/// The hand-over between the extracting threads: documents are taken in input order, and their lines written in it
/// whatever order they finish in, by one thread at a time.
// @unchecked Sendable: every stored property but `write` is read and written only while `condition` is locked;
// `write` is called only by the thread that set `writing`, one at a time and in order.
private final class OrderedHandOff: @unchecked Sendable {
    private let condition = NSCondition()
    private let count: Int
    private let write: @Sendable (ExtractedLines.Line) -> Void
    private var slots: [ExtractedLines.Line?]
    private var nextToTake = 0
    private var nextToWrite = 0
    /// A thread is writing the lines from `nextToWrite` on.
    private var writing = false

    init(count: Int, ahead: Int, write: @escaping @Sendable (ExtractedLines.Line) -> Void) {
        self.count = count
        self.write = write
        slots = Array(repeating: nil, count: ahead)
    }

    /// The next document to extract, once it is at most `ahead` past the writer; nil when none are left.
    func take() -> Int? {
        condition.lock()
        defer { condition.unlock() }
        while nextToTake < count && nextToTake >= nextToWrite + slots.count { condition.wait() }
        guard nextToTake < count else { return nil }
        nextToTake += 1
        return nextToTake - 1
    }

    /// Keeps the document's line; writes it and the lines ready after it when it is the next to write and no other
    /// thread is writing.
    func finish(_ index: Int, _ line: ExtractedLines.Line) {
        condition.lock()
        slots[index % slots.count] = line
        guard index == nextToWrite, !writing else {
            condition.unlock()
            return
        }
        writing = true
        while let first = slots[nextToWrite % slots.count] {
            var ready = [first]
            slots[nextToWrite % slots.count] = nil
            nextToWrite += 1
            while nextToWrite < count, let next = slots[nextToWrite % slots.count] {
                ready.append(next)
                slots[nextToWrite % slots.count] = nil
                nextToWrite += 1
            }
            condition.broadcast()
            condition.unlock()
            for line in ready { write(line) }
            condition.lock()
            if nextToWrite == count { break }
        }
        writing = false
        condition.broadcast()
        condition.unlock()
    }

    func waitUntilWritten() {
        condition.lock()
        while nextToWrite < count || writing { condition.wait() }
        condition.unlock()
    }
}

/// Standard input given more than once (`- -`) is one stream: the first `-` takes what it holds and the next ones
/// find its end. Taken by threads at once, whichever read first got the text, so the lines came out in either
/// order; each `-` waits here until those before it are done.
// @unchecked Sendable: `done` is read and written only while `condition` is locked.
private final class InputTurns: @unchecked Sendable {
    private let positions: [Int]
    private let condition = NSCondition()
    /// How many of `positions` are done.
    private var done = 0

    init(_ positions: [Int]) { self.positions = positions }

    func inTurn<Result>(_ position: Int, _ body: () -> Result) -> Result {
        guard let turn = positions.firstIndex(of: position) else { return body() }
        condition.lock()
        while done < turn { condition.wait() }
        condition.unlock()
        let result = body()
        condition.lock()
        done += 1
        condition.broadcast()
        condition.unlock()
        return result
    }
}

/// Where `ingest extract` writes: standard output in large writes, and each failure on standard error.
// @unchecked Sendable: only the thread writing in order (see `OrderedHandOff`) calls `write`, one at a time,
// and `flush` and `failures` are read after every document is written.
final class ExtractOutput: @unchecked Sendable {
    private let output = BufferedOutput()
    private(set) var failures = 0

    func write(_ line: ExtractedLines.Line) {
        switch line {
        case .record(let bytes): output.write(bytes)
        case .failure(let message):
            failures += 1
            // The lines before it go out first, so that with stderr on the same terminal or file the order holds.
            output.flush()
            printError(message)
        }
    }

    func flush() { output.flush() }
}
