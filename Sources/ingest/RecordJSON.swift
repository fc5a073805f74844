import MeetingExtraction
import MeetingModel

/// A record as one line of `ingest extract`: the JSON `JSONEncoder` writes with sorted keys and unescaped slashes,
/// plus `file` and `id`, written straight into bytes. Foundation's encoder cost more than extracting the document;
/// this is the CLI's edge, where JSON stays.
enum RecordJSON {
    static func line(_ record: MeetingRecord, file: String, id: String?) -> [UInt8] {
        var json = JSONWriter()
        write(record, file: file, id: id, into: &json)
        json.endLine()
        return json.bytes
    }

    /// The record as a JSON object, with `file` and `id` when given.
    static func write(_ record: MeetingRecord, file: String? = nil, id: String? = nil, into json: inout JSONWriter) {
        json.beginObject()
        json.strings("captions", record.captions)
        if let chair = record.chair { json.key("chair"); person(chair, &json) }
        json.key("coChairs")
        json.beginArray()
        for chair in record.coChairs { person(chair, &json) }
        json.endArray()
        json.string("date", record.date)
        json.string("dateText", record.dateText)
        json.string("endDate", record.endDate)
        json.key("figures")
        json.beginArray()
        for figure in record.figures {
            json.beginObject()
            json.string("text", figure.text)
            json.string("unit", figure.unit)
            json.key("value")
            json.number(figure.value)
            json.endObject()
        }
        json.endArray()
        json.string("file", file)
        json.string("format", record.format?.rawValue)
        json.string("id", id)
        json.strings("locations", record.locations)
        json.string("meetingKind", record.meetingKind)
        json.strings("organizations", record.organizations)
        json.string("partOfDay", record.partOfDay?.rawValue)
        json.key("participants")
        json.beginArray()
        for participant in record.participants {
            json.beginObject()
            json.string("location", participant.location)
            json.string("name", participant.name)
            json.string("province", participant.province)
            json.strings("titles", participant.titles)
            json.endObject()
        }
        json.endArray()
        json.key("provinces")
        json.beginArray()
        for mention in record.provinces {
            json.beginObject()
            json.integer("code", mention.code)
            json.key("formedIn2025")
            json.bool(mention.formedIn2025)
            json.string("mergedInto", mention.mergedInto)
            json.integer("mergedIntoCode", mention.mergedIntoCode)
            json.string("name", mention.name)
            json.strings("roles", mention.roles.map(\.rawValue))
            json.endObject()
        }
        json.endArray()
        json.string("startDate", record.startDate)
        json.string("title", record.title)
        json.strings("topics", record.topics)
        json.strings("warnings", record.warnings)
        json.key("years")
        json.beginArray()
        for year in record.years { json.integer(year) }
        json.endArray()
        json.endObject()
    }

    private static func person(_ person: MeetingRecord.Person, _ json: inout JSONWriter) {
        json.beginObject()
        json.string("name", person.name)
        json.strings("titles", person.titles)
        json.endObject()
    }
}

/// Appends compact JSON to a ``ByteOutput``. Members are written in the order given (the caller sorts the keys); a
/// member whose optional value is nil is left out, as `JSONEncoder` leaves it out.
struct JSONWriter: ~Copyable {
    private var output = ByteOutput(capacity: 4096)
    /// The innermost open object or array has a value (so the next needs a comma); the bits above it say the same of
    /// the ones around it, a bit per level (records nest four deep; past 64 levels a comma could go missing, never a trap).
    private var written: UInt64 = 0
    /// A key was just written: its value needs no comma.
    private var afterKey = false

    init() {}

    /// The JSON written so far.
    var bytes: [UInt8] { output.bytes }

    /// Ends a JSON line.
    mutating func endLine() { output.append(UInt8(ascii: "\n")) }

    private mutating func separate() {
        if afterKey {
            afterKey = false
        } else {
            if written & 1 != 0 { output.append(UInt8(ascii: ",")) }
            written |= 1
        }
    }

    mutating func beginObject() { open(UInt8(ascii: "{")) }
    mutating func endObject() { close(UInt8(ascii: "}")) }
    mutating func beginArray() { open(UInt8(ascii: "[")) }
    mutating func endArray() { close(UInt8(ascii: "]")) }

    private mutating func open(_ bracket: UInt8) {
        separate()
        output.append(bracket)
        written <<= 1
    }

    private mutating func close(_ bracket: UInt8) {
        output.append(bracket)
        written >>= 1
    }

    /// A value already encoded as JSON (a stored record), written as it is.
    mutating func raw(_ json: [UInt8]) {
        separate()
        output.append(json)
    }

    /// A member's name: always a literal of plain ASCII here, so it is copied as it is, not scanned for escapes.
    mutating func key(_ name: StaticString) {
        separate()
        name.withUTF8Buffer { name in
            output.reserve(name.count + 3)
            output.appendReserved(UInt8(ascii: "\""))
            output.appendReserved(name)
            output.appendReserved(UInt8(ascii: "\""))
            output.appendReserved(UInt8(ascii: ":"))
        }
        afterKey = true
    }

    mutating func string(_ value: String) {
        separate()
        append(quoted: value)
    }

    mutating func string(_ name: StaticString, _ value: String?) {
        guard let value else { return }
        key(name)
        string(value)
    }

    mutating func strings(_ name: StaticString, _ values: [String]) {
        key(name)
        beginArray()
        for value in values { string(value) }
        endArray()
    }

    mutating func integer(_ value: Int) {
        separate()
        JSONText.appendDecimal(value, to: &output)
    }

    mutating func integer(_ name: StaticString, _ value: Int?) {
        guard let value else { return }
        key(name)
        integer(value)
    }

    mutating func bool(_ value: Bool) {
        separate()
        let text: StaticString = value ? "true" : "false"
        output.append(text)
    }

    /// Whole numbers as integers (`12`, as `JSONEncoder` writes `12.0`) up to 2^53, where every whole Double is exact;
    /// others in Swift's shortest form. NaN and the infinities, which JSON has no word for, as `null` (the extractor
    /// never makes them, but a stored record came from a worker).
    mutating func number(_ value: Double) {
        if value == 0, value.sign == .minus {
            separate()
            output.append("-0")
        } else if value == value.rounded(), abs(value) <= 9_007_199_254_740_992 {
            integer(Int(value))
        } else if !value.isFinite {
            separate()
            output.append("null")
        } else {
            separate()
            var text = "\(value)"
            text.withUTF8 { output.append($0) }
        }
    }

    private mutating func append(quoted text: String) {
        JSONText.appendQuoted(text, to: &output)
    }
}
