using WeeEvents.Telemetry;

namespace WeeEvents.AspNetCore.Security;

/// <summary>
/// The audit entry of an attempt refused before the service ran it (no token, a missing role, a malformed key): written
/// whatever the key looks like — a key that is not a valid aggregate key is written as sent, escaped — and never throws.
/// </summary>
internal static class AttemptAudit
{
    public static void Record(HttpContext http, string entityType, string command, string key, string outcome)
    {
        try
        {
            var loggers = http.RequestServices.GetRequiredService<ILoggerFactory>();
            var audit = loggers.CreateLogger(AuditLog.Category);
            var failures = loggers.CreateLogger(AuditLog.FailureCategory);
            var actor = http.User.Identity is { IsAuthenticated: true, Name: { } name } ? name : null;
            var correlation = http.Request.Headers[Http.HttpHeaderNames.CorrelationId].ToString() is { Length: > 0 } given ? given : null;
            if (AggregateKeyRule.IsValid(key) && AggregateKeyRule.CheckType(entityType) is null)
            {
                AuditLog.Record(audit, actor, command, new AggregateId(entityType, key), outcome, correlation, failures);
            }
            else
            {
                AuditLog.RecordAttempt(audit, actor, command, entityType, key, outcome, correlation, failures);
            }
        }
        catch (Exception)
        {
            // No logger to be had: the refusal stands as it is; auditing must never turn it into a 500.
        }
    }
}
