import Foundation
import MeetingExtraction

/// The extractor on the project's own tables (`Config/`), read once per test process: tests that compare what the
/// cluster stored with what the extractor gives run it in-process on the same tables.
public enum ProjectExtractor {
    /// The package's root, from this file's path (`Tests/TestSupport/`), so no test reads `../shared`.
    public static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    public static let tables: ExtractionTables = {
        let config = root.appendingPathComponent("Config")
        do {
            return try ExtractionTables(gazetteerJSON: Data(contentsOf: config.appendingPathComponent("gazetteer.json")),
                                        lexiconJSON: Data(contentsOf: config.appendingPathComponent("lexicon.json")))
        } catch {
            fatalError("the project's extractor tables in \(config.path) do not load: \(error)")
        }
    }()

    public static let shared = MeetingExtractor(tables: tables)
}
