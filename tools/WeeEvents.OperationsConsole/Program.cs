using WeeEvents.OperationsConsole;

// The operations console on its own: see its README for the settings it reads.
var app = OperationsConsoleApp.Build(args);
app.Run();
