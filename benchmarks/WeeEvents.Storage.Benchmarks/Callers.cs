namespace WeeEvents.Storage.Benchmarks;

/// <summary>
/// Who these tests' in-process commands run as: the bank service itself, named, as its consumers and timers name
/// themselves. The command path has no default caller, so each command here says who sends it.
/// </summary>
internal static class Callers
{
    /// <summary>The service itself.</summary>
    public static readonly CommandOptions AsService = new() { Caller = new Caller.Service("bank") };
}
