using Spectre.Console;

namespace WeeEvents.Demo.Tests;

/// <summary>A demo console that writes plain text (no colours, no live redraws) into strings the test can read.</summary>
public sealed class TestConsole : IDisposable
{
    private readonly StringWriter _out = new();
    private readonly StringWriter _help = new();
    private readonly StringWriter _error = new();

    public TestConsole()
    {
        var ansi = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(_out),
        });
        ansi.Profile.Width = 160;
        Console = new DemoConsole(ansi, _help, _error);
    }

    public DemoConsole Console { get; }

    public string Output => _out.ToString() + _help;

    public string Error => _error.ToString();

    public void Dispose()
    {
        _out.Dispose();
        _help.Dispose();
        _error.Dispose();
    }

    public override string ToString() => $"--- output ---\n{Output}\n--- error ---\n{Error}";
}
