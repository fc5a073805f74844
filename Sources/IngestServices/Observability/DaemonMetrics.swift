import DeliveryRules
import IngestProtocol
import Prometheus

/// The broker's and the aggregator's Prometheus metrics (names in the README), set from their counters on
/// each scrape, plus the broker's accept-to-done latency histogram, observed as jobs finish.
final class DaemonMetrics {
    let registry = PrometheusCollectorRegistry()
    private var counters: [String: (counter: Prometheus.Counter, last: Int)] = [:]
    private var gauges: [String: Prometheus.Gauge] = [:]
    private(set) lazy var latency = registry.makeDurationHistogram(
        name: "ingest_accept_to_done_seconds",
        buckets: [.milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100), .milliseconds(250),
                  .milliseconds(500), .seconds(1), .seconds(2.5), .seconds(5), .seconds(10), .seconds(30), .seconds(60)],
        help: "Seconds from ACCEPTED to DONE (the record stored), per document")

    /// Dead letters the broker wrote since it started: the status's count is of those held now, which a retry or a
    /// record stored after all takes back down, so a counter fed from it hid the dead-letterings that followed.
    var deadLetterings = 0

    /// Sets a counter to an absolute value by adding what is new (counters only go up).
    func count(_ name: String, _ value: Int, help: String) {
        var entry = counters[name] ?? (registry.makeCounter(name: name, help: help), 0)
        if value > entry.last { entry.counter.increment(by: Int64(value - entry.last)) }
        entry.last = max(entry.last, value)
        counters[name] = entry
    }

    func gauge(_ name: String, _ value: Double, help: String) {
        let gauge = gauges[name] ?? registry.makeGauge(name: name, help: help)
        gauge.set(value)
        gauges[name] = gauge
    }

    func brokerStatus(_ status: BrokerStatus) {
        count("ingest_broker_accepted_total", status.accepted, help: "Documents accepted (journaled)")
        count("ingest_broker_duplicates_total", status.duplicates, help: "Submissions answered DUPLICATE")
        count("ingest_broker_rejected_total", status.rejected, help: "Submissions answered REJECTED")
        count("ingest_broker_done_total", status.done, help: "Documents whose record the aggregator stored")
        count("ingest_broker_deadlettered_total", deadLetterings, help: "Documents given up on since the broker started")
        gauge("ingest_broker_deadlettered", Double(status.deadLettered), help: "Documents given up on and not since stored or retried")
        gauge("ingest_broker_queued", Double(status.queued), help: "Documents waiting for a worker")
        gauge("ingest_broker_in_flight", Double(status.inFlight), help: "Documents held by workers")
        gauge("ingest_broker_waiting_for_storage", Double(status.waitingForStorage ?? 0), help: "Extracted documents waiting for the aggregator")
        gauge("ingest_broker_live_workers", Double(status.liveWorkers), help: "Workers heartbeating")
        gauge("ingest_broker_journal_writable", status.storageError == nil ? 1 : 0, help: "1 while the journal takes writes")
        gauge("ingest_broker_dead_letters_writable", status.deadLetterError == nil ? 1 : 0, help: "1 while dead letters can be written")
    }

    func aggregatorStatus(_ status: AggregatorStatus) {
        count("ingest_aggregator_applied_total", status.documentsApplied, help: "Documents applied to the state")
        gauge("ingest_aggregator_provinces", Double(status.provinces), help: "Provinces in the state")
        gauge("ingest_aggregator_sequence", Double(status.sequence), help: "The state's sequence number")
        gauge("ingest_aggregator_staged", Double(status.staged ?? 0), help: "Records waiting for the journal's commit")
        gauge("ingest_aggregator_storage_writable", status.storageError == nil ? 1 : 0, help: "1 while the journal and snapshots take writes")
    }
}
