using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WeeEvents.EntityFrameworkCore.Inbox;
using WeeEvents.EntityFrameworkCore.Outbox;

namespace WeeEvents.EntityFrameworkCore.Hosting;

/// <summary>
/// Purges, every <see cref="StorageOptions.MaintenanceInterval"/>, inbox rows older than the inbox window,
/// dispatched outbox rows older than <see cref="StorageOptions.OutboxRetention"/> (the only purge of the outbox) and
/// expired idempotency keys.
/// </summary>
internal sealed partial class StorageMaintenanceService(
    EfInboxStore inbox,
    EfOutboxStore outbox,
    EfIdempotencyStore idempotency,
    IOptions<StorageOptions> options,
    TimeProvider time,
    ILogger<StorageMaintenanceService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (settings.MaintenanceInterval <= TimeSpan.Zero)
        {
            return;
        }

        using var timer = new PeriodicTimer(settings.MaintenanceInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await PurgeOnceAsync(settings, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogPurgeFailed(e);
            }
        }
    }

    internal async Task PurgeOnceAsync(StorageOptions settings, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var inboxRows = await inbox.PurgeAsync(now - settings.InboxRetention, cancellationToken);
        var outboxRows = await outbox.PurgeDispatchedAsync(now - settings.OutboxRetention, cancellationToken);
        var keys = await idempotency.PurgeAsync(now - settings.IdempotencyRetention, cancellationToken);
        LogPurged(inboxRows, outboxRows, keys);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Purged {Inbox} inbox rows, {Outbox} dispatched outbox rows and {Keys} idempotency keys")]
    private partial void LogPurged(int inbox, int outbox, int keys);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Storage maintenance failed; retrying at the next interval")]
    private partial void LogPurgeFailed(Exception error);
}
