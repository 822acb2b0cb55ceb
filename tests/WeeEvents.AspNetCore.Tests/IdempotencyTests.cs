using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using WeeEvents.Messaging;

namespace WeeEvents.AspNetCore.Tests;

public sealed class IdempotencyTests
{
    [Fact]
    public async Task A_retry_with_the_same_key_and_body_returns_the_first_response_without_running_again()
    {
        await using var api = await BankApi.StartAsync();
        await api.OpenAsync("i-1", 100m);
        const string body = """{ "amount": 10 }""";

        using var first = await api.PostAsync("/account/i-1/deposit-funds", body, r => r.Headers.Add("Idempotency-Key", "dep-1"));
        using var retry = await api.PostAsync("/account/i-1/deposit-funds", body, r => r.Headers.Add("Idempotency-Key", "dep-1"));
        using var now = await api.GetAsync("/account/i-1");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        var firstBody = await first.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Equal(firstBody, await retry.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal("true", Assert.Single(retry.Headers.GetValues("Idempotency-Replayed")));
        Assert.False(first.Headers.Contains("Idempotency-Replayed"));
        Assert.Equal("\"2\"", retry.Headers.ETag?.ToString());
        var entity = await BankApi.BodyAsync(now);
        Assert.Equal(2, entity.GetProperty("revision").GetInt64());
        Assert.Equal(110m, entity.GetProperty("state").GetProperty("balance").GetDecimal());
    }

    [Fact]
    public async Task The_key_is_stored_with_the_events_it_produced()
    {
        await using var api = await BankApi.StartAsync();
        await api.OpenAsync("i-2");

        (await api.PostAsync("/account/i-2/deposit-funds", """{ "amount": 1 }""", r => r.Headers.Add("Idempotency-Key", "dep-2"))).Dispose();
        using var events = await api.GetAsync("/account/i-2/events?after=1");

        var recorded = Assert.Single((await BankApi.BodyAsync(events)).GetProperty("events").EnumerateArray());
        Assert.Equal("dep-2", recorded.GetProperty("metadata").GetProperty("idempotencyKey").GetString());
    }

    [Fact]
    public async Task The_same_key_with_another_body_is_a_422_and_runs_nothing()
    {
        await using var api = await BankApi.StartAsync();
        await api.OpenAsync("i-3", 100m);

        (await api.PostAsync("/account/i-3/deposit-funds", """{ "amount": 10 }""", r => r.Headers.Add("Idempotency-Key", "dep-3"))).Dispose();
        using var reused = await api.PostAsync("/account/i-3/deposit-funds", """{ "amount": 99 }""", r => r.Headers.Add("Idempotency-Key", "dep-3"));
        using var now = await api.GetAsync("/account/i-3");

        await Problems.ReadAsync(reused, HttpStatusCode.UnprocessableEntity, "idempotency-key-reused");
        Assert.Equal(110m, (await BankApi.BodyAsync(now)).GetProperty("state").GetProperty("balance").GetDecimal());
    }

    [Fact]
    public async Task Concurrent_retries_with_one_key_run_the_command_once()
    {
        await using var api = await BankApi.StartAsync();
        await api.OpenAsync("i-4", 0m);

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ =>
            api.PostAsync("/account/i-4/deposit-funds", """{ "amount": 5 }""", r => r.Headers.Add("Idempotency-Key", "dep-4"))));
        using var now = await api.GetAsync("/account/i-4");

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(7, responses.Count(r => r.Headers.Contains("Idempotency-Replayed")));
        Assert.Equal(5m, (await BankApi.BodyAsync(now)).GetProperty("state").GetProperty("balance").GetDecimal());
        foreach (var r in responses)
        {
            r.Dispose();
        }
    }

    [Fact]
    public async Task A_refused_command_is_not_stored_so_a_retry_runs_it_again()
    {
        await using var api = await BankApi.StartAsync();
        await api.OpenAsync("i-5", 0m);

        using var refused = await api.PostAsync("/account/i-5/withdraw-funds", """{ "amount": 5 }""", r => r.Headers.Add("Idempotency-Key", "wd-5"));
        (await api.PostAsync("/account/i-5/deposit-funds", """{ "amount": 5 }""")).Dispose();
        using var retried = await api.PostAsync("/account/i-5/withdraw-funds", """{ "amount": 5 }""", r => r.Headers.Add("Idempotency-Key", "wd-5"));

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        Assert.Equal(0m, (await BankApi.BodyAsync(retried)).GetProperty("state").GetProperty("balance").GetDecimal());
    }

    [Fact]
    public async Task A_malformed_key_is_a_400_naming_the_header()
    {
        await using var api = await BankApi.StartAsync(o => o.MaxIdempotencyKeyLength = 10);
        await api.OpenAsync("i-6");

        using var response = await api.PostAsync("/account/i-6/deposit-funds", """{ "amount": 5 }""", r => r.Headers.Add("Idempotency-Key", new string('k', 11)));

        var problem = await Problems.ReadAsync(response, HttpStatusCode.BadRequest, "validation-failed");
        Assert.True(problem.GetProperty("errors").TryGetProperty("Idempotency-Key", out _));
    }

    [Fact]
    public async Task A_crash_between_the_command_and_its_response_being_stored_never_runs_the_command_twice()
    {
        var clock = new ManualClock();
        var store = new CrashingOnceIdempotencyStore();
        await using var api = await BankApi.StartAsync(
            o => o.IdempotencyWait = TimeSpan.Zero,
            host => host.Services.Replace(ServiceDescriptor.Singleton<TimeProvider>(clock)).AddSingleton<IIdempotencyStore>(store));
        await api.OpenAsync("i-7", 0m);
        const string body = """{ "amount": 5 }""";

        // The instance dies after the deposit committed, before its response was stored: the key stays claimed.
        using var crashed = await api.PostAsync("/account/i-7/deposit-funds", body, r => r.Headers.Add("Idempotency-Key", "dep-7"));
        using var soon = await api.PostAsync("/account/i-7/deposit-funds", body, r => r.Headers.Add("Idempotency-Key", "dep-7"));
        clock.Advance(TimeSpan.FromMinutes(2));
        using var later = await api.PostAsync("/account/i-7/deposit-funds", body, r => r.Headers.Add("Idempotency-Key", "dep-7"));
        using var now = await api.GetAsync("/account/i-7");

        Assert.Equal(HttpStatusCode.InternalServerError, crashed.StatusCode);
        await Problems.ReadAsync(soon, HttpStatusCode.Conflict, "idempotency-key-in-progress");
        Assert.Equal(HttpStatusCode.OK, later.StatusCode);
        Assert.Equal("true", Assert.Single(later.Headers.GetValues("Idempotency-Replayed")));
        Assert.Equal(5m, (await BankApi.BodyAsync(later)).GetProperty("state").GetProperty("balance").GetDecimal());
        Assert.Equal(5m, (await BankApi.BodyAsync(now)).GetProperty("state").GetProperty("balance").GetDecimal());
    }

    [Fact]
    public async Task A_claim_abandoned_before_its_command_committed_runs_the_command_once_when_resumed()
    {
        var clock = new ManualClock();
        var store = new InMemoryIdempotencyStore();
        await using var api = await BankApi.StartAsync(
            o => o.IdempotencyWait = TimeSpan.Zero,
            host => host.Services.Replace(ServiceDescriptor.Singleton<TimeProvider>(clock)).AddSingleton<IIdempotencyStore>(store));
        await api.OpenAsync("i-8", 0m);
        const string body = """{ "amount": 5 }""";
        var hash = Http.IdempotencyScope.RequestHash(ProbeRequest(), System.Text.Encoding.UTF8.GetBytes(body));
        // An instance claimed the key (this anonymous caller's, for deposit-funds) and died before its command committed anything.
        var stored = Http.IdempotencyScope.StoredKeyOf("deposit-funds", null, "dep-8");
        await store.ClaimAsync("account", stored, hash, clock.GetUtcNow(), clock.GetUtcNow(), TestContext.Current.CancellationToken);
        clock.Advance(TimeSpan.FromMinutes(2));

        using var resumed = await api.PostAsync("/account/i-8/deposit-funds", body, r => r.Headers.Add("Idempotency-Key", "dep-8"));
        using var retried = await api.PostAsync("/account/i-8/deposit-funds", body, r => r.Headers.Add("Idempotency-Key", "dep-8"));

        Assert.Equal(HttpStatusCode.OK, resumed.StatusCode);
        Assert.False(resumed.Headers.Contains("Idempotency-Replayed"));
        Assert.Equal("true", Assert.Single(retried.Headers.GetValues("Idempotency-Replayed")));
        Assert.Equal(5m, (await BankApi.BodyAsync(retried)).GetProperty("state").GetProperty("balance").GetDecimal());
    }

    private static Microsoft.AspNetCore.Http.HttpRequest ProbeRequest()
    {
        var context = new Microsoft.AspNetCore.Http.DefaultHttpContext();
        context.Request.Method = "POST";
        context.Request.Path = "/account/i-8/deposit-funds";
        return context.Request;
    }

    /// <summary>A clock the test moves by hand.</summary>
    private sealed class ManualClock : TimeProvider
    {
        private DateTimeOffset _now = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }

    /// <summary>An idempotency store whose first completion fails, as if the instance died right after the command.</summary>
    private sealed class CrashingOnceIdempotencyStore : IIdempotencyStore
    {
        private readonly InMemoryIdempotencyStore _inner = new();
        private int _completions;

        public Task<IdempotentResponse?> FindAsync(string scope, string key, CancellationToken cancellationToken) => _inner.FindAsync(scope, key, cancellationToken);

        public Task<bool> TrySaveAsync(string scope, string key, IdempotentResponse response, CancellationToken cancellationToken) =>
            _inner.TrySaveAsync(scope, key, response, cancellationToken);

        public Task<IdempotencyClaim> ClaimAsync(string scope, string key, string requestHash, DateTimeOffset now, DateTimeOffset abandonedBefore, CancellationToken cancellationToken) =>
            _inner.ClaimAsync(scope, key, requestHash, now, abandonedBefore, cancellationToken);

        public Task CompleteAsync(string scope, string key, IdempotentResponse response, CancellationToken cancellationToken) =>
            Interlocked.Increment(ref _completions) == 1
                ? throw new InvalidOperationException("The instance died.")
                : _inner.CompleteAsync(scope, key, response, cancellationToken);

        public Task ReleaseAsync(string scope, string key, CancellationToken cancellationToken) => _inner.ReleaseAsync(scope, key, cancellationToken);
    }
}
