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
            written as they go, at most 16 per job ahead of the output, so memory stays flat over any number of files; \
            output keeps the input order.
            """)

    @OptionGroup var options: CommonOptions

    @Argument(help: "Files, folders (recursively, *.txt and *.md), or - for standard input (the default).")
    var paths: [String] = ["-"]

    @Option(help: "Publication date YYYY-MM-DD, for the meeting's year when the text does not give it.")
    var published: String?

    @Option(help: "Documents extracted at once, on as many threads (1 to 64; default: the number of cores, at most 64).")
    var jobs: Int = min(ProcessInfo.processInfo.activeProcessorCount, 64)

    func validate() throws {
        if let published, !MetadataRules.isCalendarDate(published) { throw ValidationError("--published must be YYYY-MM-DD, got \(published)") }
        guard (1...64).contains(jobs) else { throw ValidationError("--jobs must be between 1 and 64, got \(jobs)") }
    }

    func run() async throws {
        let config = try options.loadConfig()
        let extractor = try ExtractorLoader.load(tablesDirectory: config.tablesDirectory)
        let sources = try DocumentSources.list(paths)
        let published = published
        let limit = config.maxDocumentBytes
        let output = ExtractOutput()
        ExtractedLines.extract(sources, threads: jobs, ahead: jobs * 16, { source in
            ExtractedLines.extractOne(source, extractor: extractor, published: published, limit: limit)
        }, write: output.write)
        output.flush()
        let failures = output.failures
        if failures > 0 { throw ExitCode(1) }
    }
}
