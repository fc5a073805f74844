/// What opening a journal found and did, for the daemon to log (and to alarm on damage).
public struct JournalRecovery: Sendable, Equatable, CustomStringConvertible {
    /// Good records the journal holds after opening.
    public let records: Int
    /// Bytes after the last good record that were cut off: a torn last write, the normal mark of a crash.
    public let truncatedTailBytes: Int
    /// Bytes skipped between good records: damage in the middle, which a crash alone does not explain.
    public let damagedBytes: Int
    /// Good records found after damage; a scan that stopped at the first bad record would have lost them.
    public let salvagedRecords: Int
    /// Where the file was copied as it was before it was rewritten without the damage; `nil` when there was none.
    public let damagedCopy: String?

    public init(records: Int, truncatedTailBytes: Int, damagedBytes: Int, salvagedRecords: Int, damagedCopy: String?) {
        self.records = records
        self.truncatedTailBytes = truncatedTailBytes
        self.damagedBytes = damagedBytes
        self.salvagedRecords = salvagedRecords
        self.damagedCopy = damagedCopy
    }

    /// Whether the journal had damage in the middle (and was therefore copied aside and rewritten).
    public var foundDamage: Bool { damagedBytes > 0 }

    public var description: String {
        var text = "\(records) records"
        if truncatedTailBytes > 0 { text += ", torn tail of \(truncatedTailBytes) bytes cut off" }
        if damagedBytes > 0 {
            text += ", \(damagedBytes) damaged bytes skipped, \(salvagedRecords) records after them kept"
            if let damagedCopy { text += ", original copied to \(damagedCopy)" }
        }
        return text
    }
}
