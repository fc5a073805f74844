import ArgumentParser
import DeliveryRules
import Foundation
import IngestServices
import MeetingExtraction

struct ExtractCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "extract",
        abstract: "Run the extractor in-process and print one JSON object per document (JSON Lines); no cluster needed.")

    @OptionGroup var options: CommonOptions

    @Argument(help: "Files, folders (recursively, *.txt and *.md), or - for standard input (the default).")
    var paths: [String] = ["-"]

    @Option(help: "Publication date YYYY-MM-DD, for the meeting's year when the text does not give it.")
    var published: String?

    func validate() throws {
        if let published, !MetadataRules.isCalendarDate(published) { throw ValidationError("--published must be YYYY-MM-DD, got \(published)") }
    }

    func run() async throws {
        let config = try options.loadConfig()
        let extractor = try ExtractorLoader.load(tablesDirectory: config.tablesDirectory)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var failures = 0
        for document in try DocumentSources.read(paths) {
            do {
                let record = try extractor.extract(bytes: document.bytes, published: published)
                var object = try JSONSerialization.jsonObject(with: encoder.encode(record)) as! [String: Any]
                object["file"] = document.source
                let line = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
                FileHandle.standardOutput.write(line + Data("\n".utf8))
            } catch {
                failures += 1
                printError("\(document.source): \(error)")
            }
        }
        if failures > 0 { throw ExitCode(1) }
    }
}
