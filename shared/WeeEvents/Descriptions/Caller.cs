namespace WeeEvents;

/// <summary>
/// Who sends a command from outside the service, as its host authenticated them: their subject and roles. Commands the
/// service runs itself (from its consumers) have no caller: they are authorised as the service.
/// </summary>
/// <param name="Subject">The caller's subject (a token's <c>sub</c>).</param>
/// <param name="Roles">The roles the caller holds.</param>
public sealed record Caller(string Subject, IReadOnlySet<string> Roles);
