using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WeeEvents.Protection;

namespace WeeEvents.EntityFrameworkCore.Protection;

/// <summary>
/// Forgets in this instance what another instance of the service forgot. <c>CustomerForgotten</c> reaches one instance
/// of a service (its queue is shared); the others learn of it from the <c>data_keys</c> table, every
/// <see cref="ProtectionOptions.ForgetPollInterval"/>, and drop the subject's keys and their caches of plain values
/// (streams and entities), which would otherwise go on serving the customer's data.
/// </summary>
internal sealed partial class ForgottenSubjectsWatch(
    IDataKeyStore keys,
    IPersonalDataProtector protector,
    IOptions<ProtectionOptions> options,
    TimeProvider time,
    ILogger<ForgottenSubjectsWatch> logger) : BackgroundService
{
    // A destroy committed a little before this instance looked carries an earlier time: look back this far each time.
    private static readonly TimeSpan Overlap = TimeSpan.FromSeconds(30);
    private readonly HashSet<(string Subject, DateTimeOffset At)> _seen = [];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (protector is not PersonalDataProtector local || options.Value.Current is null)
        {
            return;
        }

        // What was forgotten before this instance started is not in its memory.
        var since = time.GetUtcNow() - Overlap;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(options.Value.ForgetPollInterval, time, stoppingToken).ConfigureAwait(false);
                var now = time.GetUtcNow();
                foreach (var destroyed in await keys.DestroyedSinceAsync(since, stoppingToken).ConfigureAwait(false))
                {
                    if (_seen.Add(destroyed))
                    {
                        local.ForgetInMemory(destroyed.Subject);
                    }
                }

                _seen.RemoveWhere(s => s.At < now - Overlap - Overlap);
                since = now - Overlap;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // The database away: look again next time, from where this look began.
                LogLookFailed(e);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not look for customers other instances forgot; looking again shortly")]
    private partial void LogLookFailed(Exception error);
}
