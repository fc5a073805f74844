import IngestServices

/// What `ingest submit` says at the end of a run: how many documents had each answer, and the rejected and never
/// acknowledged by name. Each chunk's ids go to `--wait` or nowhere, so a run over millions of documents holds none.
struct SubmitTally {
    private(set) var submitted = 0
    private(set) var accepted = 0
    private(set) var duplicates = 0
    private(set) var rejected: [(source: String, reason: String)] = []
    private(set) var unacknowledged: [String] = []

    mutating func add(_ outcome: SubmitOutcome) {
        submitted += outcome.submitted
        accepted += outcome.accepted.count
        duplicates += outcome.duplicates.count
        rejected += outcome.rejected
        unacknowledged += outcome.unacknowledged
    }

    /// A document that could not be read, reported as rejected without being sent.
    mutating func addUnreadable(_ source: String, reason: String) {
        submitted += 1
        rejected.append((source, reason))
    }

    var summary: String {
        "submitted \(submitted) accepted \(accepted) duplicate \(duplicates) rejected \(rejected.count)"
            + (unacknowledged.isEmpty ? "" : " unacknowledged \(unacknowledged.count)")
    }
}
