namespace WeeEvents.Operator;

/// <summary>
/// One route's deliveries over the last minute, in twelve five-second slots: how many were handled, skipped as
/// duplicates or failed, and the handling times of those handled in logarithmic buckets (each 25% wider than the
/// last, from 0.1 ms), from which p50 and p99 are read to within a bucket. Recording is a lock and a few increments;
/// a slot older than the window is cleared when its turn comes round again.
/// </summary>
internal sealed class HandlingWindow
{
    /// <summary>The span the figures cover.</summary>
    public static readonly TimeSpan Span = TimeSpan.FromSeconds(SlotSeconds * Slots);

    private const int Slots = 12;
    private const int SlotSeconds = 5;
    private const int Buckets = 64;
    private const double SmallestMs = 0.1;
    private const double Growth = 1.25;
    private static readonly double LogGrowth = Math.Log(Growth);

    private readonly Lock _lock = new();
    private readonly long[] _epochs = new long[Slots];
    private readonly long[] _handled = new long[Slots];
    private readonly long[] _duplicates = new long[Slots];
    private readonly long[] _failed = new long[Slots];
    private readonly long[,] _times = new long[Slots, Buckets];
    private long _handledTotal;
    private long _duplicatesTotal;
    private long _failedTotal;

    /// <summary>Counts one delivery at <paramref name="nowSeconds"/> (Unix seconds) that took <paramref name="seconds"/>.</summary>
    public void Record(long nowSeconds, double seconds, HandlingOutcome outcome)
    {
        var epoch = nowSeconds / SlotSeconds;
        var slot = (int)(epoch % Slots);
        lock (_lock)
        {
            if (_epochs[slot] != epoch)
            {
                Clear(slot, epoch);
            }

            switch (outcome)
            {
                case HandlingOutcome.Handled:
                    _handled[slot]++;
                    _handledTotal++;
                    _times[slot, Bucket(seconds * 1000)]++;
                    break;
                case HandlingOutcome.Duplicate:
                    _duplicates[slot]++;
                    _duplicatesTotal++;
                    break;
                default:
                    _failed[slot]++;
                    _failedTotal++;
                    break;
            }
        }
    }

    /// <summary>The figures of the window ending at <paramref name="nowSeconds"/>.</summary>
    public RouteHandling Read(string route, long nowSeconds)
    {
        var oldest = (nowSeconds / SlotSeconds) - Slots + 1;
        var times = new long[Buckets];
        long handled = 0, duplicates = 0, failed = 0;
        long handledTotal, duplicatesTotal, failedTotal;
        lock (_lock)
        {
            for (var slot = 0; slot < Slots; slot++)
            {
                if (_epochs[slot] < oldest)
                {
                    continue;
                }

                handled += _handled[slot];
                duplicates += _duplicates[slot];
                failed += _failed[slot];
                for (var b = 0; b < Buckets; b++)
                {
                    times[b] += _times[slot, b];
                }
            }

            (handledTotal, duplicatesTotal, failedTotal) = (_handledTotal, _duplicatesTotal, _failedTotal);
        }

        return new RouteHandling(route, handled, handled / Span.TotalSeconds, Percentile(times, handled, 0.50), Percentile(times, handled, 0.99),
            duplicates, failed, handledTotal, duplicatesTotal, failedTotal);
    }

    private void Clear(int slot, long epoch)
    {
        _epochs[slot] = epoch;
        _handled[slot] = _duplicates[slot] = _failed[slot] = 0;
        for (var b = 0; b < Buckets; b++)
        {
            _times[slot, b] = 0;
        }
    }

    private static int Bucket(double ms) =>
        ms <= SmallestMs ? 0 : Math.Min(Buckets - 1, 1 + (int)(Math.Log(ms / SmallestMs) / LogGrowth));

    // The upper bound of the bucket the rank falls in: never reports a time as faster than it was.
    private static double? Percentile(long[] times, long count, double quantile)
    {
        if (count == 0)
        {
            return null;
        }

        var rank = (long)Math.Ceiling(quantile * count);
        long seen = 0;
        for (var b = 0; b < Buckets; b++)
        {
            seen += times[b];
            if (seen >= rank)
            {
                return SmallestMs * Math.Pow(Growth, b);
            }
        }

        return SmallestMs * Math.Pow(Growth, Buckets - 1);
    }
}

/// <summary>How a delivery ended.</summary>
internal enum HandlingOutcome
{
    Handled,
    Duplicate,
    Failed,
}
