using System.Diagnostics.Metrics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using TutorApp.Web.Hosting;
using TutorApp.Web.Observability;

namespace TutorApp.UnitTests.Observability;

/// <summary>The app's own Prometheus exposition: aggregation by the listener and the text format, on a private meter factory.</summary>
public sealed class PrometheusExpositionTests : IDisposable
{
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private IMeterFactory Meters => _services.GetRequiredService<IMeterFactory>();

    public void Dispose() => _services.Dispose();

    [Fact]
    public void Counters_sum_per_tag_set_and_histograms_count_into_le_buckets()
    {
        using var collector = new MetricsCollector(Meters);
        var meter = Meters.Create("TutorApp.Test");
        var turns = meter.CreateCounter<long>("tutor.test.turns", "{turn}", "Turns.");
        var latency = meter.CreateHistogram("tutor.test.duration", "s", "Durations.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.1, 1] });
        turns.Add(2, new KeyValuePair<string, object?>("intent", "AnswerAttempt"));
        turns.Add(3, new KeyValuePair<string, object?>("intent", "AnswerAttempt"));
        turns.Add(1, new KeyValuePair<string, object?>("intent", "Say \"hi\"\n"));
        latency.Record(0.05);
        latency.Record(0.1);
        latency.Record(2.5);

        var text = PrometheusTextFormat.Write(collector.Collect().Where(s => s.MeterName == "TutorApp.Test"));

        Assert.Equal("""
            # HELP tutor_test_duration_seconds Durations.
            # TYPE tutor_test_duration_seconds histogram
            tutor_test_duration_seconds_bucket{le="0.1"} 2
            tutor_test_duration_seconds_bucket{le="1"} 2
            tutor_test_duration_seconds_bucket{le="+Inf"} 3
            tutor_test_duration_seconds_sum 2.65
            tutor_test_duration_seconds_count 3
            # HELP tutor_test_turns_total Turns.
            # TYPE tutor_test_turns_total counter
            tutor_test_turns_total{intent="AnswerAttempt"} 5
            tutor_test_turns_total{intent="Say \"hi\"\n"} 1

            """.Replace("\r\n", "\n"), text);
    }

    [Fact]
    public void Gauges_report_their_current_value_and_other_meter_factories_are_not_read()
    {
        using var collector = new MetricsCollector(Meters);
        var active = 0;
        var meter = Meters.Create("TutorApp.Test");
        meter.CreateObservableGauge("tutor.test.active", () => active, "{circuit}");
        var queue = meter.CreateUpDownCounter<int>("tutor.test.queue");
        queue.Add(3);
        queue.Add(-1);
        using var otherServices = new ServiceCollection().AddMetrics().BuildServiceProvider();
        otherServices.GetRequiredService<IMeterFactory>().Create("TutorApp.Test").CreateCounter<long>("tutor.test.elsewhere").Add(1);

        active = 7;
        var text = PrometheusTextFormat.Write(collector.Collect());

        Assert.Contains("# TYPE tutor_test_active gauge\ntutor_test_active 7\n", text);
        Assert.Contains("# TYPE tutor_test_queue gauge\ntutor_test_queue 2\n", text);
        Assert.DoesNotContain("elsewhere", text);
    }

    [Theory]
    [InlineData("127.0.0.1", true)]
    [InlineData("::1", true)]
    [InlineData("::ffff:10.1.2.3", true)]
    [InlineData("10.200.0.9", true)]
    [InlineData("192.168.1.10", false)]
    public void Loopback_and_configured_networks_are_allowed(string address, bool allowed)
    {
        var networks = NetworkList.ParseNetworks(["10.0.0.0/8"], "Metrics:AllowedNetworks");
        Assert.Equal(allowed, NetworkList.Allows(networks, IPAddress.Parse(address)));
    }

    [Fact]
    public void A_bad_network_names_its_configuration_key()
    {
        var error = Assert.Throws<InvalidOperationException>(() => NetworkList.ParseNetworks(["10.0.0.0/8", "10.0.0.300/8"], "ForwardedHeaders:KnownNetworks"));
        Assert.Contains("ForwardedHeaders:KnownNetworks:1", error.Message);
        Assert.Contains("10.0.0.300/8", error.Message);
    }
}
