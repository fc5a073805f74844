import MeetingModel

extension MeetingRecord {
    /// The record within ``RecordLimits``, with a warning for each list or kind of text a limit cut.
    func bounded() -> MeetingRecord {
        // Nearly every record fits: checked without copying anything.
        guard !isWithinLimits else { return self }
        var record = self
        var cuts = RecordCuts()
        record.title = cuts.text(title, RecordLimits.headlineBytes, "title")
        record.dateText = cuts.text(dateText, RecordLimits.phraseBytes, "dateText")
        record.meetingKind = cuts.text(meetingKind, RecordLimits.phraseBytes, "meetingKind")
        record.chair = chair.map { cuts.person($0) }
        record.coChairs = cuts.list(coChairs, RecordLimits.coChairs, "coChairs").map { cuts.person($0) }
        record.participants = cuts.list(participants, RecordLimits.participants, "participants").map { participant in
            let person = cuts.person(Person(name: participant.name, titles: participant.titles))
            return Participant(name: person.name, titles: person.titles, province: participant.province,
                               location: cuts.text(participant.location, RecordLimits.placeBytes, "locations"))
        }
        record.provinces = cuts.list(provinces, RecordLimits.provinces, "provinces")
        record.locations = cuts.list(locations, RecordLimits.locations, "locations").map { cuts.text($0, RecordLimits.placeBytes, "locations") }
        record.organizations = cuts.list(organizations, RecordLimits.organizations, "organizations")
            .map { cuts.text($0, RecordLimits.placeBytes, "organizations") }
        record.topics = cuts.list(topics, RecordLimits.topics, "topics")
        record.years = cuts.list(years, RecordLimits.years, "years")
        record.figures = cuts.list(figures, RecordLimits.figures, "figures").map { figure in
            Figure(text: cuts.text(figure.text, RecordLimits.figureTextBytes, "figures"), value: figure.value,
                   unit: cuts.text(figure.unit, RecordLimits.unitBytes, "figures"))
        }
        record.captions = cuts.list(captions, RecordLimits.captions, "captions").map { cuts.text($0, RecordLimits.captionBytes, "captions") }
        record.warnings = Array((warnings + cuts.warnings).prefix(RecordLimits.warnings))
        return record
    }
}

extension MeetingRecord {
    /// Whether ``bounded()`` would change nothing.
    var isWithinLimits: Bool {
        typealias L = RecordLimits
        func fits(_ text: String?, _ limit: Int) -> Bool { (text?.utf8.count ?? 0) <= limit }
        func fits(_ name: String, _ titles: [String]) -> Bool {
            fits(name, L.nameBytes) && titles.count <= L.titles && titles.allSatisfy { fits($0, L.titleBytes) }
        }
        return fits(title, L.headlineBytes) && fits(dateText, L.phraseBytes) && fits(meetingKind, L.phraseBytes)
            && (chair.map { fits($0.name, $0.titles) } ?? true)
            && coChairs.count <= L.coChairs && coChairs.allSatisfy { fits($0.name, $0.titles) }
            && participants.count <= L.participants
            && participants.allSatisfy { fits($0.name, $0.titles) && fits($0.location, L.placeBytes) }
            && provinces.count <= L.provinces
            && locations.count <= L.locations && locations.allSatisfy { fits($0, L.placeBytes) }
            && organizations.count <= L.organizations && organizations.allSatisfy { fits($0, L.placeBytes) }
            && topics.count <= L.topics && years.count <= L.years
            && figures.count <= L.figures && figures.allSatisfy { fits($0.text, L.figureTextBytes) && fits($0.unit, L.unitBytes) }
            && captions.count <= L.captions && captions.allSatisfy { fits($0, L.captionBytes) }
            && warnings.count <= L.warnings
    }
}
