namespace WeeEvents.EndToEnd.Tests.Infrastructure;

/// <summary>A lock across processes: a file held open without sharing, released when disposed.</summary>
public sealed class BuildLock : IAsyncDisposable
{
    private readonly FileStream _file;

    private BuildLock(FileStream file) => _file = file;

    /// <summary>Waits until no other process holds <paramref name="path"/>, then holds it.</summary>
    /// <exception cref="TimeoutException">Another process held it for longer than <paramref name="timeout"/>.</exception>
    public static async Task<BuildLock> TakeAsync(string path, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                return new BuildLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                // Held elsewhere: a file lock has no notification to await, so look again shortly.
                await Task.Delay(TimeSpan.FromSeconds(1));
            }
        }
    }

    public ValueTask DisposeAsync() => _file.DisposeAsync();
}
