using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace TutorApp.Web.Observability;

/// <summary>
/// Keeps cumulative aggregates (sums, last values, histogram buckets) of this app's meters in memory for the
/// Prometheus endpoint: the exporter packages are not on the package mirror, so the listener and the text format are
/// ours. Only meters made by this host's <see cref="IMeterFactory"/> are read (plus the process-wide runtime meter), so
/// two hosts in one process (tests) do not count each other's requests.
/// </summary>
public sealed class MetricsCollector : IDisposable
{
    /// <summary>Request rate and latency, connections and circuits from ASP.NET Core; the app's own meters by prefix.</summary>
    private static readonly string[] FrameworkMeters =
        ["Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "Microsoft.AspNetCore.Components.Server.Circuits"];

    private const string AppMeterPrefix = "TutorApp.";
    private const string RuntimeMeter = "System.Runtime";

    /// <summary>The OpenTelemetry default buckets, for histograms that bring no advice of their own.</summary>
    private static readonly double[] DefaultBuckets = [0, 5, 10, 25, 50, 75, 100, 250, 500, 750, 1000, 2500, 5000, 7500, 10000];

    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<Instrument, InstrumentAggregate> _instruments = new();
    private readonly Lock _collectLock = new();

    public MetricsCollector(IMeterFactory meterFactory)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            var meter = instrument.Meter;
            var ours = meter.Scope == meterFactory && (meter.Name.StartsWith(AppMeterPrefix, StringComparison.Ordinal) || FrameworkMeters.Contains(meter.Name));
            if (ours || (meter.Scope is null && meter.Name == RuntimeMeter))
            {
                var aggregate = _instruments.GetOrAdd(instrument, i => new InstrumentAggregate(i, BucketsOf(i)));
                listener.EnableMeasurementEvents(instrument, aggregate);
            }
        };
        _listener.MeasurementsCompleted = (instrument, _) => _instruments.TryRemove(instrument, out InstrumentAggregate? _);
        _listener.SetMeasurementEventCallback<byte>((_, value, tags, state) => ((InstrumentAggregate)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<short>((_, value, tags, state) => ((InstrumentAggregate)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<int>((_, value, tags, state) => ((InstrumentAggregate)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<long>((_, value, tags, state) => ((InstrumentAggregate)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<float>((_, value, tags, state) => ((InstrumentAggregate)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<double>((_, value, tags, state) => ((InstrumentAggregate)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<decimal>((_, value, tags, state) => ((InstrumentAggregate)state!).Record((double)value, tags));
        _listener.Start();
    }

    /// <summary>Every instrument's current aggregates; observable instruments are read now.</summary>
    public IReadOnlyList<MetricSnapshot> Collect()
    {
        // Two scrapes at once would otherwise clear each other's observations.
        lock (_collectLock)
        {
            foreach (var aggregate in _instruments.Values.Where(a => a.IsObservable))
            {
                aggregate.ResetObserved();
            }
            _listener.RecordObservableInstruments();
            return _instruments.Values.Select(a => a.Snapshot()).OrderBy(s => s.MeterName, StringComparer.Ordinal)
                .ThenBy(s => s.Name, StringComparer.Ordinal).ToList();
        }
    }

    public void Dispose() => _listener.Dispose();

    private static double[]? BucketsOf(Instrument instrument) => instrument switch
    {
        Histogram<double> h => h.Advice?.HistogramBucketBoundaries?.ToArray() ?? DefaultBuckets,
        Histogram<float> h => h.Advice?.HistogramBucketBoundaries?.Select(b => (double)b).ToArray() ?? DefaultBuckets,
        Histogram<long> h => h.Advice?.HistogramBucketBoundaries?.Select(b => (double)b).ToArray() ?? DefaultBuckets,
        Histogram<int> h => h.Advice?.HistogramBucketBoundaries?.Select(b => (double)b).ToArray() ?? DefaultBuckets,
        _ when IsHistogram(instrument) => DefaultBuckets,
        _ => null,
    };

    private static bool IsHistogram(Instrument instrument) => GenericDefinition(instrument) == typeof(Histogram<>);

    private static Type? GenericDefinition(Instrument instrument) =>
        instrument.GetType().IsGenericType ? instrument.GetType().GetGenericTypeDefinition() : null;

    /// <summary>One instrument's series, one per distinct set of tags.</summary>
    private sealed class InstrumentAggregate(Instrument instrument, double[]? buckets)
    {
        private readonly ConcurrentDictionary<string, Series> _series = new(StringComparer.Ordinal);
        private readonly MetricKind _kind = KindOf(instrument);

        /// <summary>Counters and up-down counters report increments; everything else reports a value.</summary>
        private readonly bool _addsDeltas = !instrument.IsObservable &&
            GenericDefinition(instrument) is { } definition && (definition == typeof(Counter<>) || definition == typeof(UpDownCounter<>));

        public bool IsObservable => instrument.IsObservable;

        public void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            var labels = new KeyValuePair<string, string>[tags.Length];
            for (var i = 0; i < tags.Length; i++)
            {
                labels[i] = new(tags[i].Key, Convert.ToString(tags[i].Value, System.Globalization.CultureInfo.InvariantCulture) ?? "");
            }
            Array.Sort(labels, (a, b) => string.CompareOrdinal(a.Key, b.Key));
            var key = string.Join('\u001f', labels.Select(l => l.Key + '\u001e' + l.Value));
            var series = _series.GetOrAdd(key, _ => new Series(labels, buckets));
            lock (series)
            {
                if (_kind == MetricKind.Histogram)
                {
                    var index = Array.BinarySearch(series.Bounds!, value);
                    // Prometheus buckets are "less than or equal": a value on a boundary belongs to that boundary's bucket.
                    series.BucketCounts![index >= 0 ? index : ~index]++;
                    series.Count++;
                    series.Sum += value;
                }
                else if (_addsDeltas)
                {
                    series.Value += value;
                }
                else
                {
                    // Observable instruments report their current (or cumulative) value, gauges their latest.
                    series.Value = value;
                    series.Observed = true;
                }
            }
        }

        public void ResetObserved()
        {
            foreach (var series in _series.Values)
            {
                lock (series)
                {
                    series.Observed = false;
                }
            }
        }

        public MetricSnapshot Snapshot()
        {
            var points = new List<MetricPoint>();
            // In tag order, so that consecutive scrapes list series alike.
            foreach (var series in _series.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => s.Value))
            {
                lock (series)
                {
                    // An observable series that was not reported in this collection no longer exists (e.g. a closed connection).
                    if (instrument.IsObservable && !series.Observed)
                    {
                        continue;
                    }
                    points.Add(new MetricPoint(series.Labels, series.Value, series.Count, series.Sum,
                        series.BucketCounts is null ? null : Cumulative(series.BucketCounts)));
                }
            }
            return new MetricSnapshot(instrument.Meter.Name, instrument.Name, instrument.Unit, instrument.Description, _kind, buckets, points);
        }

        private static long[] Cumulative(long[] counts)
        {
            var result = new long[counts.Length];
            long running = 0;
            for (var i = 0; i < counts.Length; i++)
            {
                running += counts[i];
                result[i] = running;
            }
            return result;
        }

        private static MetricKind KindOf(Instrument instrument)
        {
            if (IsHistogram(instrument))
            {
                return MetricKind.Histogram;
            }
            var definition = GenericDefinition(instrument);
            return definition == typeof(Counter<>) || definition == typeof(ObservableCounter<>) ? MetricKind.Counter : MetricKind.Gauge;
        }
    }

    private sealed class Series(KeyValuePair<string, string>[] labels, double[]? bounds)
    {
        public KeyValuePair<string, string>[] Labels { get; } = labels;
        public double[]? Bounds { get; } = bounds;

        /// <summary>One slot per bound and one for +Inf.</summary>
        public long[]? BucketCounts { get; } = bounds is null ? null : new long[bounds.Length + 1];

        public double Value { get; set; }
        public long Count { get; set; }
        public double Sum { get; set; }
        public bool Observed { get; set; }
    }
}

public enum MetricKind
{
    Counter,
    Gauge,
    Histogram,
}

/// <param name="CumulativeBuckets">Histograms only: the count of values at or below each bound, then the total (+Inf).</param>
public sealed record MetricPoint(IReadOnlyList<KeyValuePair<string, string>> Labels, double Value, long Count, double Sum, long[]? CumulativeBuckets);

public sealed record MetricSnapshot(
    string MeterName, string Name, string? Unit, string? Description, MetricKind Kind, double[]? Bounds, IReadOnlyList<MetricPoint> Points);
