import MeetingModel

/// The most a ``MeetingRecord`` holds, whatever the document: a hostile or broken report (a megabyte of `1%, `, of
/// provinces, of names) must not make a record that outgrows the wire's frame limit or the aggregator's memory.
///
/// The caps sit far above what real reports give (the fixtures' largest: 13 figures, 9 participants, 9 provinces,
/// 3 captions, 4 titles a person, a 137-byte headline, a 170-byte caption, an 87-byte title), so they cut only
/// lists and texts no article has. At these caps a record's JSON stays under about 250 KB before escaping (most of
/// it participants: 100 x (100 + 6 x 150 + 200) bytes), under 1.5 MB even if every byte were escaped as `\u00XX`,
/// well within the 4 MiB frame. Whatever a cap cuts is said in `warnings` (`figures capped at 200 of 262144`).
public enum RecordLimits {
    // Lists.
    public static let figures = 200
    public static let participants = 100
    public static let coChairs = 10
    /// Titles of one person.
    public static let titles = 6
    /// Distinct provincial units: 63 before the 2025 merger, so never cut; a guard all the same.
    public static let provinces = 100
    public static let locations = 50
    public static let organizations = 100
    /// The lexicon names 61 topics.
    public static let topics = 100
    /// Years from 1945 to 2100 at most: 156.
    public static let years = 200
    public static let captions = 50
    public static let warnings = 50

    // Texts, in UTF-8 bytes; a cut text ends with `…` within the limit.
    public static let headlineBytes = 500
    public static let captionBytes = 500
    /// The date as written, the meeting's kind.
    public static let phraseBytes = 200
    public static let nameBytes = 100
    public static let titleBytes = 150
    /// Organisations, bridge points, a participant's location.
    public static let placeBytes = 200
    public static let figureTextBytes = 100
    public static let unitBytes = 50
}
