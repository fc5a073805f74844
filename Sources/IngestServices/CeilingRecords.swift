import MeetingExtraction
import MeetingModel

/// Benchmark only (`ingest worker --benchmark-skip-extraction`, `Scripts/benchmark-cluster.sh --ceiling`):
/// records made without extracting, so that a run measures what the broker and the aggregator can carry
/// (how many worker machines one coordinator feeds). Each record is a real extraction of one built-in report,
/// with its provinces replaced by three units chosen from the document's id, so that the aggregator's writes
/// spread over provinces as real ones do.
struct CeilingRecords {
    private let template: MeetingRecord
    private let units: [Gazetteer.Unit]

    init(extractor: MeetingExtractor) {
        template = extractor.extract(text: """
            Sáng 12/3, UBND tỉnh Cà Mau tổ chức hội nghị trực tuyến về chuyển đổi số. Đồng chí Nguyễn Văn An, Chủ tịch UBND \
            tỉnh chủ trì. Tham dự tại điểm cầu tỉnh Bạc Liêu có đồng chí Trần Thị Bình, Phó Chủ tịch UBND tỉnh Bạc Liêu.
            """, published: "2024-03-12")
        units = extractor.tables.gazetteer.before2025
    }

    func record(for id: [UInt8]) -> MeetingRecord {
        var record = template
        guard !units.isEmpty else { return record }
        var seen = Set<Int>()
        record.provinces = [MeetingRecord.ProvinceRole.host, .bridgePoint, .mentioned].enumerated().compactMap { offset, role in
            let byte = offset < id.count ? Int(id[offset]) &* 31 &+ (id.count > offset + 3 ? Int(id[offset + 3]) : 0) : offset
            let unit = units[byte % units.count]
            guard seen.insert(unit.code).inserted else { return nil }
            return MeetingRecord.ProvinceMention(name: unit.name, code: unit.code, roles: [role], mergedInto: unit.mergedInto)
        }
        return record
    }
}
