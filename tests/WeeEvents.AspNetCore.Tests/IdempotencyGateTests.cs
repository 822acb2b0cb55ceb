using WeeEvents.AspNetCore.Http;

namespace WeeEvents.AspNetCore.Tests;

/// <summary>
/// Requests waiting for an in-flight twin wait on their own key only: a hundred waiters (or clients that went away) on
/// some keys never hold up another key, and a waiter that gives up leaves nothing behind.
/// </summary>
public sealed class IdempotencyGateTests
{
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task Waiters_on_held_keys_do_not_block_any_other_key()
    {
        var gate = new IdempotencyGate();
        var held = new List<IDisposable>();
        for (var i = 0; i < 100; i++)
        {
            held.Add((await gate.EnterAsync("account", $"held-{i}", TimeSpan.Zero, _ct))!);
        }

        // A twin of each held request waits (their clients will abort).
        using var abort = CancellationTokenSource.CreateLinkedTokenSource(_ct);
        var waiters = Enumerable.Range(0, 100).Select(i => gate.EnterAsync("account", $"held-{i}", TimeSpan.FromMinutes(5), abort.Token)).ToArray();

        // Any other key is entered at once, however its hash falls.
        for (var i = 0; i < 200; i++)
        {
            var other = gate.EnterAsync("account", $"other-{i}", TimeSpan.FromMinutes(5), _ct);
            Assert.True(other.IsCompleted, $"other-{i} had to wait");
            (await other)!.Dispose();
        }

        await abort.CancelAsync();
        foreach (var waiter in waiters)
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiter);
        }

        held.ForEach(h => h.Dispose());
        Assert.Equal(0, gate.ActiveKeys);
    }

    [Fact]
    public async Task A_twin_waits_for_the_holder_and_a_wait_that_runs_out_answers_null()
    {
        var gate = new IdempotencyGate();
        var first = await gate.EnterAsync("account", "k", TimeSpan.Zero, _ct);

        var second = gate.EnterAsync("account", "k", TimeSpan.FromMinutes(1), _ct);
        var timedOut = await gate.EnterAsync("account", "k", TimeSpan.FromMilliseconds(20), _ct);
        Assert.False(second.IsCompleted);
        Assert.Null(timedOut);

        first!.Dispose();
        (await second)!.Dispose();
        Assert.Equal(0, gate.ActiveKeys);
    }
}
