namespace WeeEvents.Demo.Checks;

/// <summary>One thing the demo checks at the end, whether it held, and the figures behind it.</summary>
/// <param name="Name">What must hold.</param>
/// <param name="Passed">Whether it held.</param>
/// <param name="Detail">The figures, or what broke.</param>
public sealed record DemoCheck(string Name, bool Passed, string Detail);
