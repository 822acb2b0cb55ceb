namespace WeeEvents;

/// <summary>How a command ended, in the words metrics, spans and the audit trail use.</summary>
internal static class CommandOutcome
{
    /// <summary>The command recorded its events, or had nothing to record.</summary>
    public const string Success = "success";

    /// <summary>The outcome of a command that threw <paramref name="error"/>.</summary>
    public static string Of(Exception error) => error switch
    {
        AccessDenied => Telemetry.AuditLog.Denied,
        CommandValidationFailed => "invalid",
        DomainRuleViolation => "rejected",
        RevisionConflict => "conflict",
        HandlerNotFound or EntityNotAvailable => "not_found",
        _ => "error",
    };
}
