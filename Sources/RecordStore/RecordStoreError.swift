import GRDB

/// Why the records store could not be opened, read or written; each case names the file.
public enum RecordStoreError: Error, CustomStringConvertible, Equatable {
    /// No store at that path (nothing applied yet, or the wrong data directory).
    case missing(path: String)
    /// A page fails SQLite's check, or the file is not a database: `ingest salvage-records` (README).
    case corrupt(path: String, detail: String)
    /// The disk is full or refused a write; nothing of the batch was stored.
    case full(path: String, detail: String)
    /// A store this build cannot use (another schema, no WAL).
    case unsupported(path: String, detail: String)
    /// Any other SQLite failure, with the operation that failed.
    case failed(path: String, operation: String, detail: String)

    init(databaseError error: DatabaseError, path: String, operation: String) {
        let detail = "\(operation): \(error.message ?? "\(error.resultCode)") (SQLite \(error.extendedResultCode.rawValue))"
        switch error.resultCode {
        case .SQLITE_CORRUPT, .SQLITE_NOTADB: self = .corrupt(path: path, detail: detail)
        case .SQLITE_FULL, .SQLITE_IOERR: self = .full(path: path, detail: detail)
        default: self = .failed(path: path, operation: operation, detail: detail)
        }
    }

    public var description: String {
        switch self {
        case .missing(let path):
            "no records store at \(path)"
        case .corrupt(let path, let detail):
            """
            the records store \(path) is damaged (\(detail)). Stop the aggregator and run `ingest salvage-records`: it \
            copies every readable record into a new store, keeps this file aside, and the aggregator then starts from the \
            newest snapshot at or below the last record saved (README, "A damaged records store")
            """
        case .full(let path, let detail):
            "cannot write the records store \(path): \(detail)"
        case .unsupported(let path, let detail):
            "cannot use the records store \(path): \(detail)"
        case .failed(let path, let operation, let detail):
            "records store \(path): \(operation) failed: \(detail)"
        }
    }
}
