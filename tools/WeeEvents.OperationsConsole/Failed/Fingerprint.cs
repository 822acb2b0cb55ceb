using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using WeeEvents.ParkedMessages;

namespace WeeEvents.OperationsConsole.Failed;

/// <summary>
/// What parked messages that failed for the same reason share: the service, the contract, the exception type and its
/// message with ids and numbers taken out (so "order 42 …" and "order 43 …" group together).
/// </summary>
/// <param name="Service">The service whose route parked it.</param>
/// <param name="MessageType">The contract's URN.</param>
/// <param name="ExceptionType">The exception that parked it.</param>
/// <param name="Reason">Its message with ids and numbers replaced.</param>
public sealed partial record Fingerprint(string Service, string MessageType, string ExceptionType, string Reason)
{
    /// <summary>A short stable id for addresses and forms.</summary>
    public string Id => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{Service}\n{MessageType}\n{ExceptionType}\n{Reason}")))[..16];

    /// <summary>The fingerprint of <paramref name="message"/>.</summary>
    public static Fingerprint Of(ParkedMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var queue = message.SourceQueue;
        var service = queue.IndexOf('.', StringComparison.Ordinal) is > 0 and var dot ? queue[..dot] : queue;
        var reason = Numbers().Replace(Ids().Replace(message.Reason ?? "", "{id}"), "{n}");
        return new Fingerprint(service, message.MessageType ?? "?", message.ExceptionType ?? "?", reason);
    }

    [GeneratedRegex(@"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}|\b[a-z]+-[0-9a-zA-Z]{6,}\b")]
    private static partial Regex Ids();

    [GeneratedRegex(@"\d+")]
    private static partial Regex Numbers();
}
