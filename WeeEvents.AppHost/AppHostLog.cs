using Microsoft.Extensions.Logging;

namespace WeeEvents.AppHost;

/// <summary>What the AppHost tells the developer beside Aspire's own lines (the dashboard's address among them).</summary>
internal static partial class AppHostLog
{
    [LoggerMessage(1, LogLevel.Information, "Broker and database: {Servers} ({Reason})")]
    public static partial void ServersChosen(ILogger logger, string servers, string reason);

    [LoggerMessage(2, LogLevel.Information, "A token for the run's APIs (roles inventory-manager, shipping-clerk, privacy-officer, operator; valid a day): export TOKEN={Token}")]
    public static partial void OperatorToken(ILogger logger, string token);
}
