namespace WeeEvents.AspNetCore.Http;

/// <summary>
/// Lets one request at a time in this process run under a given idempotency key, so that two concurrent retries run
/// the command once: the second waits for the first and then finds its stored response. The wait is per key — an entry
/// exists only while a request holds or waits for its key, and a lock is held only to find or drop the entry, never
/// across the wait — so requests waiting on one key never hold up another key, and a waiter that gives up (its client
/// went away, or the wait ran out) leaves nothing behind. Twins on other instances meet at the store's claim instead.
/// </summary>
internal sealed class IdempotencyGate
{
    private readonly Dictionary<(string Scope, string Key), Entry> _entries = [];

    /// <summary>How many keys are held or waited for now (for tests: it returns to zero).</summary>
    public int ActiveKeys
    {
        get
        {
            lock (_entries)
            {
                return _entries.Count;
            }
        }
    }

    /// <summary>
    /// Waits up to <paramref name="wait"/> for the key; dispose the result to leave it. Null when a twin still held the
    /// key after <paramref name="wait"/>. Throws when <paramref name="cancellationToken"/> is cancelled, having let go.
    /// </summary>
    public async Task<IDisposable?> EnterAsync(string scope, string key, TimeSpan wait, CancellationToken cancellationToken)
    {
        var id = (scope, key);
        Entry entry;
        lock (_entries)
        {
            if (!_entries.TryGetValue(id, out entry!))
            {
                entry = new Entry();
                _entries[id] = entry;
            }

            entry.Users++;
        }

        var entered = false;
        try
        {
            entered = await entry.Turn.WaitAsync(wait, cancellationToken);
            return entered ? new Release(this, id, entry) : null;
        }
        finally
        {
            if (!entered)
            {
                Leave(id, entry, holding: false);
            }
        }
    }

    private void Leave((string, string) id, Entry entry, bool holding)
    {
        if (holding)
        {
            entry.Turn.Release();
        }

        lock (_entries)
        {
            // Users counts holders and waiters alike: at zero nobody can be inside WaitAsync on it.
            if (--entry.Users == 0)
            {
                _entries.Remove(id);
                entry.Turn.Dispose();
            }
        }
    }

    private sealed class Entry
    {
        public SemaphoreSlim Turn { get; } = new(1, 1);

        public int Users { get; set; }
    }

    private sealed class Release(IdempotencyGate gate, (string, string) id, Entry entry) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                gate.Leave(id, entry, holding: true);
            }
        }
    }
}
