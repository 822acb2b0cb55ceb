using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Spectre.Console;
using WeeEvents.EntityFrameworkCore;
using WeeEvents.EntityFrameworkCore.Protection;
using WeeEvents.Protection;

namespace WeeEvents.Admin.Keys;

/// <summary><c>keys rotate</c>: re-wraps one service database's data keys with the current KEK.</summary>
public static class KeyCommands
{
    /// <summary>
    /// Re-wraps every data key of the database that <paramref name="configuration"/> names (the service's own keys:
    /// <c>WeeEvents:Database:Provider</c>, <c>ConnectionStrings:Events</c>, <c>WeeEvents:Protection:*</c>) and prints how
    /// many it re-wrapped.
    /// </summary>
    public static async Task<int> RotateAsync(IConfiguration configuration, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var services = new ServiceCollection().AddLogging();
        services.AddWeeEventsStorage(configuration);
        services.AddWeeEventsProtection(configuration);
        await using var provider = services.BuildServiceProvider();
        var options = provider.GetRequiredService<IOptions<ProtectionOptions>>().Value;
        var failures = new ProtectionOptionsValidator().Validate(options);
        if (!failures.IsValid || options.Current is null)
        {
            await Console.Error.WriteLineAsync(failures.IsValid ? $"{ProtectionOptions.Section}:KeyEncryptionKey (the new KEK) is required." : failures.ToString("; "));
            return AdminCommand.UsageError;
        }

        // A database the service has not opened since data keys came in lacks the table: it is made (and holds none).
        await provider.GetRequiredService<EntityFrameworkCore.Schema.SchemaInitializer>().EnsureSchemaAsync(cancellationToken);
        var wrapper = provider.GetRequiredService<IKeyWrapper>();
        var count = await KeyRotation.RewrapAllAsync(provider.GetRequiredService<IDataKeyStore>(), wrapper, cancellationToken);
        AnsiConsole.MarkupLine($"Re-wrapped {count} data keys with key-encryption key {Markup.Escape(wrapper.CurrentKekId)}; no key needs a previous one now.");
        return AdminCommand.Success;
    }
}
