import Foundation
import TestSupport
import MeetingExtraction
import MeetingModel
import Testing
import ZeroMQ
@testable import IngestServices

/// The worker's extraction thread takes a job's body as the bytes the broker sent and decodes them once.
@Suite("Extraction thread")
struct ExtractionThreadTests {
    static let extractor = ProjectExtractor.shared

    /// Waits up to five seconds for the thread's answer to one job.
    static func answer(_ thread: ExtractionThread) throws -> (DocumentID, Result<[UInt8], ExtractionThread.ExtractionFailure>)? {
        for _ in 0..<500 {
            if let answer = try thread.receive() { return answer }
            usleep(10_000)
        }
        return nil
    }

    @Test("a body that is not UTF-8 fails its own job, and the thread goes on with the next")
    func invalidBodyFailsTheJobOnly() throws {
        let context = try ZeroMQContext()
        let thread = try ExtractionThread(context: context, extractor: Self.extractor)
        defer { thread.stop() }
        let bad = try #require(DocumentID(String(repeating: "a", count: 64)))
        let good = try #require(DocumentID(String(repeating: "b", count: 64)))
        let text = "Sáng 12/3, UBND tỉnh Quảng Trị tổ chức hội nghị tổng kết công tác năm. Chủ tịch UBND tỉnh chủ trì hội nghị."

        try thread.submit(id: bad, metadata: DocumentMetadata(), body: Array("Hội nghị ".utf8) + [0xC3, 0x28])
        let failed = try #require(try Self.answer(thread))
        #expect(failed.0 == bad)
        guard case .failure(let failure) = failed.1 else { Issue.record("an invalid body was extracted"); return }
        #expect(failure.reason.contains("UTF-8"))

        try thread.submit(id: good, metadata: DocumentMetadata(published: "2024-03-12"), body: Array(text.utf8))
        let done = try #require(try Self.answer(thread))
        #expect(done.0 == good)
        guard case .success(let binary) = done.1 else { Issue.record("a valid body failed"); return }
        #expect(try MeetingRecord(binary: binary) == Self.extractor.extract(text: text, published: "2024-03-12"))
        #expect(thread.isRunning)
    }
}
