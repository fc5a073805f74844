import DeliveryRules
import Testing

@Suite("Rate-limited log lines")
struct LogRateLimitTests {
    @Test("at most the burst per period; a burst after a quiet spell is logged again, and every occurrence is counted")
    func burstsPerPeriod() {
        var limit = LogRateLimit(burst: 3, period: 60)
        let flood = (0..<1_000).map { limit.admit(now: 100 + Double($0) * 0.01) }
        #expect(flood.prefix(3).allSatisfy { $0 } && !flood.dropFirst(3).contains(true), "three lines of a flood within a minute")
        // A tester's report: a key revoked an hour after the first refusals went unlogged (the first ten ever, then
        // one in a thousand). Its first refusals now show whenever they come.
        let later = (0..<5).map { limit.admit(now: 3_700 + Double($0)) }
        #expect(later == [true, true, true, false, false])
        let nextMinute = limit.admit(now: 3_700 + 60)
        #expect(nextMinute, "a new minute, a new burst")
        #expect(limit.count == 1_006)
    }

    @Test("a clock that goes backwards or is not a number never stops the lines for good")
    func oddClocks() {
        var limit = LogRateLimit(burst: 1, period: 60)
        let admitted = [1_000, 1_001, 10, .nan, 5_000].map { limit.admit(now: $0) }
        // Backwards within the period is still this window; not a number starts a new one, as does a later time.
        #expect(admitted == [true, false, false, true, true])
    }
}
