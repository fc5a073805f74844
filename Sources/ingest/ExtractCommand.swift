import ArgumentParser
import DeliveryRules
import Foundation
import IngestServices
import MeetingExtraction
import Synchronization

struct ExtractCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "extract",
        abstract: "Run the extractor in-process and print one JSON object per document (JSON Lines); no cluster needed.",
        discussion: """
            Each line is the record with `file` (where the document came from) and `id` (the id the cluster gives the \
            same text: the SHA-256 of its canonical form, as `ingest submit` computes it). Documents are read, extracted and \
            written a window at a time, so memory stays flat over any number of files; output keeps the input order.
            """)

    @OptionGroup var options: CommonOptions

    @Argument(help: "Files, folders (recursively, *.txt and *.md), or - for standard input (the default).")
    var paths: [String] = ["-"]

    @Option(help: "Publication date YYYY-MM-DD, for the meeting's year when the text does not give it.")
    var published: String?

    @Option(help: "Documents extracted at once, on as many threads (1 to 64; default: the number of cores).")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    func validate() throws {
        if let published, !MetadataRules.isCalendarDate(published) { throw ValidationError("--published must be YYYY-MM-DD, got \(published)") }
        guard (1...64).contains(jobs) else { throw ValidationError("--jobs must be between 1 and 64, got \(jobs)") }
    }

    func run() async throws {
        let config = try options.loadConfig()
        let extractor = try ExtractorLoader.load(tablesDirectory: config.tablesDirectory)
        let sources = try DocumentSources.list(paths)
        let window = jobs * 8
        var failures = 0
        var start = 0
        while start < sources.count {
            let batch = Array(sources[start..<min(sources.count, start + window)])
            for line in ExtractedLines.extract(batch, with: extractor, published: published, threads: jobs) {
                switch line {
                case .record(let bytes):
                    FileHandle.standardOutput.write(Data(bytes))
                case .failure(let message):
                    failures += 1
                    printError(message)
                }
            }
            start += batch.count
        }
        if failures > 0 { throw ExitCode(1) }
    }
}

/// One window of documents read and extracted on `threads` threads, each result in its document's place.
enum ExtractedLines {
    enum Line: Sendable {
        /// The JSON line, newline included.
        case record([UInt8])
        case failure(String)
    }

    static func extract(_ batch: [DocumentSource], with extractor: MeetingExtractor, published: String?, threads: Int) -> [Line] {
        let lines = Mutex([Line](repeating: .failure(""), count: batch.count))
        let next = Atomic(0)
        DispatchQueue.concurrentPerform(iterations: min(threads, batch.count)) { _ in
            while true {
                let index = next.add(1, ordering: .relaxed).oldValue
                guard index < batch.count else { return }
                let line = extractOne(batch[index], extractor: extractor, published: published)
                lines.withLock { $0[index] = line }
            }
        }
        return lines.withLock { $0 }
    }

    private static func extractOne(_ source: DocumentSource, extractor: MeetingExtractor, published: String?) -> Line {
        do {
            let bytes = try source.read()
            let record = try extractor.extract(bytes: bytes, published: published)
            // The extractor took the bytes, so they are valid UTF-8: not validated a second time for the id.
            let id = bytes.withUnsafeBufferPointer { DocumentIdentity.id(validUTF8: $0).rawValue }
            return .record(RecordJSON.line(record, file: source.name, id: id))
        } catch {
            return .failure("\(source.name): \(error)")
        }
    }
}
