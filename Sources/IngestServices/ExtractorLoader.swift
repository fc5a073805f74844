import Foundation
import MeetingExtraction

/// Reads the extractor's tables from the configured folder once.
public enum ExtractorLoader {
    public static func load(tablesDirectory: String) throws -> MeetingExtractor {
        let gazetteerPath = (tablesDirectory as NSString).appendingPathComponent("gazetteer.json")
        let lexiconPath = (tablesDirectory as NSString).appendingPathComponent("lexicon.json")
        for path in [gazetteerPath, lexiconPath] where !FileManager.default.fileExists(atPath: path) {
            throw TableError(description: "extractor table not found: \(path)")
        }
        let tables = try ExtractionTables(
            gazetteerJSON: Data(contentsOf: URL(fileURLWithPath: gazetteerPath)),
            lexiconJSON: Data(contentsOf: URL(fileURLWithPath: lexiconPath)))
        return MeetingExtractor(tables: tables)
    }
}
