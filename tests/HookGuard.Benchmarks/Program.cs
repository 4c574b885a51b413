using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;

// Engine-only benchmarks; the real hook's cost (start-up, git) is timed by tests/perf/*.sh.
// BenchmarkDotNet rebuilds the project before running and gives that build 2 minutes by default; compiling the
// regexes generated for the built-in rules (one per pattern, several hundred) took longer on a busy 2-core machine.
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, ManualConfig.Create(DefaultConfig.Instance).WithBuildTimeout(TimeSpan.FromMinutes(10)));
