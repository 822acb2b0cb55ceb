using System.Security.Cryptography;
using System.Text;

namespace WeeEvents.AspNetCore.Http;

/// <summary>
/// Serialises requests that share an idempotency key within this process, so that two concurrent retries
/// run the command once: the second waits and then finds the first one's stored response. Striped locks
/// keep memory bounded whatever the number of keys.
/// </summary>
internal sealed class IdempotencyGate : IDisposable
{
    private readonly SemaphoreSlim[] _stripes = Enumerable.Range(0, 64).Select(_ => new SemaphoreSlim(1, 1)).ToArray();

    /// <summary>Waits for the stripe of (<paramref name="scope"/>, <paramref name="key"/>); dispose the result to leave it.</summary>
    public async Task<IDisposable> EnterAsync(string scope, string key, CancellationToken cancellationToken)
    {
        var stripe = _stripes[(int)((uint)HashCode.Combine(scope, key) % (uint)_stripes.Length)];
        await stripe.WaitAsync(cancellationToken);
        return new Release(stripe);
    }

    /// <summary>The hash a stored response is matched on: method, path and body bytes.</summary>
    public static string RequestHash(HttpRequest request, byte[] body)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes($"{request.Method}\n{request.Path}\n"));
        hash.AppendData(body);
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    public void Dispose()
    {
        foreach (var stripe in _stripes)
        {
            stripe.Dispose();
        }
    }

    private sealed class Release(SemaphoreSlim stripe) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                stripe.Release();
            }
        }
    }
}
