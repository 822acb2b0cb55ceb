using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace WeeEvents.MassTransit.Outbox;

/// <summary>
/// Stops start-up when the configuration still sets a relay key that no longer exists, naming what took its place:
/// binding ignores unknown keys, so a retired one would otherwise be dropped without a word.
/// </summary>
internal sealed class RetiredOutboxSettings(IConfiguration configuration) : IValidateOptions<OutboxRelayOptions>
{
    private static readonly (string Key, string Instead)[] Retired =
    [
        ("KeepDispatchedFor", "set WeeEvents:Database:OutboxRetention instead (the storage's maintenance purges dispatched rows)"),
        ("HousekeepingInterval", $"set {OutboxRelayOptions.Section}:{nameof(OutboxRelayOptions.PendingCountInterval)} instead (purging moved to WeeEvents:Database:OutboxRetention)"),
        ("DispatchOnCommit", "remove it: the relay always publishes a commit's rows as the commit returns, and claims whatever is left behind"),
    ];

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, OutboxRelayOptions options)
    {
        var errors = Retired
            .Where(r => configuration[$"{OutboxRelayOptions.Section}:{r.Key}"] is not null)
            .Select(r => $"{OutboxRelayOptions.Section}:{r.Key} is no longer read; {r.Instead}.")
            .ToList();
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
