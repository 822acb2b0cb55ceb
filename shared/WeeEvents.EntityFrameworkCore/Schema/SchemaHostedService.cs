using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace WeeEvents.EntityFrameworkCore.Schema;

/// <summary>Ensures the schema before the host starts serving (unless <see cref="StorageOptions.EnsureSchema"/> is off).</summary>
internal sealed class SchemaHostedService(SchemaInitializer schema, IOptions<StorageOptions> options) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.EnsureSchema)
        {
            await schema.EnsureSchemaAsync(cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
