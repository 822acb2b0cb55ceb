using BenchmarkDotNet.Running;

// dotnet run -c Release --project benchmarks/WeeEvents.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(WeeEvents.Benchmarks.ReplayBenchmarks).Assembly).Run(args);
